using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExtraFields",
                table: "Projects",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FundsSplitUnknown",
                table: "Projects",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "MediumTermGoal",
                table: "Projects",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtraFields",
                table: "Indicators",
                type: "text",
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
