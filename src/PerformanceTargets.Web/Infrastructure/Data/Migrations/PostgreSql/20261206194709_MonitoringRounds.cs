using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    EndMonth = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMonitorings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AnnualBudget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ExecutedToDate = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ExpectedFullYear = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProjectMonitoringId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Level1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Level2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CompletedToDate = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ExpectedFullYear = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Likelihood = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Causes = table.Column<int>(type: "integer", nullable: false),
                    DeviationNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CorrectiveMeasures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Remark = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProjectMonitoringId = table.Column<int>(type: "integer", nullable: false)
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
