using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// Issue 15 finding 2: every csv the product writes (ratings page and API, monitoring, audit page and API) goes through
/// the one <see cref="CsvWriter"/>, which defuses text beginning with = + - @ TAB CR.
/// </summary>
public abstract class CsvInjectionTests(AppFixture fixture)
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"点击\")";

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-3+4", "'-3+4")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("普通", "普通")]
    public void Text_cells_that_could_start_a_formula_are_defused(string cell, string written) =>
        Assert.Equal(written, CsvWriter.Field(cell));

    [Fact]
    public void Numbers_stay_numbers() => Assert.Equal("-1.5,12", CsvWriter.Row([-1.5m, 12]).TrimEnd());

    [Fact]
    public async Task Ratings_monitoring_and_audit_csv_defuse_a_formula_in_a_project_name()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = WorkbenchData.SampleProject(unit.Id);
        project.SetBasics(project.Code, Formula, 2_000_000m, 2_000_000m, 0m, "@SUM(1+1)");
        project.Submit("finance@test.local", DateTimeOffset.UtcNow);
        project.Approve("head@test.local", DateTimeOffset.UtcNow, null, "{}");
        project.RecordExecution(null, [new(3, 400000m)]);
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var admin = await app.AdminBearerClientAsync();

        var downloads = new Dictionary<string, string>
        {
            ["ratings page"] = await auditor.GetStringAsync($"/Ratings?handler=Download&format=csv&unit={unit.Id}&year={WorkbenchData.Year}"),
            ["ratings api"] = await admin.GetStringAsync($"/api/v1/exports/ratings?year={WorkbenchData.Year}&unit={unit.Code}&format=csv"),
            ["monitoring page"] = await finance.GetStringAsync($"/Monitoring?handler=Csv&year={WorkbenchData.Year}"),
            ["audit page"] = await auditor.GetStringAsync($"/Audit?handler=Csv&unit={unit.Code}"),
            ["audit api"] = await admin.GetStringAsync($"/api/v1/exports/audit?unit={unit.Code}&format=csv"),
        };

        foreach (var (name, csv) in downloads)
        {
            Assert.True(csv.Contains(project.Code, StringComparison.Ordinal), $"{name}: the project is missing");
            foreach (var cell in Cells(csv))
            {
                Assert.False(CsvWriter.IsDangerous(cell) && !IsNumber(cell), $"{name}: a cell starts a formula: {cell}");
            }
        }

        Assert.Contains("'=HYPERLINK(", downloads["ratings page"], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK(", downloads["monitoring page"], StringComparison.Ordinal);
    }

    private static bool IsNumber(string cell) => decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>The unquoted text of every cell (RFC 4180).</summary>
    private static IEnumerable<string> Cells(string csv)
    {
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                yield return cell.ToString().TrimStart('\uFEFF');
                cell.Clear();
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }

        yield return cell.ToString();
    }
}

public sealed class SqliteCsvInjectionTests(SqliteAppFixture fixture) : CsvInjectionTests(fixture), IClassFixture<SqliteAppFixture>;
