using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// A province's ~1,000,000 indicator rows reach Excel's row limit: the 指标明细 rows go on in 指标明细2, 指标明细3 …, each
/// with its header, in order and without loss (shown here with a limit of 4 rows a sheet).
/// </summary>
public abstract class RatingsSheetSplitTests(AppFixture fixture)
{
    [Fact]
    public async Task Indicator_rows_beyond_a_sheet_s_limit_go_on_in_numbered_sheets_with_their_header()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var first = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var second = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RatingCalculator>().RefreshAsync(WorkbenchData.Year, unit.Id);
        var exporter = scope.ServiceProvider.GetRequiredService<RatingsExporter>();

        using var whole = new MemoryStream();
        exporter.Write(whole, WorkbenchData.Year, unit.Id, RatingsFormat.Xlsx);
        exporter.IndicatorRowsPerSheet = 4;
        using var split = new MemoryStream();
        exporter.Write(split, WorkbenchData.Year, unit.Id, RatingsFormat.Xlsx);

        whole.Position = 0;
        split.Position = 0;
        Assert.Equal(["项目评分", "指标明细", "部门分项"], whole.GetSheetNames());
        Assert.Equal(["项目评分", "指标明细", "指标明细2", "指标明细3", "部门分项"], split.GetSheetNames());
        var expected = Rows(whole, "指标明细");
        Assert.Equal(10, expected.Count);
        Assert.Contains(expected, r => Equals(r["项目编码"], first.Code));
        Assert.Contains(expected, r => Equals(r["项目编码"], second.Code));
        var parts = new[] { "指标明细", "指标明细2", "指标明细3" }.Select(name => Rows(split, name)).ToList();
        Assert.Equal([4, 4, 2], parts.Select(p => p.Count));
        Assert.Equal(
            expected.Select(r => string.Join("|", r.Values)),
            parts.SelectMany(p => p).Select(r => string.Join("|", r.Values)));
        Assert.All(parts, p => Assert.Equal(RatingsExporter.IndicatorColumns, p[0].Keys));
    }

    private static List<IDictionary<string, object?>> Rows(MemoryStream workbook, string sheet)
    {
        workbook.Position = 0;
        return [.. workbook.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }
}

public sealed class SqliteRatingsSheetSplitTests(SqliteAppFixture fixture) : RatingsSheetSplitTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRatingsSheetSplitTests(PostgresAppFixture fixture) : RatingsSheetSplitTests(fixture), IClassFixture<PostgresAppFixture>;
