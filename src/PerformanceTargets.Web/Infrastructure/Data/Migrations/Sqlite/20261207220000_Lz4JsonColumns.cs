using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Nothing on this provider: PostgreSQL's migration of this name compresses its JSON columns with <c>lz4</c>; SQLite
    /// has no per-column compression method to choose. Kept so every provider has the same history.
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261207220000_Lz4JsonColumns")]
    public partial class Lz4JsonColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
