using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.SqlServer
{
    /// <summary>
    /// Nothing on this provider: PostgreSQL's migration of this name adds the triggers of its change feed
    /// (<see cref="PostgresChangeFeed"/>), which this provider has no counterpart of. Kept so every provider has the same history.
    /// </summary>
    [DbContext(typeof(SqlServerAppDbContext))]
    [Migration("20261207103000_ChangeNotifications")]
    public partial class ChangeNotifications : Migration
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
