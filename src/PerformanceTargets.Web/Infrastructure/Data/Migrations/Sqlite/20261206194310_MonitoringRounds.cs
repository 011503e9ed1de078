using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonitoringRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonitoringRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    EndMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMonitorings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AnnualBudget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ExecutedToDate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ExpectedFullYear = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMonitorings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMonitorings_MonitoringRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MonitoringRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectMonitorings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectMonitorings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MonitoringHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProjectMonitoringId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonitoringHistory_ProjectMonitorings_ProjectMonitoringId",
                        column: x => x.ProjectMonitoringId,
                        principalTable: "ProjectMonitorings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonitoringIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Level1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Level2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CompletedToDate = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExpectedFullYear = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Likelihood = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Causes = table.Column<int>(type: "INTEGER", nullable: false),
                    DeviationNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CorrectiveMeasures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Remark = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProjectMonitoringId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonitoringIndicators_ProjectMonitorings_ProjectMonitoringId",
                        column: x => x.ProjectMonitoringId,
                        principalTable: "ProjectMonitorings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringHistory_ProjectMonitoringId",
                table: "MonitoringHistory",
                column: "ProjectMonitoringId");

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringIndicators_ProjectMonitoringId",
                table: "MonitoringIndicators",
                column: "ProjectMonitoringId");

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringRounds_Year_EndMonth",
                table: "MonitoringRounds",
                columns: new[] { "Year", "EndMonth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonitorings_ProjectId",
                table: "ProjectMonitorings",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonitorings_RoundId_ProjectId",
                table: "ProjectMonitorings",
                columns: new[] { "RoundId", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonitorings_RoundId_UnitId",
                table: "ProjectMonitorings",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonitorings_UnitId",
                table: "ProjectMonitorings",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonitoringHistory");

            migrationBuilder.DropTable(
                name: "MonitoringIndicators");

            migrationBuilder.DropTable(
                name: "ProjectMonitorings");

            migrationBuilder.DropTable(
                name: "MonitoringRounds");
        }
    }
}
