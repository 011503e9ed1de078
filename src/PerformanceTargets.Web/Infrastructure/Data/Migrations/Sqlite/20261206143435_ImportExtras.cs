using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportExtras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CodeProvisional",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExtraFields",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FundsSplitUnknown",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "MediumTermGoal",
                table: "Projects",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtraFields",
                table: "Indicators",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeProvisional",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ExtraFields",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "FundsSplitUnknown",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "MediumTermGoal",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ExtraFields",
                table: "Indicators");
        }
    }
}
