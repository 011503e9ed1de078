using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PerformanceTargets.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DepartmentYearSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DepartmentYearSettings",
                columns: table => new
                {
                    FiscalYearId = table.Column<int>(type: "integer", nullable: false),
                    ExecutionWeight = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentYearSettings", x => x.FiscalYearId);
                    table.ForeignKey(
                        name: "FK_DepartmentYearSettings_FiscalYears_FiscalYearId",
                        column: x => x.FiscalYearId,
                        principalTable: "FiscalYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentYearSettingsGradeBands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Min = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    DepartmentYearSettingsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentYearSettingsGradeBands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentYearSettingsGradeBands_DepartmentYearSettings_Dep~",
                        column: x => x.DepartmentYearSettingsId,
                        principalTable: "DepartmentYearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentYearSettingsGroupWeights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    DepartmentYearSettingsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentYearSettingsGroupWeights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentYearSettingsGroupWeights_DepartmentYearSettings_D~",
                        column: x => x.DepartmentYearSettingsId,
                        principalTable: "DepartmentYearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentYearSettingsQualitativeTiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinFraction = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    MaxFraction = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    MaxInclusive = table.Column<bool>(type: "boolean", nullable: false),
                    DefaultFraction = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    DepartmentYearSettingsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentYearSettingsQualitativeTiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentYearSettingsQualitativeTiers_DepartmentYearSettin~",
                        column: x => x.DepartmentYearSettingsId,
                        principalTable: "DepartmentYearSettings",
                        principalColumn: "FiscalYearId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentYearSettingsGradeBands_DepartmentYearSettingsId",
                table: "DepartmentYearSettingsGradeBands",
                column: "DepartmentYearSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentYearSettingsGroupWeights_DepartmentYearSettingsId",
                table: "DepartmentYearSettingsGroupWeights",
                column: "DepartmentYearSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentYearSettingsQualitativeTiers_DepartmentYearSettin~",
                table: "DepartmentYearSettingsQualitativeTiers",
                column: "DepartmentYearSettingsId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartmentYearSettingsGradeBands");

            migrationBuilder.DropTable(
                name: "DepartmentYearSettingsGroupWeights");

            migrationBuilder.DropTable(
                name: "DepartmentYearSettingsQualitativeTiers");

            migrationBuilder.DropTable(
                name: "DepartmentYearSettings");
        }
    }
}
