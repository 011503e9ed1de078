using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.Monitoring;

/// <summary>
/// A project's monitoring entry in a round, loaded for a door: the round, the project (not tracked, so saving an entry
/// never touches the project's version), the entry (tracked; new and unsaved when the unit has not filled it yet) and
/// the year's settings for the lights.
/// </summary>
public sealed record EntryLoad(MonitoringRound Round, BudgetProject Project, ProjectMonitoring Entry, bool IsNew, EvaluationSettings Settings)
{
    public MonitoringLights Lights => Entry.Lights(Project.SpendingPlan, Round.EndMonth, Settings);
}

/// <summary>
/// Fills, submits and decides a project's monitoring entry for every door (the entry page, the API, the import). Who may
/// do it is the door's question (<c>ProjectAccess</c> on the project's unit); the rules are the entry's own.
/// </summary>
public sealed class MonitoringEntries(AppDbContext db, IYearSettingsProvider settingsProvider, TimeProvider clock, Review.ReviewDecisions decisions)
{
    /// <summary>
    /// The entry of <paramref name="projectId"/> in <paramref name="roundId"/>, started from the project when there is
    /// none; null when the round or project does not exist or the project is of another year. A project whose goals were
    /// never approved gets a <see cref="DomainException"/>.
    /// </summary>
    public async Task<EntryLoad?> LoadAsync(int roundId, int projectId, CancellationToken cancellationToken = default)
    {
        var round = await db.MonitoringRounds.FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var project = await db.Projects.AsNoTracking().Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (round is null || project is null || project.Year != round.Year)
        {
            return null;
        }

        var entry = await db.ProjectMonitorings.FirstOrDefaultAsync(m => m.RoundId == roundId && m.ProjectId == projectId, cancellationToken);
        var isNew = entry is null;
        entry ??= new ProjectMonitoring(round, project);
        return new EntryLoad(round, project, entry, isNew, await settingsProvider.GetAsync(round.Year, cancellationToken));
    }

    /// <summary>The project's unit, for the access check before <see cref="LoadAsync"/>; null when the project does not exist.</summary>
    public Task<int?> UnitOfProjectAsync(int projectId, CancellationToken cancellationToken = default) =>
        db.Projects.Where(p => p.Id == projectId).Select(p => (int?)p.UnitId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records the figures and saves (the round must be open). <paramref name="version"/>, when given, must match the stored entry's.</summary>
    public async Task SaveAsync(EntryLoad load, MonitoringFunds funds, IReadOnlyDictionary<int, MonitoringIndicatorFigures> rows, string userName, Guid? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        load.Round.EnsureOpen();
        CheckVersion(load, version);
        load.Entry.Record(funds, rows, userName, clock.GetUtcNow());
        await SaveAsync(load, cancellationToken);
    }

    /// <summary>Submits for the unit head's review (the round must be open; every located error otherwise).</summary>
    public async Task SubmitAsync(EntryLoad load, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        load.Round.EnsureOpen();
        load.Entry.Submit(load.Lights, userName, clock.GetUtcNow());
        await SaveAsync(load, cancellationToken);
    }

    /// <summary>
    /// The submitted entries of open rounds waiting at a level of the review chain <paramref name="user"/> decides (the
    /// review page's 绩效运行监控表 queue): a head's own unit and, at 主管部门审核, the units below it; a 财政审核 user's
    /// subtree; every unit for an admin.
    /// </summary>
    public async Task<IReadOnlyList<MonitoringQueueRow>> QueueAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var submitted = db.ProjectMonitorings.AsNoTracking().Where(m => m.Status == MonitoringStatus.Submitted);
        if (decisions.UnitsReviewedBy(user) is { } units)
        {
            var reach = units.ToList();
            submitted = submitted.Where(m => reach.Contains(m.UnitId));
        }

        var rows = await (
                from m in submitted
                join r in db.MonitoringRounds on m.RoundId equals r.Id
                join p in db.Projects on m.ProjectId equals p.Id
                join u in db.Units on m.UnitId equals u.Id
                where r.IsOpen
                orderby r.Year, r.EndMonth, u.Code, p.Code
                select new { m.RoundId, r.Year, r.EndMonth, m.ProjectId, m.UnitId, Unit = u.Code + " " + u.Name, p.Code, p.Name, m.Stage })
            .Take(500)
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new MonitoringQueueRow(r.RoundId, MonitoringRound.PeriodOf(r.Year, r.EndMonth), r.ProjectId, r.Unit, r.Code, r.Name, ReviewChain.WaitingAt(submitted: true, r.Stage), r.UnitId))
            .Where(r => decisions.MayDecideAt(user, r.UnitId, r.Stage))];
    }

    /// <summary>The stage a submitted entry waits at (entries submitted before the chain existed wait at the unit's own level).</summary>
    public static ReviewStage WaitingAt(ProjectMonitoring entry) => ReviewChain.WaitingAt(entry.Status == MonitoringStatus.Submitted, entry.Stage);

    /// <summary>
    /// The review decision at the level of the review chain the entry waits at (docs/domain-rules.md §9): only that
    /// level's reviewer decides (<see cref="Review.NotYourLevelException"/> otherwise); an approval below the last level
    /// forwards it, the last level's or a return goes through <see cref="ProjectMonitoring.Decide"/>.
    /// </summary>
    public async Task DecideAsync(EntryLoad load, ClaimsPrincipal user, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(user);
        load.Round.EnsureOpen();
        var userName = user.Identity?.Name ?? "?";
        var stage = WaitingAt(load.Entry);
        if (stage != ReviewStage.None)
        {
            decisions.EnsureMayDecide(user, load.Entry.UnitId, stage);
        }

        var next = approve && stage != ReviewStage.None ? await decisions.NextAsync(load.Round.Year, stage, load.Entry.UnitId) : ReviewStage.None;
        if (next != ReviewStage.None)
        {
            load.Entry.Forward(reason, userName, clock.GetUtcNow(), next);
        }
        else
        {
            load.Entry.Decide(approve, reason, userName, clock.GetUtcNow());
        }

        await SaveAsync(load, cancellationToken);
    }

    private static void CheckVersion(EntryLoad load, Guid? version)
    {
        if (version is { } expected && !load.IsNew && expected != load.Entry.Version)
        {
            throw new DomainException("监控表已被他人修改，请重新打开后再保存。");
        }
    }

    private async Task SaveAsync(EntryLoad load, CancellationToken cancellationToken)
    {
        var isNew = db.Entry(load.Entry).State == EntityState.Detached;
        if (isNew)
        {
            db.ProjectMonitorings.Add(load.Entry);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("监控表已被他人修改，请重新打开后再保存。");
        }
        catch (DbUpdateException) when (isNew)
        {
            // Two first saves of the same project's entry: the unique (round, project) index lets only one in.
            throw new DomainException("监控表已被他人同时创建，请重新打开后再保存。");
        }
    }
}

/// <summary>A submitted monitoring entry in a reviewer's queue, with the level it waits at.</summary>
public sealed record MonitoringQueueRow(int RoundId, string Period, int ProjectId, string Unit, string Code, string Name, ReviewStage Stage, int UnitId);
