using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReviewChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "Projects",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "ProjectHistory",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "DisabledReviewChecks",
                table: "FiscalYears",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ReviewLevels",
                table: "FiscalYears",
                type: "int",
                nullable: false,
                defaultValue: 1);

            // Projects submitted before the chain existed wait at its first level, the unit's own head.
            migrationBuilder.Sql("UPDATE \"Projects\" SET \"Stage\" = 'Unit' WHERE \"Status\" = 'Submitted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Stage",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "ProjectHistory");

            migrationBuilder.DropColumn(
                name: "DisabledReviewChecks",
                table: "FiscalYears");

            migrationBuilder.DropColumn(
                name: "ReviewLevels",
                table: "FiscalYears");
        }
    }
}
