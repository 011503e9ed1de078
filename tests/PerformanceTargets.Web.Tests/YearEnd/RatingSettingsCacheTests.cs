using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// The ratings page's remembered settings (<see cref="RatingSettingsCache"/>): the description of a year's settings is
/// remembered (a bulk update the change tracker never sees does not show), and any save that adds, changes or deletes the
/// year's settings makes the next page read them again.
/// </summary>
public abstract class RatingSettingsCacheTests(AppFixture fixture)
{
    private const int Year = 2019;

    [Fact]
    public async Task A_saved_change_of_the_year_s_settings_is_described_at_once_and_a_bulk_update_within_the_lifetime()
    {
        var app = await fixture.GetAsync();
        var national = EvaluationSettings.National(Year);
        var heavier = national with
        {
            ExecutionWeight = 20m,
            GroupWeights = new Dictionary<string, decimal>(national.GroupWeights) { ["产出指标"] = national.GroupWeights["产出指标"] - 10m },
        };
        var lighter = heavier with { ExecutionWeight = 15m, GroupWeights = new Dictionary<string, decimal>(national.GroupWeights) { ["产出指标"] = national.GroupWeights["产出指标"] - 5m } };

        Assert.Equal(ProjectRating.Describe(national), await DescribeAsync(app));

        // Added (with its fiscal year, when the year is new), through a save.
        var fiscalYearId = await app.WithDbAsync(async db =>
        {
            var fiscalYear = await db.FiscalYears.FirstOrDefaultAsync(y => y.Year == Year);
            if (fiscalYear is null)
            {
                fiscalYear = new FiscalYear(Year);
                db.FiscalYears.Add(fiscalYear);
                await db.SaveChangesAsync();
            }

            db.YearSettings.Add(new YearSettings(fiscalYear.Id, heavier));
            await db.SaveChangesAsync();
            return fiscalYear.Id;
        });
        Assert.Equal(ProjectRating.Describe(heavier), await DescribeAsync(app));

        // Changed through a save.
        await app.WithDbAsync(async db =>
        {
            var stored = await db.YearSettings.SingleAsync(s => s.FiscalYearId == fiscalYearId);
            stored.Replace(lighter);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(ProjectRating.Describe(lighter), await DescribeAsync(app));

        // A bulk update is not seen by the interceptor: remembered until the lifetime ends (or a save).
        await app.WithDbAsync(db => db.YearSettings.Where(s => s.FiscalYearId == fiscalYearId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExecutionWeight, 99m)));
        Assert.Equal(ProjectRating.Describe(lighter), await DescribeAsync(app));
        await app.WithDbAsync(db => db.YearSettings.Where(s => s.FiscalYearId == fiscalYearId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExecutionWeight, 15m)));

        // Deleted through a save: the national defaults again.
        await app.WithDbAsync(async db =>
        {
            db.YearSettings.Remove(await db.YearSettings.SingleAsync(s => s.FiscalYearId == fiscalYearId));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(ProjectRating.Describe(national), await DescribeAsync(app));
    }

    private static async Task<string> DescribeAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RatingSettingsCache>()
            .DescribeAsync(Year, scope.ServiceProvider.GetRequiredService<IYearSettingsProvider>());
    }
}

public sealed class SqliteRatingSettingsCacheTests(SqliteAppFixture fixture) : RatingSettingsCacheTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRatingSettingsCacheTests(PostgresAppFixture fixture) : RatingSettingsCacheTests(fixture), IClassFixture<PostgresAppFixture>;
