using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// What a project's goal table (绩效目标表) shows, and nothing else: the unit's code and name in its head row, the project's
/// basics, its spending plan (in month order), its numbered goals (in order) and its indicators (in order). Built from a
/// loaded project (<see cref="From"/>) or read on its own (<see cref="GoalTableReader"/>), so every page draws the same table.
/// </summary>
public sealed record GoalTable(
    string UnitCode,
    string UnitName,
    string Code,
    bool CodeProvisional,
    string Name,
    string AmountUnit,
    decimal Budget,
    decimal FiscalFunds,
    decimal OtherFunds,
    bool FundsSplitUnknown,
    string Purpose,
    string? MediumTermGoal,
    string? ExtraFields,
    IReadOnlyList<SpendingCheckpoint> SpendingPlan,
    IReadOnlyList<ProjectGoal> Goals,
    IReadOnlyList<Indicator> Indicators)
{
    public static GoalTable From(Unit unit, BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(project);
        return new GoalTable(
            unit.Code, unit.Name, project.Code, project.CodeProvisional, project.Name, project.AmountUnit, project.Budget,
            project.FiscalFunds, project.OtherFunds, project.FundsSplitUnknown, project.Purpose, project.MediumTermGoal, project.ExtraFields,
            [.. project.SpendingPlan.OrderBy(c => c.Month)],
            [.. project.Goals.OrderBy(g => g.Order)],
            [.. project.Indicators.OrderBy(i => i.Order)]);
    }
}
