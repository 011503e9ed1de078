using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// Keeps the query planner's statistics current. SQLite keeps none until <c>ANALYZE</c> runs, and without them it guesses:
/// at 100,000 projects it read a rating batch by scanning the year's index (every project of the year, for each batch of
/// 500) instead of the primary key range, and a year's rescoring took 25 s instead of 12 s. So SQLite is analysed when it
/// has no statistics yet (at start, after migrating), after the bulk verbs (<c>import</c>, <c>seed-demo</c>, <c>rate</c>), and
/// periodically while the server runs (<see cref="StatisticsRefresher"/>, <see cref="IntervalKey"/>). PostgreSQL's
/// autovacuum analyses on its own, but only some time after a bulk load, so the bulk verbs analyse it too; SQL Server
/// updates its statistics itself.
/// </summary>
public static class DatabaseStatistics
{
    /// <summary>How often the server refreshes SQLite's statistics (a <see cref="TimeSpan"/>; default one hour, 0 turns it off).</summary>
    public const string IntervalKey = "Database:StatisticsInterval";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static TimeSpan Interval(IConfiguration configuration) =>
        configuration.GetValue<TimeSpan?>(IntervalKey) is { } value && value >= TimeSpan.Zero ? value : DefaultInterval;

    /// <summary>
    /// Brings the statistics up to date: on SQLite <c>PRAGMA optimize</c> over every table (0x10000), which analyses the
    /// tables whose size changed a lot since their last analysis and costs next to nothing when none did; on PostgreSQL
    /// <c>ANALYZE</c> of the tables whose size changed likewise (<see cref="ChangedPostgresTables"/>); nothing on SQL Server.
    /// </summary>
    public static async Task RefreshAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
        else if (db.Database.IsNpgsql())
        {
            var tables = await db.Database.SqlQueryRaw<ChangedTable>(ChangedPostgresTables).ToListAsync(cancellationToken);
            if (tables.Count > 0)
            {
                var columns = PlannedColumns(db.Model);
                var sql = db.GetService<ISqlGenerationHelper>();
                var analyse = "ANALYZE " + string.Join(", ", tables.Select(t => sql.DelimitIdentifier(t.Name, t.Schema)
                    + (columns.TryGetValue((t.Schema, t.Name), out var planned) ? " (" + string.Join(", ", planned.Select(c => sql.DelimitIdentifier(c))) + ")" : ""))) + ";";
#pragma warning disable EF1003 // Every name comes from the catalog or the model, quoted by the provider above.
                await db.Database.ExecuteSqlRawAsync(analyse, cancellationToken);
#pragma warning restore EF1003
            }
        }
    }

    /// <summary>A table <see cref="ChangedPostgresTables"/> found (unquoted names).</summary>
    internal sealed class ChangedTable
    {
        public string Schema { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;
    }

    /// <summary>
    /// PostgreSQL: the columns of each mapped table that queries filter, join and sort on (those of its keys, foreign keys
    /// and indexes), by schema and table. A bulk verb analyses only these: the planner gets the new row counts and the key
    /// columns' statistics at once, for a third of the time (the text columns' statistics were most of the 0.2–0.3 s an
    /// analysis took after a 10,000-project import or seed). An <c>ANALYZE</c> with a column list leaves the table's change
    /// counter as it is, so autovacuum still analyses the whole table soon after (docs/performance.md).
    /// </summary>
    internal static IReadOnlyDictionary<(string Schema, string Table), IReadOnlyList<string>> PlannedColumns(IModel model) =>
        PlannedColumnsByModel.GetValue(model, m =>
        {
            var byTable = new Dictionary<(string Schema, string Table), SortedSet<string>>();
            foreach (var entity in m.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }

                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                var key = (entity.GetSchema() ?? "public", table);
                if (!byTable.TryGetValue(key, out var columns))
                {
                    byTable[key] = columns = new SortedSet<string>(StringComparer.Ordinal);
                }

                var properties = entity.GetKeys().SelectMany(k => k.Properties)
                    .Concat(entity.GetForeignKeys().SelectMany(f => f.Properties))
                    .Concat(entity.GetIndexes().SelectMany(i => i.Properties));
                foreach (var property in properties)
                {
                    if (property.GetColumnName(store) is { } column)
                    {
                        columns.Add(column);
                    }
                }
            }

            return byTable.Where(t => t.Value.Count > 0).ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value]);
        });

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, IReadOnlyDictionary<(string Schema, string Table), IReadOnlyList<string>>> PlannedColumnsByModel = new();

    /// <summary>
    /// PostgreSQL: the user tables (quoted, with their schema) never analysed or vacuumed, or whose size in pages is more than a
    /// tenth off what their last analysis or vacuum recorded (<c>pg_class.relpages</c>; the file's size is read, not counted).
    /// A whole-database <c>ANALYZE</c> after every bulk verb took ~1 s at 10,000 projects, most of it re-sampling projects and
    /// indicators that a year's rating had not touched; the tables a verb filled or emptied are still analysed right away.
    /// </summary>
    internal const string ChangedPostgresTables =
        "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
        + "AND (c.reltuples < 0 OR abs(pg_relation_size(c.oid) / current_setting('block_size')::bigint - c.relpages) > c.relpages / 10) "
        + "ORDER BY 1, 2";

    /// <summary>SQLite only: analyses when the database has no statistics yet (a new file, or one made before this existed).</summary>
    public static async Task EnsureAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite() && !await HasStatisticsAsync(db, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }
    }

    /// <summary>Whether SQLite holds statistics (the <c>sqlite_stat1</c> table <c>ANALYZE</c> writes).</summary>
    public static async Task<bool> HasStatisticsAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
            .SingleAsync(cancellationToken) > 0;
}

/// <summary>
/// Refreshes SQLite's statistics every <see cref="DatabaseStatistics.Interval"/> while the server runs: a database that
/// grows from a few projects in January to a province's 100,000 by December keeps plans that fit its size. A full
/// <c>ANALYZE</c> of 100,000 projects with 900,000 indicators takes ~0.6 s; in WAL mode readers do not wait for it.
/// </summary>
internal sealed class StatisticsRefresher(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<StatisticsRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = DatabaseStatistics.Interval(configuration);
        if (interval == TimeSpan.Zero || DatabaseSetup.GetProvider(configuration) != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await DatabaseStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Statistics only steer the planner: a failed refresh is retried at the next tick, never fatal.
                logger.LogWarning(ex, "Refreshing the database statistics failed");
            }
        }
    }
}
