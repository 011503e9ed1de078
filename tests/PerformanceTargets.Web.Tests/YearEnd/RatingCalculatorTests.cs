using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// Issue 8: rescoring a year set-based (one ordered read a batch, set-based delete, multi-row or raw SQLite inserts) stores
/// exactly what rating each project on its own with <see cref="ProjectScorer"/> and <see cref="ProjectRating.From(Domain.Projects.BudgetProject, ProjectScore, EvaluationSettings, DateTimeOffset)"/>
/// stores, across batch boundaries, on a real database; stale rows go; other years and other projects stay untouched.
/// </summary>
public abstract class RatingCalculatorTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 24, 8, 30, 15, TimeSpan.Zero).AddTicks(1234560); // microseconds: PostgreSQL keeps no more

    private TestDatabase? _db;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _db = await CreateDatabaseAsync();
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "seed-demo", "--units", "3", "--projects", "40", "--year", "2021", "--seed", "5")).ExitCode);
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "seed-demo", "--units", "2", "--projects", "12", "--year", "2022", "--seed", "6")).ExitCode);
        await WithContextAsync(async (db, _) =>
        {
            // Interleave the years' ids (a whole year is read by id range), and give one project no indicators at all.
            var ids = await db.Projects.Where(p => p.Year == 2021).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            foreach (var id in ids.Where((_, k) => k % 4 == 1))
            {
                await db.Projects.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Year, 2022));
            }

            await db.Indicators.Where(i => EF.Property<int>(i, "ProjectId") == ids[2]).ExecuteDeleteAsync();
            return 0;
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_whole_year_in_small_batches_stores_what_scoring_each_project_alone_gives()
    {
        var rated = await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 7);

        Assert.Equal(30, rated);
        Assert.Equal(await ExpectedAsync(2021), await StoredAsync(2021));
        Assert.Empty(await StoredAsync(2022));
    }

    [Fact]
    public async Task Rescoring_replaces_every_stale_row_and_leaves_other_years_alone()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2022, null), yearBatch: 5);
        var other = await RowIdsAsync(2022);
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 7);
        var first = await RowIdsAsync(2021);
        await ChangeSettingsAsync(2021);

        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 4);

        var second = await RowIdsAsync(2021);
        Assert.Empty(first.Ratings.Intersect(second.Ratings));
        Assert.Empty(first.Indicators.Intersect(second.Indicators));
        Assert.Equal(first.Ratings.Count, second.Ratings.Count);
        Assert.Equal(first.Indicators.Count, second.Indicators.Count);
        var otherAfter = await RowIdsAsync(2022);
        Assert.Equal(other.Ratings, otherAfter.Ratings);
        Assert.Equal(other.Indicators, otherAfter.Indicators);
        Assert.Equal(await ExpectedAsync(2021), await StoredAsync(2021));
        Assert.Equal(await ExpectedAsync(2022), await StoredAsync(2022));
        Assert.Equal(0, await WithContextAsync((db, _) => db.IndicatorRatings.CountAsync(i => !db.ProjectRatings.Any(r => r.Id == i.ProjectRatingId))));
    }

    [Fact]
    public async Task Rating_some_projects_by_id_in_batches_replaces_only_theirs()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null));
        var before = await RowIdsAsync(2021);
        var ids = await WithContextAsync((db, _) => db.Projects.Where(p => p.Year == 2021).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        var chosen = ids.Where((_, k) => k % 3 == 0).Reverse().ToList();
        await ChangeSettingsAsync(2021);

        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, [.. chosen, chosen[0]]), idBatch: 3);

        var stored = await StoredAsync(2021);
        var expected = await ExpectedAsync(2021);
        Assert.All(chosen, id => Assert.Equal(expected.Single(r => r.StartsWith($"{id}|", StringComparison.Ordinal)), stored.Single(r => r.StartsWith($"{id}|", StringComparison.Ordinal))));
        var after = await RowIdsAsync(2021);
        Assert.Equal(before.Ratings.Count, after.Ratings.Count);
        Assert.Equal(before.Ratings.Count - chosen.Count, before.Ratings.Intersect(after.Ratings).Count());
    }

    [Fact]
    public async Task Refresh_rescores_only_what_is_stale_and_a_new_version_with_the_same_result_keeps_its_rows()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null));
        var before = await RowIdsAsync(2021);
        var (changed, version) = await WithContextAsync(async (db, _) =>
        {
            var id = await db.Projects.Where(p => p.Year == 2021).OrderBy(p => p.Id).Select(p => p.Id).Skip(5).FirstAsync();
            var version = Guid.NewGuid();
            await db.Projects.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, version));
            return (id, version);
        });

        var (projects, _) = await WithContextAsync(async (db, services) =>
            await new RatingCalculator(db, services.GetRequiredService<IYearSettingsProvider>(), new FixedClock(At)).RefreshUnitsAsync(2021, null));

        Assert.Equal(1, projects);
        var after = await RowIdsAsync(2021);
        Assert.Equal(before.Ratings, after.Ratings); // the result did not change: re-stamped in place, nothing rewritten
        Assert.Equal(before.Indicators, after.Indicators);
        Assert.Equal(await ExpectedAsync(2021), await StoredAsync(2021));
        Assert.Contains(await StoredAsync(2021), r => r.StartsWith($"{changed}|", StringComparison.Ordinal) && r.Contains(version.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rescoring_after_a_settings_change_rewrites_only_the_ratings_whose_result_changed()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null));
        var before = await StoredWithRowIdsAsync(2021);
        await WithContextAsync(async (db, _) =>
        {
            // Only the bands move (优 from 90 to 95): ratings below 90 keep their result, only their settings text changes.
            var fiscalYear = await db.FiscalYears.SingleAsync(y => y.Year == 2021);
            db.YearSettings.Add(new Domain.Units.YearSettings(fiscalYear.Id, EvaluationSettings.National(2021) with
            {
                GradeBands = RatingBandSet.Create([new("优", 95m), new("良", 80m), new("中", 60m), new("差", 0m)]),
            }));
            return await db.SaveChangesAsync();
        });

        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 6);

        Assert.Equal(await ExpectedAsync(2021), await StoredAsync(2021));
        var after = await StoredWithRowIdsAsync(2021);
        var kept = 0;
        foreach (var (projectId, (rowId, line)) in after)
        {
            var (oldRowId, oldLine) = before[projectId];
            if (WithoutSettings(oldLine) == WithoutSettings(line))
            {
                Assert.Equal(oldRowId, rowId);
                kept++;
            }
            else
            {
                Assert.NotEqual(oldRowId, rowId);
            }
        }

        Assert.True(kept > 0, $"the sample should have ratings the new bands leave unchanged ({kept} of {after.Count} unchanged)");
        Assert.All(await StoredAsync(2021), line => Assert.Contains("优≥95", line, StringComparison.Ordinal)); // every rating stands for the new settings
    }

    private static string WithoutSettings(string line)
    {
        var fields = line.Split('|');
        fields[12] = string.Empty; // Settings (see Line)
        return string.Join('|', fields);
    }

    private async Task<Dictionary<int, (int RowId, string Line)>> StoredWithRowIdsAsync(int year) => await WithContextAsync(async (db, _) =>
    {
        var ratings = await db.ProjectRatings.AsNoTracking().Include(r => r.Indicators)
            .Where(r => db.Projects.Any(p => p.Id == r.ProjectId && p.Year == year)).ToListAsync();
        return ratings.ToDictionary(r => r.ProjectId, r => (r.Id, Line(r)));
    });

    [Fact]
    public async Task Inside_the_callers_transaction_a_rollback_leaves_the_stored_ratings_as_they_were()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null));
        var before = await StoredAsync(2021);
        await ChangeSettingsAsync(2021);

        await WithContextAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var calculator = new RatingCalculator(db, services.GetRequiredService<IYearSettingsProvider>(), new FixedClock(At.AddDays(1))) { YearBatch = 6 };
            await calculator.RateProjectsAsync(2021, null);
            Assert.NotEqual(before, await StoredAsync(2021, db));
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal(before, await StoredAsync(2021));
    }

    [Fact]
    public async Task Reading_ahead_on_a_second_connection_stores_what_reading_each_batch_in_turn_on_one_connection_stores()
    {
        // Inside the caller's transaction every batch is read in turn on the context's connection; without one, on a
        // SQLite file, batches are read ahead on a second connection while the first writes.
        await WithContextAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var calculator = new RatingCalculator(db, services.GetRequiredService<IYearSettingsProvider>(), new FixedClock(At)) { YearBatch = 4 };
            await calculator.RateProjectsAsync(2021, null);
            await transaction.CommitAsync();
            return 0;
        });
        var inTurn = await StoredAsync(2021);
        await WithContextAsync((db, _) => db.ProjectRatings.ExecuteDeleteAsync());

        var rated = await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 4);

        Assert.Equal(30, rated);
        Assert.Equal(await ExpectedAsync(2021), inTurn);
        Assert.Equal(inTurn, await StoredAsync(2021));
        Assert.Equal(0, await WithContextAsync((db, _) => db.IndicatorRatings.CountAsync(i => !db.ProjectRatings.Any(r => r.Id == i.ProjectRatingId))));
    }

    [Fact]
    public async Task Rating_a_years_sub_goals_replaces_theirs_with_each_sub_goal_rated_alone()
    {
        await WithCalculatorAsync(async c => { await c.RateSubGoalsAsync(2022, null); return 0; });
        var otherYear = await StoredSubGoalsAsync(2022);

        await WithCalculatorAsync(async c => { await c.RateSubGoalsAsync(2021, null); return 0; });
        await WithCalculatorAsync(async c => { await c.RateSubGoalsAsync(2021, null); return 0; }); // again: replaced, not added

        var expected = await WithContextAsync(async (db, _) =>
        {
            var plans = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).Where(p => p.Year == 2021).ToListAsync();
            return plans.SelectMany(plan => plan.SubGoals.Select(g => SubGoalLine(SubGoalRating.From(plan, g, At)))).Order().ToList();
        });
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await StoredSubGoalsAsync(2021));
        Assert.NotEmpty(otherYear);
        Assert.Equal(otherYear, await StoredSubGoalsAsync(2022));
    }

    [Fact]
    public async Task Inside_the_callers_transaction_a_rollback_leaves_the_stored_sub_goal_ratings_as_they_were()
    {
        await WithCalculatorAsync(async c => { await c.RateSubGoalsAsync(2021, null); return 0; });
        var before = await StoredSubGoalsAsync(2021);

        await WithContextAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var calculator = new RatingCalculator(db, services.GetRequiredService<IYearSettingsProvider>(), new FixedClock(At.AddDays(1)));
            await calculator.RateSubGoalsAsync(2021, null);
            Assert.NotEqual(before, await StoredSubGoalsAsync(2021, db));
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal(before, await StoredSubGoalsAsync(2021));
    }

    private async Task<List<string>> StoredSubGoalsAsync(int year, AppDbContext? context = null)
    {
        async Task<List<string>> Read(AppDbContext db) =>
            [.. (await db.SubGoalRatings.AsNoTracking().Where(r => r.Year == year).ToListAsync()).Select(SubGoalLine).Order()];

        return context is null ? await WithContextAsync((db, _) => Read(db)) : await Read(context);
    }

    private static string SubGoalLine(SubGoalRating r) =>
        string.Join("|", r.SubGoalId, r.UnitId, r.Year, r.Order, r.PlanVersion, r.Indicator, N(r.CompletionRate), r.Bands, r.Grade, r.Error,
            r.ComputedAt.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Every stored rating of the year and its indicators, one line each, in project and indicator order (ids and the key left out).</summary>
    private async Task<List<string>> StoredAsync(int year, AppDbContext? context = null)
    {
        async Task<List<string>> Read(AppDbContext db)
        {
            var ratings = await db.ProjectRatings.AsNoTracking().Include(r => r.Indicators)
                .Where(r => db.Projects.Any(p => p.Id == r.ProjectId && p.Year == year)).OrderBy(r => r.ProjectId).ToListAsync();
            return [.. ratings.Select(Line)];
        }

        return context is null ? await WithContextAsync((db, _) => Read(db)) : await Read(context);
    }

    /// <summary>Each project of the year loaded whole with EF and rated on its own, as before issue 8.</summary>
    private async Task<List<string>> ExpectedAsync(int year) => await WithContextAsync(async (db, services) =>
    {
        var settings = await services.GetRequiredService<IYearSettingsProvider>().GetAsync(year);
        var ids = await db.Projects.Where(p => p.Year == year).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var lines = new List<string>();
        foreach (var id in ids)
        {
            var project = await db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == id);
            lines.Add(Line(ProjectRating.From(project, ProjectScorer.Score(project, settings), settings, At)));
        }

        return lines;
    });

    /// <summary>A rating as one text; decimals without trailing zeros (PostgreSQL gives them back at the column's scale, 20.0000).</summary>
    private static string Line(ProjectRating r) =>
        string.Join("|", r.ProjectId, r.UnitId, r.Year, r.ProjectVersion, N(r.Budget), N(r.Executed), N(r.ExecutionRate), N(r.ExecutionWeight),
            N(r.ExecutionScore), N(r.Score), r.Grade, r.Errors, r.Settings, r.ComputedAt.ToString("O", CultureInfo.InvariantCulture))
        + string.Concat(r.Indicators.OrderBy(i => i.Order).Select(i => "\n  " + string.Join("|", i.Order, i.Level1, i.Level2, i.Name, i.Value, i.Actual,
            N(i.ActualScore), i.DeviationReason, N(i.Weight), N(i.Points), i.Error, i.Notes)));

    private static string N(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "null";

    private async Task<(List<int> Ratings, List<int> Indicators)> RowIdsAsync(int year) => await WithContextAsync(async (db, _) =>
    {
        var ratings = db.ProjectRatings.Where(r => db.Projects.Any(p => p.Id == r.ProjectId && p.Year == year));
        return (await ratings.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(),
            await db.IndicatorRatings.Where(i => ratings.Any(r => r.Id == i.ProjectRatingId)).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
    });

    /// <summary>Stores settings for the year that differ from the national ones (other bands and a heavier execution weight).</summary>
    private async Task ChangeSettingsAsync(int year) => await WithContextAsync(async (db, _) =>
    {
        var fiscalYear = await db.FiscalYears.SingleAsync(y => y.Year == year);
        db.YearSettings.Add(new Domain.Units.YearSettings(fiscalYear.Id, EvaluationSettings.National(year) with
        {
            ExecutionWeight = 20m,
            GroupWeights = new Dictionary<string, decimal> { ["产出指标"] = 40m, ["效益指标"] = 30m, ["满意度指标"] = 10m },
            GradeBands = RatingBandSet.Create([new("优", 95m), new("良", 85m), new("中", 70m), new("差", 0m)]),
        }));
        return await db.SaveChangesAsync();
    });

    protected async Task<int> WithCalculatorAsync(Func<RatingCalculator, Task<int>> act, int? yearBatch = null, int? idBatch = null) =>
        await WithContextAsync(async (db, services) =>
        {
            var calculator = new RatingCalculator(db, services.GetRequiredService<IYearSettingsProvider>(), new FixedClock(At))
            {
                YearBatch = yearBatch ?? RatingCalculator.BatchSize,
                IdBatch = idBatch ?? RatingCalculator.BatchSize,
            };
            return await act(calculator);
        });

    protected Task<T> WithContextAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> act) =>
        VerbRunner.InScopeAsync(_db!, services => act(services.GetRequiredService<AppDbContext>(), services));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SqliteRatingCalculatorTests : RatingCalculatorTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());

    /// <summary>
    /// SQLite gets its rows through SQLite's own API (the one bulk writer, <see cref="BulkInserter"/>), not Microsoft.Data.Sqlite
    /// parameters: the stored text and storage class of every column must be what EF Core's own save stores.
    /// </summary>
    [Fact]
    public async Task The_raw_sqlite_inserts_store_the_same_text_as_parameters_do()
    {
        await WithCalculatorAsync(c => c.RateProjectsAsync(2021, null), yearBatch: 9);
        var rated = await SqliteRowsAsync();

        await WithContextAsync(async (db, services) =>
        {
            var settings = await services.GetRequiredService<IYearSettingsProvider>().GetAsync(2021);
            await db.ProjectRatings.ExecuteDeleteAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var project in await db.Projects.AsNoTracking().Include(p => p.Indicators).Where(p => p.Year == 2021).OrderBy(p => p.Id).ToListAsync())
            {
                db.ProjectRatings.Add(ProjectRating.From(project, ProjectScorer.Score(project, settings), settings, At));
            }

            await db.SaveChangesAsync();

            await transaction.CommitAsync();
            return 0;
        });

        Assert.Equal(await SqliteRowsAsync(), rated);
    }

    /// <summary>Every rating row as SQLite stores it (storage class and text of each column), without the keys.</summary>
    private async Task<List<string>> SqliteRowsAsync() => await WithContextAsync(async (db, _) =>
    {
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT * FROM \"ProjectRatings\" ORDER BY \"ProjectId\"",
            "SELECT r.\"ProjectId\", i.* FROM \"IndicatorRatings\" i JOIN \"ProjectRatings\" r ON r.\"Id\" = i.\"ProjectRatingId\" ORDER BY r.\"ProjectId\", i.\"Order\"",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                    .Where(k => reader.GetName(k) is not ("Id" or "ProjectRatingId"))
                    .Select(k => reader.IsDBNull(k) ? "null" : $"{reader.GetFieldType(k).Name}:{Convert.ToString(reader.GetValue(k), CultureInfo.InvariantCulture)}")));
            }
        }

        return rows;
    });
}

public sealed class PostgresRatingCalculatorTests : RatingCalculatorTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        TestDatabase.RequirePostgres();
        return await TestDatabase.CreatePostgresAsync();
    }
}
