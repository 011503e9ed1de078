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

    /// <param name="services">The application's services.</param>
    /// <param name="onlyWhenPending">
    /// True for a verb's implicit migration: EF Core's Migrate runs only when a migration is pending. With none pending it
    /// would still take the migrations lock and compare the model with the last snapshot (~0.1 s of every verb's start);
    /// the server's start and the <c>migrate</c> verb keep that comparison, so a model change without its migration still fails there.
    /// </param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    public static async Task MigrateAsync(IServiceProvider services, bool onlyWhenPending = false, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            if (!onlyWhenPending || (await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
        }, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer; the writer waits (busy timeout) instead of failing at once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await DatabaseStatistics.EnsureAsync(db, cancellationToken);
        }
    }
}
