using System.Threading.Channels;
using Microsoft.Data.Sqlite;
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
/// tracked changes pending: it clears the change tracker after each batch. Projects are read and ratings written with
/// set-based SQL (<see cref="RatingStore"/>), not through the change tracker.
/// </summary>
public sealed class RatingCalculator(AppDbContext db, IYearSettingsProvider settingsProvider, TimeProvider clock)
{
    /// <summary>
    /// Projects rated in one transaction: given by id, an IN list under SQL Server's 2,100 parameters; a whole year is
    /// read by id range, and larger batches only raise the peak memory (2,000: ~330 MB at 100,000 projects, 500: ~225 MB).
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>Projects a transaction covers when rating a whole year (tests make it small to cross batch boundaries).</summary>
    internal int YearBatch { get; init; } = BatchSize;

    /// <summary>Projects a transaction covers when rating projects by id.</summary>
    internal int IdBatch { get; init; } = BatchSize;

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
    public Task RefreshAsync(int year, int? unitId, CancellationToken cancellationToken = default) =>
        RefreshUnitsAsync(year, unitId is { } id ? [id] : null, cancellationToken);

    /// <summary>
    /// As <see cref="RefreshAsync(int, CancellationToken)"/>, for the units <paramref name="unitIds"/> only (all when null);
    /// returns how many projects and unit plans were stale and rated again (the rest were left as stored).
    /// </summary>
    public async Task<(int Projects, int Plans)> RefreshUnitsAsync(int year, IReadOnlyCollection<int>? unitIds, CancellationToken cancellationToken = default)
    {
        var settings = ProjectRating.Describe(await settingsProvider.GetAsync(year, cancellationToken));
        var projects = db.Projects.AsNoTracking().Where(p => p.Year == year);
        var plans = db.UnitPlans.AsNoTracking().Where(p => p.Year == year);
        if (unitIds is { Count: 1 })
        {
            // One unit (the pages): a plain equality, which every provider plans as an index seek.
            var only = unitIds.First();
            projects = projects.Where(p => p.UnitId == only);
            plans = plans.Where(p => p.UnitId == only);
        }
        else if (unitIds is not null)
        {
            projects = projects.Where(p => unitIds.Contains(p.UnitId));
            plans = plans.Where(p => unitIds.Contains(p.UnitId));
        }

        // One statement finds both kinds of stale input (a UNION ALL), since the pages call this on every view: a stale
        // project by its id, a stale unit plan by its unit's id negated (keys are positive).
        var staleProjectIds =
            from p in projects
            join r in db.ProjectRatings on p.Id equals r.ProjectId into rated
            from r in rated.DefaultIfEmpty()
            where r == null || r.ProjectVersion != p.Version || r.Settings != settings
            select p.Id;
        var stalePlanUnits =
            from plan in plans
            where plan.SubGoals.Any()
            where !db.SubGoalRatings.Any(r => r.Year == year && r.UnitId == plan.UnitId && r.PlanVersion == plan.Version)
            select -plan.UnitId;
        var stale = await staleProjectIds.Concat(stalePlanUnits).ToListAsync(cancellationToken);
        var staleProjects = stale.Where(id => id > 0).ToList();
        var stalePlans = stale.Where(id => id < 0).Select(id => -id).ToList();
        if (staleProjects.Count > 0)
        {
            await RateProjectsAsync(year, staleProjects, cancellationToken);
        }

        if (stalePlans.Count > 0)
        {
            await RateSubGoalsAsync(year, stalePlans, cancellationToken);
        }

        return (staleProjects.Count, stalePlans.Count);
    }

    /// <summary>
    /// Rates the projects <paramref name="projectIds"/> of <paramref name="year"/> (all of the year when null); returns how many.
    /// Works in batches of <see cref="BatchSize"/> projects, each in its own transaction unless the caller has one: the batch's
    /// stored ratings are deleted and the new ones inserted together (<see cref="RatingStore"/>: one query reads a batch, one its
    /// stored ratings, two statements delete, prepared inserts write). Batches are scored on the thread pool while the next one
    /// is read; on a SQLite file, without a caller transaction, they are read on a second connection, so that reading also
    /// overlaps writing.
    /// </summary>
    public async Task<int> RateProjectsAsync(int year, IReadOnlyCollection<int>? projectIds, CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.GetAsync(year, cancellationToken);
        var wholeYear = projectIds is null;
        var ids = wholeYear
            ? await db.Projects.AsNoTracking().Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken)
            : [.. projectIds!.Distinct().Order()];
        var batches = ids.Chunk(wholeYear ? YearBatch : IdBatch).Select(chunk => new RatingStore.Batch(year, chunk, wholeYear)).ToList();
        if (batches.Count == 0)
        {
            return 0;
        }

        // RatingStore runs its commands on the context's connection: keep it open across the batches.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await RateBatchesAsync(batches, new Scoring(settings, ProjectRating.Describe(settings), clock.GetUtcNow()), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return ids.Count;
    }

    private async Task RateBatchesAsync(List<RatingStore.Batch> batches, Scoring scoring, CancellationToken cancellationToken)
    {
        await using var store = new RatingStore(db);
        if (batches.Count > 1 && ReadingConnection() is { } connection)
        {
            await using var reader = new RatingStore(db, connection);
            await connection.OpenAsync(cancellationToken);
            await RateReadingAheadAsync(store, reader, batches, scoring, cancellationToken);
            return;
        }

        var scored = scoring.Start(await store.ReadAsync(batches[0], cancellationToken));
        for (var k = 0; k < batches.Count; k++)
        {
            var batch = batches[k];
            var next = k + 1 < batches.Count ? batches[k + 1] : null;
            var current = scored;
            scored = await InTransactionAsync(async ct =>
            {
                // The next batch is read and its scoring started while this one is still being scored: reading and
                // scoring overlap instead of taking turns.
                var following = next is null ? null : scoring.Start(await store.ReadAsync(next, ct));
                await WriteBatchAsync(store, batch, await current!, ct);
                return following;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Rates <paramref name="batches"/> reading them on <paramref name="reader"/>'s own connection: one task reads batch after
    /// batch and starts scoring each on the thread pool, at most one batch ahead of the one being written, while this one
    /// writes on the context's connection, in order. Reading, scoring and writing all overlap.
    /// </summary>
    private async Task RateReadingAheadAsync(
        RatingStore store, RatingStore reader, List<RatingStore.Batch> batches, Scoring scoring, CancellationToken cancellationToken)
    {
        var scored = Channel.CreateBounded<Task<List<ProjectRating>>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAheadAsync(reader, batches, scoring, scored.Writer, stop.Token), stop.Token);
        try
        {
            foreach (var batch in batches)
            {
                var ratings = await await scored.Reader.ReadAsync(cancellationToken);
                await InTransactionAsync(async ct =>
                {
                    await WriteBatchAsync(store, batch, ratings, ct);
                    return true;
                }, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
                // Stopped because the writing ended early (its own exception is the one that matters).
            }
        }
    }

    private static async Task ReadAheadAsync(
        RatingStore reader, List<RatingStore.Batch> batches, Scoring scoring, ChannelWriter<Task<List<ProjectRating>>> scored, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in batches)
            {
                await scored.WriteAsync(scoring.Start(await reader.ReadAsync(batch, cancellationToken)), cancellationToken);
            }

            scored.Complete();
        }
        catch (Exception e)
        {
            scored.Complete(e);
            throw;
        }
    }

    /// <summary>
    /// A second connection to read batches on while the context's connection writes, or null to read on the context's
    /// connection: a SQLite file only (<see cref="ReadConnections.IsSqliteFile"/>: in WAL mode its readers never wait for the
    /// writer, and a file has no server connection limit; on PostgreSQL the same measured no faster, twice), and no caller
    /// transaction (its uncommitted changes are seen on its own connection only).
    /// </summary>
    private SqliteConnection? ReadingConnection() =>
        db.Database.CurrentTransaction is null && db.Database.GetConnectionString() is { } connectionString && ReadConnections.IsSqliteFile(db, connectionString)
            ? new SqliteConnection(connectionString)
            : null;

    /// <summary>Runs <paramref name="work"/> in the caller's transaction when there is one, else in a transaction of its own.</summary>
    private async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Brings the stored ratings of <paramref name="batch"/> to <paramref name="ratings"/>, rewriting only what changed: a
    /// rating whose <see cref="ProjectRating.ResultHash"/> equals the stored one stays, re-stamped with the settings and version
    /// it now stands for; the others are deleted and inserted anew. A project changed by someone else between its batch's read
    /// and this transaction is stored with the version it was scored at, so it is stale and <see cref="RefreshAsync"/> rates it again.
    /// </summary>
    private async Task WriteBatchAsync(RatingStore store, RatingStore.Batch batch, List<ProjectRating> ratings, CancellationToken cancellationToken)
    {
        var stored = await store.ReadStoredAsync(batch, cancellationToken);
        var changed = new List<ProjectRating>(ratings.Count);
        var restamp = new List<ProjectRating>();
        var moved = new List<ProjectRating>();
        var kept = new HashSet<int>();
        foreach (var rating in ratings)
        {
            if (stored.TryGetValue(rating.ProjectId, out var old) && old.ResultHash == rating.ResultHash)
            {
                kept.Add(rating.ProjectId);
                if (old.Settings != rating.Settings)
                {
                    restamp.Add(rating);
                }

                if (old.ProjectVersion != rating.ProjectVersion)
                {
                    moved.Add(rating);
                }
            }
            else
            {
                changed.Add(rating);
            }
        }

        var gone = stored.Keys.Where(id => !kept.Contains(id)).Order().ToArray();
        if (gone.Length > 0)
        {
            await store.DeleteAsync(new RatingStore.Batch(batch.Year, gone, WholeYear: false), cancellationToken);
        }

        if (changed.Count > 0)
        {
            await store.InsertAsync(changed, cancellationToken);
        }

        await RestampAsync(restamp, moved, cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Re-stamps unchanged ratings: one statement a batch for those whose settings text changed (they all share the new
    /// one), and one a rating only for the few whose project version moved on without changing their result.
    /// </summary>
    private async Task RestampAsync(List<ProjectRating> settingsChanged, List<ProjectRating> versionMoved, CancellationToken cancellationToken)
    {
        foreach (var group in settingsChanged.GroupBy(r => r.Settings))
        {
            var ids = group.Select(r => r.ProjectId).ToArray();
            var settings = group.Key;
            await db.ProjectRatings.Where(r => ids.Contains(r.ProjectId))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Settings, settings), cancellationToken);
        }

        foreach (var rating in versionMoved)
        {
            var (id, version) = (rating.ProjectId, rating.ProjectVersion);
            await db.ProjectRatings.Where(r => r.ProjectId == id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ProjectVersion, version), cancellationToken);
        }
    }

    /// <summary>
    /// Scores a batch of read projects on the thread pool (the rules engine is pure; the settings are immutable). Reading the
    /// next batch overlaps it, and two batches may be scored at once, so the work spreads over the cores without splitting a batch.
    /// </summary>
    private sealed record Scoring(EvaluationSettings Settings, string Described, DateTimeOffset At)
    {
        public Task<List<ProjectRating>> Start(List<RatingInputs> projects) =>
            Task.Run(() => projects.ConvertAll(p => ProjectRating.From(p, p.Score(Settings), Described, At)));
    }

    /// <summary>
    /// Rates the sub-goals of the unit plans of <paramref name="year"/> (of <paramref name="unitIds"/> only when given): their
    /// stored ratings are deleted and the new ones inserted together, in one transaction unless the caller has one.
    /// </summary>
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

        var at = clock.GetUtcNow();
        var ratings = new List<SubGoalRating>();
        foreach (var plan in await plans.ToListAsync(cancellationToken))
        {
            ratings.AddRange(plan.SubGoals.Select(g => SubGoalRating.From(plan, g, at)));
        }

        if (db.Database.CurrentTransaction is not null)
        {
            await ReplaceSubGoalRatingsAsync(stale, ratings, cancellationToken);
            return;
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ReplaceSubGoalRatingsAsync(stale, ratings, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="stale"/> and inserts <paramref name="ratings"/> through the bulk writer: a province's ~4,000
    /// sub-goal ratings through the change tracker cost about a second. They are derived rows, not audited
    /// (<see cref="Infrastructure.Auditing.AuditInterceptor"/>), so bypassing <c>SaveChanges</c> loses nothing.
    /// </summary>
    private async Task ReplaceSubGoalRatingsAsync(IQueryable<SubGoalRating> stale, List<SubGoalRating> ratings, CancellationToken cancellationToken)
    {
        await stale.ExecuteDeleteAsync(cancellationToken);
        if (ratings.Count == 0)
        {
            return;
        }

        await using var writer = new BulkInserter(db);
        await writer.InsertRowsAsync(ratings, cancellationToken);
    }
}
