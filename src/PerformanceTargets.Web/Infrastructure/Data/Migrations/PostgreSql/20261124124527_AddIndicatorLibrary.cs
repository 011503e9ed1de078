using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddIndicatorLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LibraryIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Level1 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Level2 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Comparator = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MeasureUnit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TypicalValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Fields = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryIndicators", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryIndicators_Level1_Level2_Name",
                table: "LibraryIndicators",
                columns: new[] { "Level1", "Level2", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryIndicators_Status",
                table: "LibraryIndicators",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LibraryIndicators");
        }
    }
}
