using System.Globalization;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Documents.Writing;

/// <summary>
/// The official layout of a goal document (the seed's), as blocks: 第一部分 (overall goal, sub-goals, guarantee measures),
/// then 第二部分 with, per project, its heading, the project table and the indicator table.
/// Both the text-dump writer and the .docx writer render these blocks, so the two outputs always agree.
/// </summary>
public static class DocumentLayout
{
    /// <summary>The project table's grid: a label column and 12 equal columns (3, 4 or 6 checkpoints divide them evenly).</summary>
    public const int ValueColumns = 12;

    public static IReadOnlyList<Block> Build(InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var blocks = new List<Block>();
        foreach (var unit in document.Units)
        {
            BuildUnit(unit, blocks);
        }

        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph(" "));
        return blocks;
    }

    private static void BuildUnit(InterchangeUnit unit, List<Block> blocks)
    {
        blocks.Add(Paragraph("第一部分", ParagraphStyle.PartTitle));
        blocks.Add(Paragraph("部门整体绩效目标", ParagraphStyle.Title));
        if (unit.Projects.Count == 0)
        {
            // Without a project table nothing else names the unit.
            blocks.Add(Paragraph($"单位：{unit.Code}{unit.Name}"));
        }

        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph("一、总体绩效目标", ParagraphStyle.Heading1));
        AddLines(blocks, unit.OverallGoal);
        if (unit.AnnualTargets.Length > 0)
        {
            blocks.Add(Paragraph("年度量化目标："));
            AddLines(blocks, unit.AnnualTargets);
        }

        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph("二、分项绩效目标", ParagraphStyle.Heading1));
        InterchangeSubGoal? previous = null;
        var activityIndex = 0;
        foreach (var goal in unit.SubGoals)
        {
            var sameArea = previous is not null && previous.Area == goal.Area && previous.AreaHeading == goal.AreaHeading;
            if (!sameArea)
            {
                blocks.Add(Paragraph(goal.AreaHeading ?? PlanDocumentParser.DefaultAreaHeading(goal.Area), ParagraphStyle.Heading2));
                activityIndex = 0;
            }

            if (goal.Activity is not null && !(sameArea && previous!.Activity == goal.Activity && previous.ActivityHeading == goal.ActivityHeading))
            {
                activityIndex++;
                blocks.Add(Paragraph(goal.ActivityHeading ?? PlanDocumentParser.DefaultActivityHeading(activityIndex, goal.Activity)));
            }

            AddLines(blocks, "绩效目标是：" + goal.Goal);
            blocks.Add(Paragraph($"绩效指标是{goal.Indicator}。"));
            if (goal.Standard.Length > 0)
            {
                blocks.Add(Paragraph("绩效标准是" + goal.Standard));
            }

            previous = goal;
        }

        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph("三、工作保障措施", ParagraphStyle.Heading1));
        AddLines(blocks, unit.GuaranteeMeasures);
        blocks.Add(Paragraph("第二部分", ParagraphStyle.PartTitle));
        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph("预算项目绩效目标", ParagraphStyle.Title));
        blocks.Add(Paragraph(string.Empty));
        blocks.Add(Paragraph(string.Empty));
        for (var i = 0; i < unit.Projects.Count; i++)
        {
            var project = unit.Projects[i];
            blocks.Add(Paragraph(string.Empty));
            blocks.Add(Paragraph($"{i + 1}.{project.Name}绩效目标表", ParagraphStyle.TableTitle));
            blocks.Add(ProjectTable(unit, project));
            blocks.Add(Paragraph(string.Empty));
            blocks.Add(Paragraph(" "));
            blocks.Add(IndicatorTable(project));
            blocks.Add(Paragraph(string.Empty));
            blocks.Add(Paragraph(string.Empty));
            if (i == unit.Projects.Count - 1)
            {
                blocks.Add(Paragraph(string.Empty));
                blocks.Add(Paragraph(string.Empty));
            }
        }
    }

    /// <summary>The code label of a project whose code was generated on import (<see cref="InterchangeProject.CodeProvisional"/>).</summary>
    public const string ProvisionalCodeLabel = "项目编码（临时）";

    /// <summary>What 财政资金 and 其他资金 show when only the total is known (<see cref="InterchangeProject.FundsSplitUnknown"/>): never 0.</summary>
    public const string UnknownAmount = "未知";

    /// <summary>What the 资金支出计划 row shows for a project without a plan yet.</summary>
    public const string NoPlan = "未填报";

    /// <summary>The row of the medium-term goal (<see cref="InterchangeProject.MediumTermGoal"/>).</summary>
    public const string MediumTermGoalLabel = "实施期绩效目标";

    /// <summary>The heading row over the project's kept extra fields (one label | value row each).</summary>
    public const string ExtraSectionLabel = "其他信息";

    public static TableBlock ProjectTable(InterchangeUnit unit, InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(project);
        string Amount(decimal yuan) => Cells.FormatStated(yuan, project.AmountUnit);
        string Part(decimal yuan) => project.FundsSplitUnknown ? UnknownAmount : Amount(yuan);
        var plan = project.SpendingPlan;
        var spans = Spread(Math.Max(plan.Count, 1));
        var rows = new List<RowBlock>
        {
            new([new($"{unit.Code}{unit.Name}", 1 + ValueColumns - 3), new($"单位：{project.AmountUnit}", 3)]),
            new([Label(project.CodeProvisional ? ProvisionalCodeLabel : "项目编码"), new(project.Code, 5), Label("项目名称", 2), new(project.Name, 5)]),
            new([
                Label("预算规模及资金用途", 1, MergeKind.Restart),
                Label("预算数", 2), new(Amount(project.Budget), 2),
                Label("其中：财政资金", 2), new(Part(project.FiscalFunds), 2),
                Label("其他资金", 2), new(Part(project.OtherFunds), 2),
            ]),
            new([new(string.Empty, 1, MergeKind.Continue), new(project.Purpose, ValueColumns)]),
        };
        if (plan.Count == 0)
        {
            rows.Add(new([Label("资金支出计划（%）", 1, MergeKind.Restart), new(NoPlan, ValueColumns)]));
            rows.Add(new([new(string.Empty, 1, MergeKind.Continue), new(string.Empty, ValueColumns)]));
        }
        else
        {
            rows.Add(new([Label("资金支出计划（%）", 1, MergeKind.Restart), .. plan.Select((c, k) => Label($"{c.Month}月底", spans[k]))]));
            rows.Add(new([new(string.Empty, 1, MergeKind.Continue), .. plan.Select((c, k) => new CellBlock(Percent(c.CumulativePercent), spans[k]))]));
        }

        if (project.MediumTermGoal is { Length: > 0 } medium)
        {
            rows.Add(new([Label(MediumTermGoalLabel), new(medium, ValueColumns)]));
        }

        rows.Add(new([Label("绩效目标"), new(string.Join('\n', project.Goals.Select((g, k) => ProjectGoal.Numbered(k + 1, g))), ValueColumns)]));
        if (project.Extra is { Count: > 0 } extra)
        {
            rows.Add(new([Label(ExtraSectionLabel, 1 + ValueColumns)]));
            rows.AddRange(extra.Select(e => new RowBlock([Label(e.Label), new(e.Value, ValueColumns)])));
        }

        return new TableBlock(rows);
    }

    /// <summary>
    /// The labels of the indicators' kept extra columns (指标性质, 度量单位, 分值 …), in order of first appearance; a label an
    /// indicator holds twice gets two columns.
    /// </summary>
    public static IReadOnlyList<string> ExtraColumns(IEnumerable<IReadOnlyList<InterchangeExtraField>?> indicatorExtras)
    {
        ArgumentNullException.ThrowIfNull(indicatorExtras);
        var columns = new List<string>();
        foreach (var extra in indicatorExtras)
        {
            foreach (var group in (extra ?? []).GroupBy(e => e.Label))
            {
                var have = columns.Count(c => c == group.Key);
                for (var k = have; k < group.Count(); k++)
                {
                    columns.Add(group.Key);
                }
            }
        }

        return columns;
    }

    /// <summary>The cells of <paramref name="extra"/> under <paramref name="columns"/> (<see cref="ExtraColumns"/>): the k-th field of a label under the k-th column of that label.</summary>
    public static IReadOnlyList<string> ExtraCells(IReadOnlyList<string> columns, IReadOnlyList<InterchangeExtraField>? extra)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var cells = new string[columns.Count];
        var used = new bool[columns.Count];
        foreach (var field in extra ?? [])
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (!used[c] && columns[c] == field.Label)
                {
                    cells[c] = field.Value;
                    used[c] = true;
                    break;
                }
            }
        }

        return [.. cells.Select(c => c ?? string.Empty)];
    }

    public static TableBlock IndicatorTable(InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var extraColumns = ExtraColumns(project.Indicators.Select(i => (IReadOnlyList<InterchangeExtraField>?)i.Extra));
        var rows = new List<RowBlock>
        {
            new([Label("一级指标"), Label("二级指标"), Label("三级指标"), Label("绩效指标描述"), Label("指标值"), Label("指标值确定依据"), .. extraColumns.Select(c => Label(c))]),
        };
        // Grouped by 一级 and 二级 in the standard order, as the official table is; the typed order within a group.
        var indicators = IndicatorCatalog.InStandardOrder(project.Indicators, i => i.Level1, i => i.Level2);
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            var continues = i > 0 && indicators[i - 1].Level1 == indicator.Level1;
            var startsGroup = !continues && i + 1 < indicators.Count && indicators[i + 1].Level1 == indicator.Level1;
            rows.Add(new RowBlock([
                continues ? new CellBlock(string.Empty, 1, MergeKind.Continue) : new CellBlock(indicator.Level1, 1, startsGroup ? MergeKind.Restart : MergeKind.None),
                new(indicator.Level2),
                new(indicator.Name),
                new(indicator.Description),
                new(indicator.Value),
                new(indicator.Basis),
                .. ExtraCells(extraColumns, indicator.Extra).Select(c => new CellBlock(c)),
            ]));
        }

        return new TableBlock(rows);
    }

    public static string Percent(decimal percent) => percent.ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>Splits the 12 value columns among <paramref name="count"/> cells as evenly as possible.</summary>
    private static int[] Spread(int count)
    {
        count = Math.Min(count, ValueColumns);
        return [.. Enumerable.Range(0, count).Select(k => (ValueColumns * (k + 1) / count) - (ValueColumns * k / count))];
    }

    private static CellBlock Label(string text, int span = 1, MergeKind merge = MergeKind.None) => new(text, span, merge, Bold: true);

    private static ParagraphBlock Paragraph(string text, ParagraphStyle style = ParagraphStyle.Body) => new(text, style);

    private static void AddLines(List<Block> blocks, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (var line in text.Split('\n'))
        {
            blocks.Add(Paragraph(line));
        }
    }
}
