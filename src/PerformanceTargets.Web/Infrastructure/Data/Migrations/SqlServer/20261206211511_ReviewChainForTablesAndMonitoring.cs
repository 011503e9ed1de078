using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReviewChainForTablesAndMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "ProjectMonitorings",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "MonitoringHistory",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "DepartmentTables",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "DepartmentTableHistory",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            // Tables and entries submitted before the chain existed wait at its first level, the unit's own head.
            migrationBuilder.Sql("UPDATE \"DepartmentTables\" SET \"Stage\" = 'Unit' WHERE \"Status\" = 'Submitted'");
            migrationBuilder.Sql("UPDATE \"ProjectMonitorings\" SET \"Stage\" = 'Unit' WHERE \"Status\" = 'Submitted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Stage",
                table: "ProjectMonitorings");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "MonitoringHistory");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "DepartmentTables");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "DepartmentTableHistory");
        }
    }
}
