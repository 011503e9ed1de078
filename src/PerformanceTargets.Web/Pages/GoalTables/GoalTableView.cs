using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Projects;

namespace PerformanceTargets.Web.Pages.GoalTables;

/// <summary>What <c>_GoalTable.cshtml</c> renders: one project's goal table in the official layout, numbered as in the document.</summary>
public sealed record GoalTableView(GoalTable Table, int? Number = null)
{
    public GoalTableView(Unit unit, BudgetProject project, int? number = null)
        : this(GoalTable.From(unit, project), number)
    {
    }

    /// <summary>The project's kept extra fields (主管部门, 实施单位 …), as the exports write them under 其他信息.</summary>
    public IReadOnlyList<InterchangeExtraField> Extra() => DomainMapping.ReadExtra(Table.ExtraFields) ?? [];

    /// <summary>The indicators' kept extra columns (指标性质, 度量单位, 分值 …), as the exports write them.</summary>
    public IReadOnlyList<string> ExtraColumns() =>
        DocumentLayout.ExtraColumns(Table.Indicators.Select(i => (IReadOnlyList<InterchangeExtraField>?)DomainMapping.ReadExtra(i.ExtraFields)));

    public static IReadOnlyList<string> ExtraCells(IReadOnlyList<string> columns, Indicator indicator) =>
        DocumentLayout.ExtraCells(columns, DomainMapping.ReadExtra(indicator?.ExtraFields));

    /// <summary>
    /// The indicator rows, grouped by 一级 and 二级 in the standard order (<see cref="IndicatorCatalog.InStandardOrder"/>),
    /// with the rowspan of each 一级 cell (0 = merged into the cell above).
    /// </summary>
    public IReadOnlyList<(Indicator Indicator, int Level1Span)> IndicatorRows()
    {
        var rows = IndicatorCatalog.InStandardOrder(Table.Indicators, i => i.Level1, i => i.Level2);
        var result = new List<(Indicator, int)>(rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            if (k > 0 && rows[k - 1].Level1 == rows[k].Level1)
            {
                result.Add((rows[k], 0));
                continue;
            }

            var span = 1;
            while (k + span < rows.Count && rows[k + span].Level1 == rows[k].Level1)
            {
                span++;
            }

            result.Add((rows[k], span));
        }

        return result;
    }
}
