using System.Globalization;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;

namespace PerformanceTargets.Documents.Department;

/// <summary>
/// The official layout of the 部门整体支出绩效目标表 as blocks (docs/formats.md §10), rendered by the same writers as the
/// goal tables (<see cref="Writing.DocxWriter"/>, <see cref="TextDump"/>) and read back by <see cref="DepartmentTableParser"/>.
/// One table: a label column and 8 value columns (9 when an indicator has a 分值).
/// </summary>
public static class DepartmentTableLayout
{
    public const string Title = "部门整体支出绩效目标表";

    public static IReadOnlyList<Block> Build(InterchangeDepartmentTable table, string? unitCode, int year)
    {
        ArgumentNullException.ThrowIfNull(table);
        var unit = table.AmountUnit == "万元" ? "万元" : "元";
        var withWeight = table.Indicators.Any(i => i.Weight is not null);
        var n = withWeight ? 9 : 8;
        var half = n / 2;
        var rows = new List<RowBlock>
        {
            Row(Label("部门（单位）名称"), Cell($"{unitCode}{table.UnitName}", n - 2), Cell($"单位：{unit}", 2)),
            Row(Label("部门职责"), Cell(table.Duties, n)),
            Row(Label("部门预算总体情况", MergeKind.Restart), Cell("收入来源", half, bold: true), Cell($"预算金额（{unit}）", n - half, bold: true)),
        };
        rows.AddRange(table.Incomes.Select(i => Row(Continue(), Cell(i.Source, half), Cell(Cells.FormatStated(i.Amount, unit), n - half))));
        rows.Add(Row(Continue(), Cell("合计", half), Cell(Cells.FormatStated(table.Incomes.Sum(i => i.Amount), unit), n - half)));
        rows.Add(Row(Label("年度总体绩效目标"), Cell(table.OverallGoal, n)));
        rows.Add(Row(Label("年度重点工作任务", MergeKind.Restart), Cell("任务名称", 2, bold: true), Cell("主要实施内容", 2, bold: true), Cell($"计划投入（{unit}）", 2, bold: true), Cell("期望达到的目标", n - 6, bold: true)));
        rows.AddRange(table.Tasks.Select(t => Row(
            Continue(), Cell(t.Name, 2), Cell(t.Content, 2), Cell(t.PlannedAmount is { } a ? Cells.FormatStated(a, unit) : string.Empty, 2), Cell(t.ExpectedGoal, n - 6))));
        string[] headers = ["一级指标", "二级指标", "三级指标", "指标值", "指标值类型", "计量单位", "指标解释", "评（扣）分标准", .. withWeight ? new[] { "分值" } : []];
        rows.Add(Row([Label("年度绩效指标", MergeKind.Restart), .. headers.Select(h => Cell(h, 1, bold: true))]));
        for (var k = 0; k < table.Indicators.Count; k++)
        {
            var i = table.Indicators[k];
            var sameLevel1 = k > 0 && table.Indicators[k - 1].Level1 == i.Level1;
            var sameLevel2 = sameLevel1 && table.Indicators[k - 1].Level2 == i.Level2;
            var nextSameLevel1 = k + 1 < table.Indicators.Count && table.Indicators[k + 1].Level1 == i.Level1;
            var nextSameLevel2 = nextSameLevel1 && table.Indicators[k + 1].Level2 == i.Level2;
            List<CellBlock> cells =
            [
                Continue(),
                sameLevel1 ? Continue() : Cell(i.Level1, 1, nextSameLevel1 ? MergeKind.Restart : MergeKind.None),
                sameLevel2 ? Continue() : Cell(i.Level2, 1, nextSameLevel2 ? MergeKind.Restart : MergeKind.None),
                Cell(i.Name, 1), Cell(i.Value, 1), Cell(i.ValueType ?? string.Empty, 1), Cell(i.MeasureUnit ?? string.Empty, 1),
                Cell(i.Explanation ?? string.Empty, 1), Cell(i.ScoringStandard ?? string.Empty, 1),
            ];
            if (withWeight)
            {
                cells.Add(Cell(i.Weight?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, 1));
            }

            rows.Add(new RowBlock(cells));
        }

        return
        [
            new ParagraphBlock(Title, ParagraphStyle.Title),
            new ParagraphBlock($"（{year}年度）", ParagraphStyle.TableTitle),
            new TableBlock(rows),
        ];
    }

    private static RowBlock Row(params CellBlock[] cells) => new(cells);

    private static CellBlock Label(string text, MergeKind merge = MergeKind.None) => new(text, 1, merge, Bold: true);

    private static CellBlock Continue() => new(string.Empty, 1, MergeKind.Continue);

    private static CellBlock Cell(string text, int span, MergeKind merge = MergeKind.None, bool bold = false) => new(text ?? string.Empty, span, merge, bold);
}
