using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DepartmentTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DepartmentTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Duties = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OverallGoal = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AmountUnit = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Executed = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ApprovedSnapshot = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentTables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentTables_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentIncomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    DepartmentTableId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentIncomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentIncomes_DepartmentTables_DepartmentTableId",
                        column: x => x.DepartmentTableId,
                        principalTable: "DepartmentTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Level1 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Level2 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MeasureUnit = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ScoringStandard = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    Actual = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ActualScore = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    DeviationReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DepartmentTableId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentIndicators_DepartmentTables_DepartmentTableId",
                        column: x => x.DepartmentTableId,
                        principalTable: "DepartmentTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentTableHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DepartmentTableId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentTableHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentTableHistory_DepartmentTables_DepartmentTableId",
                        column: x => x.DepartmentTableId,
                        principalTable: "DepartmentTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PlannedAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ExpectedGoal = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DepartmentTableId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentTasks_DepartmentTables_DepartmentTableId",
                        column: x => x.DepartmentTableId,
                        principalTable: "DepartmentTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentIncomes_DepartmentTableId",
                table: "DepartmentIncomes",
                column: "DepartmentTableId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentIndicators_DepartmentTableId",
                table: "DepartmentIndicators",
                column: "DepartmentTableId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentTableHistory_DepartmentTableId",
                table: "DepartmentTableHistory",
                column: "DepartmentTableId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentTables_UnitId_Year",
                table: "DepartmentTables",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentTables_Year_Status",
                table: "DepartmentTables",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentTasks_DepartmentTableId",
                table: "DepartmentTasks",
                column: "DepartmentTableId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartmentIncomes");

            migrationBuilder.DropTable(
                name: "DepartmentIndicators");

            migrationBuilder.DropTable(
                name: "DepartmentTableHistory");

            migrationBuilder.DropTable(
                name: "DepartmentTasks");

            migrationBuilder.DropTable(
                name: "DepartmentTables");
        }
    }
}
