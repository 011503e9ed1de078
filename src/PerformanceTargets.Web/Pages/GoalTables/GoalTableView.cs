using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Pages.GoalTables;

/// <summary>What <c>_GoalTable.cshtml</c> renders: one project's goal table in the official layout, numbered as in the document.</summary>
public sealed record GoalTableView(Unit Unit, BudgetProject Project, int? Number = null)
{
    /// <summary>
    /// The indicator rows, grouped by 一级 and 二级 in the standard order (<see cref="IndicatorCatalog.InStandardOrder"/>),
    /// with the rowspan of each 一级 cell (0 = merged into the cell above).
    /// </summary>
    public IReadOnlyList<(Indicator Indicator, int Level1Span)> IndicatorRows()
    {
        var rows = IndicatorCatalog.InStandardOrder(Project.Indicators.OrderBy(i => i.Order), i => i.Level1, i => i.Level2);
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
