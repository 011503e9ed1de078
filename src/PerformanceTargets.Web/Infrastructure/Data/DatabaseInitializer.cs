using Microsoft.EntityFrameworkCore;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// Applies migrations. The embedded SQLite default is migrated on every start; server databases only when
/// <c>Database:MigrateOnStartup</c> is true, otherwise deliberately with the <c>migrate</c> verb. A SQLite file without
/// planner statistics is analysed then (<see cref="DatabaseStatistics"/>).
/// </summary>
public static class DatabaseInitializer
{
    public static bool ShouldMigrateOnStartup(IConfiguration configuration) =>
        DatabaseSetup.GetProvider(configuration) == DatabaseProvider.Sqlite
        || configuration.GetValue("Database:MigrateOnStartup", false);

    /// <summary>
    /// Applies the pending migrations. With <paramref name="onlyWhenPending"/> (the verbs other than <c>migrate</c>) a
    /// database with none pending is left as it is: the migrator's own checks (the model against the last migration, the
    /// migration lock) cost a short verb more than its work; a new or older database is migrated as always.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default, bool onlyWhenPending = false)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        if (!onlyWhenPending || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await strategy.ExecuteAsync(async ct => await db.Database.MigrateAsync(ct), cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer; the writer waits (busy timeout) instead of failing at once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await DatabaseStatistics.EnsureAsync(db, cancellationToken);
        }
    }
}
