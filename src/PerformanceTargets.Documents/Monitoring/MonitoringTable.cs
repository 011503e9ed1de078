using System.Globalization;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Monitoring;

/// <summary>One project's 项目支出绩效监控表 to write: who, the project's funds split and goals, the entry and its lights.</summary>
public sealed record MonitoringTableData(
    string Period,
    string DepartmentCode,
    string DepartmentName,
    string ImplementingUnit,
    string ProjectName,
    decimal FiscalFunds,
    decimal OtherFunds,
    IReadOnlyList<string> Goals,
    ProjectMonitoring Entry,
    MonitoringLights? Lights);

/// <summary>
/// The official 项目支出绩效监控表 layout (docs/formats.md §12) as blocks for <see cref="DocxWriter"/>: 项目名称, 主管部门及代码,
/// 实施单位; 项目资金 (年初预算数 / 全年预计执行数 / 截至期末执行数 / 执行率 for 年度资金总额, 其中财政资金, 其他资金); 年度总体目标;
/// the 绩效指标 rows (一级/二级/三级, 年度指标值, 截至期末完成值, 全年预计完成值, 偏差原因 by kind, 完成目标可能性, 备注); 偏差原因说明
/// and 纠偏措施. One table per project; a unit's document is the tables one after another. The entry stores the totals only,
/// so 财政资金 and 其他资金 show the project's split of 年初预算数 (and only the total for the other columns).
/// </summary>
public static class MonitoringTable
{
    public const int Columns = 14;

    public static byte[] Write(IReadOnlyList<MonitoringTableData> tables, int year)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var blocks = new List<Block>();
        foreach (var table in tables)
        {
            blocks.AddRange(Build(table));
        }

        return DocxWriter.Write(blocks, year);
    }

    public static IReadOnlyList<Block> Build(MonitoringTableData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entry = data.Entry;
        static CellBlock Label(string text, int span = 1, MergeKind merge = MergeKind.None) => new(text, span, merge, Bold: true);
        static CellBlock Continue(int span = 1) => new(string.Empty, span, MergeKind.Continue);
        static string Amount(decimal? value) => value is { } v ? v.ToString("N2", CultureInfo.InvariantCulture) : string.Empty;
        var rate = entry.ExecutedToDate is { } executed && entry.AnnualBudget > 0 ? (executed * 100m / entry.AnnualBudget).ToString("0.00", CultureInfo.InvariantCulture) + "%" : string.Empty;
        var rows = new List<RowBlock>
        {
            new([Label("项目名称", 2), new(data.ProjectName, 12)]),
            new([Label("主管部门及代码", 2), new($"{data.DepartmentName}（{data.DepartmentCode}）", 5), Label("实施单位", 2), new(data.ImplementingUnit, 5)]),
            new([Label("项目资金（元）", 2, MergeKind.Restart), new(string.Empty, 3), Label("年初预算数", 2), Label("全年预计执行数", 2), Label("截至期末执行数", 3), Label("执行率", 2)]),
            new([Continue(2), Label("年度资金总额", 3), new(Amount(entry.AnnualBudget), 2), new(Amount(entry.ExpectedFullYear), 2), new(Amount(entry.ExecutedToDate), 3), new(rate, 2)]),
            new([Continue(2), Label("其中：财政资金", 3), new(Amount(data.FiscalFunds), 2), new(string.Empty, 2), new(string.Empty, 3), new(string.Empty, 2)]),
            new([Continue(2), Label("其他资金", 3), new(Amount(data.OtherFunds), 2), new(string.Empty, 2), new(string.Empty, 3), new(string.Empty, 2)]),
            new([Label("年度总体目标", 2), new(string.Join('\n', data.Goals.Select((g, k) => $"{k + 1}. {g}")), 12)]),
            new([Label("绩效指标", Columns)]),
            new([
                Label("一级指标", 1, MergeKind.Restart), Label("二级指标", 1, MergeKind.Restart), Label("三级指标", 2, MergeKind.Restart),
                Label("年度指标值", 1, MergeKind.Restart), Label("截至期末完成值", 1, MergeKind.Restart), Label("全年预计完成值", 1, MergeKind.Restart),
                Label("偏差原因", 5), Label("完成目标可能性", 1, MergeKind.Restart), Label("备注", 1, MergeKind.Restart),
            ]),
            new([Continue(), Continue(), Continue(2), Continue(), Continue(), Continue(), .. RunMonitoring.Causes.Select(c => Label(c.Name)), Continue(), Continue()]),
        };

        var indicators = entry.Indicators.OrderBy(i => i.Order).ToList();
        foreach (var (row, n) in indicators.Select((row, n) => (row, n)))
        {
            var light = data.Lights is { } lights && n < lights.Indicators.Count ? RunMonitoring.NameOf(lights.Indicators[n].Light) : null;
            var remark = string.Join("；", new[] { row.Remark, light is null ? null : $"监控灯：{light}" }.Where(t => !string.IsNullOrEmpty(t)));
            rows.Add(new([
                new(row.Level1), new(row.Level2), new(row.Name, 2), new(row.Target), new(row.CompletedToDate ?? string.Empty), new(row.ExpectedFullYear ?? string.Empty),
                .. RunMonitoring.Causes.Select(c => new CellBlock(row.Causes.HasFlag(c.Cause) ? "√" : string.Empty)),
                new(entry.Id == 0 && row.CompletedToDate is null ? string.Empty : RunMonitoring.NameOf(row.Likelihood)), new(remark),
            ]));
        }

        string PerRow(Func<MonitoringIndicator, string?> text) => string.Join('\n', indicators
            .Where(i => !string.IsNullOrWhiteSpace(text(i)))
            .Select(i => $"{i.Name}：{text(i)}"));
        rows.Add(new([Label("偏差原因说明", 2), new(PerRow(i => i.DeviationNote), 12)]));
        rows.Add(new([Label("纠偏措施", 2), new(PerRow(i => i.CorrectiveMeasures), 12)]));

        return
        [
            new ParagraphBlock("项目支出绩效监控表", ParagraphStyle.TableTitle),
            new ParagraphBlock($"（{data.Period}）", ParagraphStyle.Body),
            new TableBlock(rows),
        ];
    }
}
