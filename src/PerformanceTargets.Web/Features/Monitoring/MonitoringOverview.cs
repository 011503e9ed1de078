using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.Monitoring;

/// <summary>One project of a unit in a round: its entry's status (null: not filled yet) and lights.</summary>
public sealed record ProjectLightRow(
    int ProjectId,
    int UnitId,
    string Code,
    string Name,
    decimal Budget,
    MonitoringStatus? Status,
    ProjectMonitoring? Entry,
    MonitoringLights? Lights)
{
    public RunLight FundsLight => Lights?.Funds.Light ?? RunLight.None;

    public RunLight ProjectLight => Lights?.Project ?? RunLight.None;
}

/// <summary>A unit's counts in a round: projects to report, entries filled, submitted and approved, and the projects' lights.</summary>
public sealed record UnitLightCounts(int UnitId, string UnitCode, string UnitName, int Projects, int Filled, int Submitted, int Approved, int Red, int Yellow, int Green, int Blue, int None);

/// <summary>
/// The lights of a round: a unit's projects (<see cref="UnitAsync"/>) and the counts by unit (<see cref="UnitsAsync"/>).
/// The projects that report are the year's projects whose goals have been approved (<see cref="BudgetProject.TakesActuals"/>).
/// </summary>
public sealed class MonitoringOverview(AppDbContext db, IYearSettingsProvider settingsProvider)
{
    /// <summary>Every reporting project of the units (all when <paramref name="unitIds"/> is null), with its entry and lights, by unit and code.</summary>
    public async Task<List<ProjectLightRow>> ProjectsAsync(MonitoringRound round, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var settings = await settingsProvider.GetAsync(round.Year, cancellationToken);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.Year == round.Year && (unitIds == null || unitIds.Contains(p.UnitId)))
            .Where(p => p.Status == ProjectStatus.Approved || p.ApprovedSnapshot != null)
            .Select(p => new { p.Id, p.UnitId, p.Code, p.Name, p.Budget, p.SpendingPlan })
            .ToListAsync(cancellationToken);
        var entries = await db.ProjectMonitorings.AsNoTracking()
            .Where(m => m.RoundId == round.Id && (unitIds == null || unitIds.Contains(m.UnitId)))
            .ToDictionaryAsync(m => m.ProjectId, cancellationToken);
        return [.. projects.OrderBy(p => p.UnitId).ThenBy(p => p.Code, StringComparer.Ordinal).Select(p =>
        {
            var entry = entries.GetValueOrDefault(p.Id);
            return new ProjectLightRow(p.Id, p.UnitId, p.Code, p.Name, p.Budget, entry?.Status, entry,
                entry?.Lights([.. p.SpendingPlan], round.EndMonth, settings));
        })];
    }

    public Task<List<ProjectLightRow>> UnitAsync(MonitoringRound round, int unitId, CancellationToken cancellationToken = default) =>
        ProjectsAsync(round, [unitId], cancellationToken);

    /// <summary>The counts of every unit in <paramref name="unitIds"/> (all units when null), by unit code; units without reporting projects too.</summary>
    public async Task<List<UnitLightCounts>> UnitsAsync(MonitoringRound round, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken = default)
    {
        var rows = (await ProjectsAsync(round, unitIds, cancellationToken)).ToLookup(r => r.UnitId);
        var units = await db.Units.AsNoTracking().Where(u => unitIds == null || unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(cancellationToken);
        return [.. units.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u =>
        {
            var list = rows[u.Id].ToList();
            int Count(RunLight light) => list.Count(r => r.ProjectLight == light);
            return new UnitLightCounts(u.Id, u.Code, u.Name, list.Count,
                list.Count(r => r.Status is not null),
                list.Count(r => r.Status is MonitoringStatus.Submitted or MonitoringStatus.Approved),
                list.Count(r => r.Status == MonitoringStatus.Approved),
                Count(RunLight.Red), Count(RunLight.Yellow), Count(RunLight.Green), Count(RunLight.Blue), Count(RunLight.None));
        })];
    }
}
