using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// On SQLite the 指标明细 rows are read through SQLite's own API as UTF-8 (<see cref="RatingsExporter.ReadSqliteDirectly"/>):
/// the workbook is byte for byte the one the EF Core query writes, for a year and for one unit, with text that needs
/// escaping, empty and missing values, numbers, and projects of other years and other units around.
/// </summary>
public sealed class RatingsSqliteReaderTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_sqlite_reader_writes_the_workbook_the_ef_core_query_writes()
    {
        var app = await fixture.GetAsync();
        var first = await app.CreateUnitAsync();
        var second = await app.CreateUnitAsync("单位 <二> & _x0041_");
        var projects = new List<BudgetProject>();
        foreach (var (unitId, k) in new[] { (first.Id, 0), (first.Id, 1), (second.Id, 2), (second.Id, 3) })
        {
            var project = WorkbenchData.SampleProject(unitId);
            project.SetIndicators([
                new Indicator("产出指标", "数量指标", $"  购置率<{k}> & _x0041_ 😀 ", "描述", "≥90百分比", "依据"),
                new Indicator("产出指标", "质量指标", "完成率（％）", "描述", "≥90%", "依据"),
                new Indicator("效益指标", "社会效益指标", "提供优质服务", "描述", "好", "依据"),
                new Indicator("满意度指标", "服务对象满意度指标", "满意度\r\n第二行", "描述", "≥95%", "依据"),
            ]);
            project.Submit("finance@test.local", DateTimeOffset.UtcNow);
            project.Approve("head@test.local", DateTimeOffset.UtcNow, null, "{}");
            if (k % 2 == 0)
            {
                project.RecordExecution(1_500_000m + k, []);
                project.RecordActual(project.Indicators[0], $"{85 + k}", null, "偏差 & 原因 ");
                project.RecordActual(project.Indicators[1], "95%", null, null);
                project.RecordActual(project.Indicators[2], "较好 <良>", 9.25m, string.Empty);
            }

            projects.Add(await app.WithDbAsync(async db =>
            {
                db.Projects.Add(project);
                await db.SaveChangesAsync();
                return project;
            }));
        }

        // Another year's rated project, which neither read may show.
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(WorkbenchData.SampleProject(first.Id, ProjectStatus.Approved, WorkbenchData.Year + 1));
            return await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var calculator = scope.ServiceProvider.GetRequiredService<RatingCalculator>();
        await calculator.RefreshAsync(WorkbenchData.Year, first.Id);
        await calculator.RefreshAsync(WorkbenchData.Year, second.Id);
        await calculator.RefreshAsync(WorkbenchData.Year + 1, first.Id);
        var exporter = scope.ServiceProvider.GetRequiredService<RatingsExporter>();

        foreach (var unitId in new int?[] { null, second.Id })
        {
            var direct = Parts(exporter, unitId, direct: true);
            var throughEf = Parts(exporter, unitId, direct: false);
            Assert.Equal(throughEf.Keys, direct.Keys);
            foreach (var (name, bytes) in throughEf)
            {
                Assert.True(bytes.AsSpan().SequenceEqual(direct[name]), $"{name} differs (unit {unitId})");
            }

            // The rows are there: 4 indicators a project of the unit(s), with the escaped text and the numbers.
            var sheet = System.Text.Encoding.UTF8.GetString(direct["xl/worksheets/sheet2.xml"]);
            var expected = projects.Where(p => unitId is null || p.UnitId == unitId).ToList();
            Assert.Equal((expected.Count * 4) + 1, sheet.Split("<row ").Length - 1);
            Assert.All(expected, p => Assert.Contains(p.Code, sheet, StringComparison.Ordinal));
            Assert.Contains("_x005F_x0041_ 😀 ", sheet, StringComparison.Ordinal);
            Assert.Contains("满意度&#13;\n第二行", sheet, StringComparison.Ordinal);
            Assert.Contains("较好 &lt;良&gt;", sheet, StringComparison.Ordinal);
            Assert.Contains("</v>", sheet, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, byte[]> Parts(RatingsExporter exporter, int? unitId, bool direct)
    {
        exporter.ReadSqliteDirectly = direct;
        using var output = new MemoryStream();
        exporter.Write(output, WorkbenchData.Year, unitId, RatingsFormat.Xlsx);
        output.Position = 0;
        using var zip = new ZipArchive(output);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
