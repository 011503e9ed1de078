using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// The query planner's statistics (<see cref="DatabaseStatistics"/>): a new SQLite file is analysed when migrated, the bulk
/// verbs analyse what they wrote (SQLite and PostgreSQL), and a running server refreshes SQLite's statistics on its interval.
/// </summary>
public sealed class DatabaseStatisticsTests
{
    [Fact]
    public async Task A_new_sqlite_file_is_analysed_when_migrated_and_again_after_a_bulk_verb()
    {
        await using var database = TestDatabase.CreateSqlite();
        Assert.Equal(0, (await VerbRunner.RunAsync(database, "migrate")).ExitCode);
        Assert.True(await InScopeAsync(database, DatabaseStatistics.HasStatisticsAsync));
        Assert.Null(await ProjectRowsInStatisticsAsync(database));

        var seeded = await VerbRunner.RunAsync(database, "seed-demo", "--units", "3", "--projects", "120", "--year", "2021", "--seed", "1");

        Assert.True(seeded.ExitCode == 0, seeded.Error);
        // sqlite_stat1's first number is the rows of the index: the planner now knows the table's size.
        Assert.Equal(120, await ProjectRowsInStatisticsAsync(database));
    }

    [Fact]
    public async Task A_bulk_verb_analyses_postgresql()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        Assert.Equal(0, (await VerbRunner.RunAsync(database, "migrate")).ExitCode);

        var seeded = await VerbRunner.RunAsync(database, "seed-demo", "--units", "2", "--projects", "40", "--year", "2021", "--seed", "1");

        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var analysed = await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'Projects' AND last_analyze IS NOT NULL")
            .SingleAsync());
        Assert.Equal(1, analysed);

        // The planner knows the new size, and has statistics of the columns queries filter and join on (keys, foreign keys,
        // indexes), not of the text it only shows (the rest is left to autovacuum's analysis of the whole table).
        var rows = await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<float>("SELECT reltuples AS \"Value\" FROM pg_class WHERE relname = 'Projects'").SingleAsync());
        Assert.Equal(40, rows);
        var columns = await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<string>("SELECT attname AS \"Value\" FROM pg_stats WHERE tablename = 'Projects'").ToListAsync());
        Assert.Superset(new HashSet<string>(["Id", "UnitId", "Year", "Code", "Status", "Stage"]), columns.ToHashSet());
        Assert.DoesNotContain("Name", columns);
        Assert.Contains("ProjectId", await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<string>("SELECT attname AS \"Value\" FROM pg_stats WHERE tablename = 'Indicators'").ToListAsync()));
    }

    /// <summary>
    /// On PostgreSQL a bulk verb analyses the tables whose size it changed, not the whole database: rating a seeded year
    /// analyses the ratings tables it filled again and leaves the projects' statistics as seed-demo left them.
    /// </summary>
    [Fact]
    public async Task A_bulk_verb_analyses_only_the_postgresql_tables_it_changed()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        Assert.Equal(0, (await VerbRunner.RunAsync(database, "migrate")).ExitCode);
        var seeded = await VerbRunner.RunAsync(database, "seed-demo", "--units", "2", "--projects", "60", "--year", "2021", "--seed", "1");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var before = await AnalysedAsync();

        var rated = await VerbRunner.RunAsync(database, "rate", "--year", "2021");

        Assert.True(rated.ExitCode == 0, rated.Error);
        var after = await AnalysedAsync();
        Assert.Equal(before["Projects"], after["Projects"]);
        Assert.Equal(before["Indicators"], after["Indicators"]);
        // seed-demo analysed the ratings tables empty (never analysed before); rate filled them, so analysed them again.
        Assert.True(after["ProjectRatings"] > before["ProjectRatings"], $"{before["ProjectRatings"]} -> {after["ProjectRatings"]}");
        Assert.True(after["IndicatorRatings"] > before["IndicatorRatings"], $"{before["IndicatorRatings"]} -> {after["IndicatorRatings"]}");
        Assert.Equal(60, await InScopeAsync(database, db => db.ProjectRatings.CountAsync()));

        async Task<Dictionary<string, DateTime?>> AnalysedAsync() => (await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<AnalysedTable>("SELECT relname AS \"Name\", last_analyze AS \"At\" FROM pg_stat_user_tables WHERE relname IN ('Projects', 'Indicators', 'ProjectRatings', 'IndicatorRatings')")
            .ToListAsync())).ToDictionary(t => t.Name, t => t.At);
    }

    private sealed class AnalysedTable
    {
        public string Name { get; set; } = string.Empty;

        public DateTime? At { get; set; }
    }

    [Fact]
    public async Task A_running_server_refreshes_sqlite_statistics_on_its_interval()
    {
        await using var database = TestDatabase.CreateSqlite();
        Assert.Equal(0, (await VerbRunner.RunAsync(database, "seed-demo", "--units", "2", "--projects", "30", "--year", "2021", "--seed", "1")).ExitCode);
        await InScopeAsync(database, db => db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1"));
        Assert.Null(await ProjectRowsInStatisticsAsync(database));

        await using var app = new AppFactory(database)
        {
            Customize = host => host.UseSetting(DatabaseStatistics.IntervalKey, "00:00:00.2"),
        };
        _ = app.Services; // starts the host, and with it the refresher

        var deadline = DateTime.UtcNow.AddSeconds(20);
        int? rows;
        while ((rows = await ProjectRowsInStatisticsAsync(database)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(30, rows);
    }

    private static Task<T> InScopeAsync<T>(TestDatabase database, Func<AppDbContext, Task<T>> act) =>
        VerbRunner.InScopeAsync(database, services => act(services.GetRequiredService<AppDbContext>()));

    private static Task<T> InScopeAsync<T>(TestDatabase database, Func<AppDbContext, CancellationToken, Task<T>> act) =>
        InScopeAsync(database, db => act(db, CancellationToken.None));

    /// <summary>The row count SQLite's statistics hold for the Projects table (its year index), or null when there are none.</summary>
    private static async Task<int?> ProjectRowsInStatisticsAsync(TestDatabase database)
    {
        var stats = await InScopeAsync(database, db => db.Database
            .SqlQueryRaw<string>("SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Projects' AND idx = 'IX_Projects_Year_Code'")
            .ToListAsync());
        return stats.Count == 0 ? null : int.Parse(stats[0].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
