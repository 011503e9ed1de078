using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.YearEnd;

/// <summary>
/// Computes and stores ratings with the rules engine (<see cref="ProjectScorer"/>, <see cref="RatingBandSet"/>) and the
/// year's settings (<see cref="IYearSettingsProvider"/>). Called whenever actuals or a year's settings change; works in
/// batches (never the whole year in memory) and inside the caller's transaction when there is one. Call it with no
/// tracked changes pending: it clears the change tracker after each batch (which also keeps memory flat).
/// </summary>
public sealed class RatingCalculator(AppDbContext db, IYearSettingsProvider settingsProvider, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <summary>Rates every project and sub-goal of <paramref name="year"/>.</summary>
    public async Task RateYearAsync(int year, CancellationToken cancellationToken = default)
    {
        await RateProjectsAsync(year, null, cancellationToken);
        await RateSubGoalsAsync(year, null, cancellationToken);
    }

    /// <summary>
    /// Rates what is stale in <paramref name="year"/>: projects without a rating, or whose inputs (project version) or year
    /// settings changed since they were rated; unit plans whose sub-goals were not rated at their current version.
    /// Exports and pages call it first, so they always show ratings of the current inputs.
    /// </summary>
    public Task RefreshAsync(int year, CancellationToken cancellationToken = default) => RefreshAsync(year, null, cancellationToken);

    /// <summary>
    /// As <see cref="RefreshAsync(int, CancellationToken)"/>, for one unit only when <paramref name="unitId"/> is given: a
    /// page showing one unit's ratings checks that unit's ~50 projects, not the year's 100,000.
    /// </summary>
    public async Task RefreshAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        var settings = ProjectRating.Describe(await settingsProvider.GetAsync(year, cancellationToken));
        var staleProjects = await (
                from p in db.Projects.AsNoTracking()
                where p.Year == year && (unitId == null || p.UnitId == unitId)
                join r in db.ProjectRatings on p.Id equals r.ProjectId into rated
                from r in rated.DefaultIfEmpty()
                where r == null || r.ProjectVersion != p.Version || r.Settings != settings
                select p.Id)
            .ToListAsync(cancellationToken);
        if (staleProjects.Count > 0)
        {
            await RateProjectsAsync(year, staleProjects, cancellationToken);
        }

        var stalePlans = await (
                from plan in db.UnitPlans.AsNoTracking()
                where plan.Year == year && (unitId == null || plan.UnitId == unitId) && plan.SubGoals.Any()
                where !db.SubGoalRatings.Any(r => r.Year == year && r.UnitId == plan.UnitId && r.PlanVersion == plan.Version)
                select plan.UnitId)
            .ToListAsync(cancellationToken);
        if (stalePlans.Count > 0)
        {
            await RateSubGoalsAsync(year, stalePlans, cancellationToken);
        }
    }

    /// <summary>Rates the projects <paramref name="projectIds"/> of <paramref name="year"/> (all of the year when null); returns how many.</summary>
    public async Task<int> RateProjectsAsync(int year, IReadOnlyCollection<int>? projectIds, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(year, cancellationToken);
        var ids = projectIds is null
            ? await db.Projects.AsNoTracking().Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken)
            : [.. projectIds.Distinct().Order()];
        var at = clock.GetUtcNow();
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            if (db.Database.CurrentTransaction is not null)
            {
                await RateBatchAsync(year, chunk, settings, at, cancellationToken);
                continue;
            }

            // One transaction a batch: the stale ratings go and the new ones land together.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await RateBatchAsync(year, chunk, settings, at, ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>Replaces the stored ratings of one batch of projects; the new rows go through <see cref="BulkInserter"/>.</summary>
    private async Task RateBatchAsync(int year, int[] chunk, EvaluationSettings settings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var projects = await db.Projects.AsNoTracking()
            .Include(p => p.Indicators)
            .Where(p => p.Year == year && chunk.Contains(p.Id))
            .ToListAsync(cancellationToken);
        var stale = db.ProjectRatings.Where(r => chunk.Contains(r.ProjectId));
        await db.IndicatorRatings.Where(i => stale.Select(r => r.Id).Contains(i.ProjectRatingId)).ExecuteDeleteAsync(cancellationToken);
        await stale.ExecuteDeleteAsync(cancellationToken);

        await using (var writer = new BulkInserter(db))
        {
            foreach (var project in projects)
            {
                await writer.InsertGraphAsync(ProjectRating.From(project, ProjectScorer.Score(project, settings), settings, at), cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>Rates the sub-goals of the unit plans of <paramref name="year"/> (of <paramref name="unitIds"/> only when given).</summary>
    public async Task RateSubGoalsAsync(int year, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken = default)
    {
        var plans = db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).Where(p => p.Year == year);
        var stale = db.SubGoalRatings.Where(r => r.Year == year);
        if (unitIds is not null)
        {
            var units = unitIds.Distinct().ToArray();
            plans = plans.Where(p => units.Contains(p.UnitId));
            stale = stale.Where(r => units.Contains(r.UnitId));
        }

        await stale.ExecuteDeleteAsync(cancellationToken);
        var at = clock.GetUtcNow();
        var ratings = new List<SubGoalRating>();
        foreach (var plan in await plans.ToListAsync(cancellationToken))
        {
            ratings.AddRange(plan.SubGoals.Select(g => SubGoalRating.From(plan, g, at)));
        }

        db.SubGoalRatings.AddRange(ratings);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var rating in ratings)
        {
            db.Entry(rating).State = EntityState.Detached;
        }
    }
}
