using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SubGoalHeadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivityHeading",
                table: "SubGoals",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AreaHeading",
                table: "SubGoals",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivityHeading",
                table: "SubGoals");

            migrationBuilder.DropColumn(
                name: "AreaHeading",
                table: "SubGoals");
        }
    }
}
