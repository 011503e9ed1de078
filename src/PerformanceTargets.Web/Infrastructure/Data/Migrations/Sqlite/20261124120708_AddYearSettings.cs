using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddYearSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "YearSettings",
                columns: table => new
                {
                    FiscalYearId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExecutionWeight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    TargetTooLowPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    MonitoringRedBelowPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    MonitoringYellowBelowPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettings", x => x.FiscalYearId);
                    table.ForeignKey(
                        name: "FK_YearSettings_FiscalYears_FiscalYearId",
                        column: x => x.FiscalYearId,
                        principalTable: "FiscalYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearSettingsGradeBands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Min = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    YearSettingsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettingsGradeBands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearSettingsGradeBands_YearSettings_YearSettingsId",
                        column: x => x.YearSettingsId,
                        principalTable: "YearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearSettingsGroupWeights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    YearSettingsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettingsGroupWeights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearSettingsGroupWeights_YearSettings_YearSettingsId",
                        column: x => x.YearSettingsId,
                        principalTable: "YearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearSettingsQualitativeTiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinFraction = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    MaxFraction = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    MaxInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DefaultFraction = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    YearSettingsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettingsQualitativeTiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearSettingsQualitativeTiers_YearSettings_YearSettingsId",
                        column: x => x.YearSettingsId,
                        principalTable: "YearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_YearSettingsGradeBands_YearSettingsId",
                table: "YearSettingsGradeBands",
                column: "YearSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_YearSettingsGroupWeights_YearSettingsId",
                table: "YearSettingsGroupWeights",
                column: "YearSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_YearSettingsQualitativeTiers_YearSettingsId",
                table: "YearSettingsQualitativeTiers",
                column: "YearSettingsId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "YearSettingsGradeBands");

            migrationBuilder.DropTable(
                name: "YearSettingsGroupWeights");

            migrationBuilder.DropTable(
                name: "YearSettingsQualitativeTiers");

            migrationBuilder.DropTable(
                name: "YearSettings");
        }
    }
}
