using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// The ratings page's own read (<see cref="RatingsPageReader"/>, one command) finds what <see cref="RatingCalculator.RefreshUnitsAsync"/>
/// finds stale (a project without a rating, rated at another version or with other settings; a unit plan whose sub-goals
/// were rated at another version), and reads the rows the exporter's EF Core queries read, in the same order and paged alike.
/// </summary>
public abstract class RatingsPageReaderTests(AppFixture fixture)
{
    private const int Year = WorkbenchData.Year;

    [Fact]
    public async Task The_one_command_read_finds_the_stale_ratings_and_reads_the_rows_the_exporter_reads()
    {
        var app = await fixture.GetAsync();
        var first = await app.CreateUnitAsync();
        var second = await app.CreateUnitAsync();
        var projects = new List<BudgetProject>();
        foreach (var unitId in new[] { first.Id, first.Id, first.Id, second.Id, second.Id })
        {
            projects.Add(await app.CreateProjectAsync(unitId, ProjectStatus.Approved));
        }

        await app.WithDbAsync(async db =>
        {
            var plan = new UnitPlan(second.Id, Year) { OverallGoal = "总体目标" };
            plan.ReplaceSubGoals([
                new SubGoal("综合办公", null, "保障运转", "办公经费控制率", "≤100%", [new RatingBand("优", 90m), new RatingBand("良", 80m)]),
                new SubGoal("业务工作", "培训", "完成培训", "培训完成率", "≥95%", [new RatingBand("优", 90m), new RatingBand("良", 80m)]),
            ]);
            plan.RecordCompletion(plan.SubGoals[0], 93.5m);
            db.UnitPlans.Add(plan);
            return await db.SaveChangesAsync();
        });

        int[] both = [first.Id, second.Id];
        var settings = await WithAsync(async (services, _) =>
            ProjectRating.Describe(await services.GetRequiredService<IYearSettingsProvider>().GetAsync(Year)));

        // Nothing rated yet: every project and the plan are stale.
        var unrated = await WithAsync((_, reader) => reader.ReadAsync(Year, both, settings, 0, 100, 100));
        Assert.Equal(projects.Select(p => p.Id).Order(), unrated.StaleProjects.Order());
        Assert.Equal([second.Id], unrated.StalePlans);
        Assert.Empty(unrated.Projects);

        await WithAsync(async (services, _) => await services.GetRequiredService<RatingCalculator>().RefreshUnitsAsync(Year, both));
        var rated = await WithAsync((_, reader) => reader.ReadAsync(Year, both, settings, 0, 100, 100));
        Assert.False(rated.IsStale);
        Assert.Equal(5, rated.Projects.Count);
        Assert.Equal(2, rated.SubGoals.Count);

        // The rows and their order are the exporter's (the EF Core queries the page read before), for one unit and for
        // several, and a page of them (skip, take) is the same page.
        foreach (var (units, skip, take, takeSubGoals) in new (int[], int, int, int)[] { ([first.Id], 0, 100, 100), ([second.Id], 0, 1, 1), (both, 0, 100, 100), (both, 2, 2, 1), (both, 4, 50, 50) })
        {
            var (read, expected) = await WithAsync(async (services, reader) =>
            {
                var exporter = services.GetRequiredService<RatingsExporter>();
                var read = await reader.ReadAsync(Year, units, settings, skip, take, takeSubGoals);
                var projectRows = units.Length == 1
                    ? exporter.Projects(Year, units[0], withIndicators: false).Take(take).ToList()
                    : exporter.ProjectsOfUnits(Year, units).Skip(skip).Take(take).ToList();
                var subGoalRows = (units.Length == 1 ? exporter.SubGoals(Year, units[0]) : exporter.SubGoalsOfUnits(Year, units)).Take(takeSubGoals).ToList();
                return (read, (Projects: projectRows, SubGoals: subGoalRows));
            });
            Assert.NotEmpty(read.Projects);
            Assert.Equal(expected.Projects.Select(Describe), read.Projects.Select(Describe));
            Assert.Equal(expected.SubGoals, read.SubGoals);
        }

        var subGoals = await WithAsync((_, reader) => reader.ReadAsync(Year, [second.Id], settings, 0, 100, 100));
        Assert.Equal([93.5m, null], subGoals.SubGoals.Select(g => g.CompletionRate));

        // A project's new version, another year's settings, a plan's new version: each is stale again.
        var changed = projects[1].Id;
        await app.WithDbAsync(db => db.Projects.Where(p => p.Id == changed).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var oneStale = await WithAsync((_, reader) => reader.ReadAsync(Year, both, settings, 0, 100, 100));
        Assert.Equal([changed], oneStale.StaleProjects);
        Assert.Empty(oneStale.StalePlans);
        Assert.Equal(5, oneStale.Projects.Count);

        var otherSettings = await WithAsync((_, reader) => reader.ReadAsync(Year, [second.Id], settings + "|changed", 0, 100, 100));
        Assert.Equal(projects.Where(p => p.UnitId == second.Id).Select(p => p.Id).Order(), otherSettings.StaleProjects.Order());

        await app.WithDbAsync(db => db.UnitPlans.Where(p => p.UnitId == second.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var planStale = await WithAsync((_, reader) => reader.ReadAsync(Year, [second.Id], settings, 0, 100, 100));
        Assert.Equal([second.Id], planStale.StalePlans);
        Assert.Empty(planStale.StaleProjects);

        // Through the query, the page's read rates what is stale first.
        var page = await WithAsync((services, _) => services.GetRequiredService<RatingsQuery>().OfUnitsAsync(Year, both, 0, 100, 100));
        Assert.Equal(5, page.Projects.Count);
        var fresh = await WithAsync((_, reader) => reader.ReadAsync(Year, both, settings, 0, 100, 100));
        Assert.False(fresh.IsStale);
        Assert.Empty((await WithAsync((_, reader) => reader.ReadAsync(Year, [], settings, 0, 100, 100))).Projects);
    }

    [Fact]
    public async Task The_first_overview_page_s_units_are_those_of_its_first_rows_in_unit_and_project_code_order()
    {
        const int year = WorkbenchData.Year + 9; // a year of its own: these units' projects are its only ones
        var (units, ordered) = await OverviewYearAsync(year, "首页单位");
        var byCode = ordered.Select(r => r.UnitId).ToList();

        foreach (var rows in new[] { 1, 29, 30, 31, 50, 51, 52, 100 })
        {
            var (read, more) = await WithAsync((services, _) => RatingsPageReader.UnitsOfFirstRowsAsync(services.GetRequiredService<Web.Infrastructure.Data.AppDbContext>(), year, rows));
            Assert.Equal(byCode.Take(rows).Distinct(), read);
            Assert.Equal(byCode.Count > rows, more);
        }

        Assert.Equal([units[1].Id, units[2].Id], byCode.Take(50).Distinct());
    }

    [Fact]
    public async Task A_keyset_overview_page_s_units_are_those_of_the_rows_after_its_key_with_the_key_unit_s_earlier_rows_skipped()
    {
        const int year = WorkbenchData.Year + 11; // a year of its own: these units' projects are its only ones
        var (units, ordered) = await OverviewYearAsync(year, "翻页单位");

        foreach (var key in new[] { 0, 1, 28, 29, 30, 31, 49, 50 })
        {
            var after = ordered.Skip(key + 1).ToList();
            var keyUnit = ordered[key].UnitId;
            foreach (var rows in new[] { 1, 19, 20, 21, 50, 100 })
            {
                var (read, skip, more) = await WithAsync((services, _) => RatingsPageReader.UnitsAfterRowAsync(
                    services.GetRequiredService<Web.Infrastructure.Data.AppDbContext>(), year, ordered[key].Code, ordered[key].Project, rows));
                var because = $"after row {key}, {rows} rows";
                Assert.True(after.Take(rows).Select(r => r.UnitId).Distinct().SequenceEqual(read), because);
                Assert.True(after.Count > rows == more, because);
                var expectedSkip = after.Count > 0 && after[0].UnitId == keyUnit ? ordered.Take(key + 1).Count(r => r.UnitId == keyUnit) : 0;
                Assert.True(expectedSkip == skip, $"{because}: skip {skip}, expected {expectedSkip}");
            }
        }

        // A key that is not a row (an edited link): the rows after it in the same order.
        await ExpectAsync(units[1].Code, "", 50, [units[1].Id, units[2].Id], true);
        await ExpectAsync(units[1].Code, "~", 50, [units[2].Id, units[3].Id], false);
        await ExpectAsync(units[0].Code, "", 30, [units[1].Id], true);

        async Task ExpectAsync(string afterUnit, string afterProject, int rows, int[] expected, bool expectedMore)
        {
            var (read, skip, more) = await WithAsync((services, _) => RatingsPageReader.UnitsAfterRowAsync(
                services.GetRequiredService<Web.Infrastructure.Data.AppDbContext>(), year, afterUnit, afterProject, rows));
            Assert.Equal(expected, read);
            Assert.Equal(0, skip);
            Assert.Equal(expectedMore, more);
        }
    }

    [Fact]
    public async Task A_previous_overview_page_s_units_are_those_of_the_rows_before_its_key_with_the_first_unit_s_earlier_rows_skipped()
    {
        const int year = WorkbenchData.Year + 14; // a year of its own (its year before too): these units' projects are its only ones
        var (units, ordered) = await OverviewYearAsync(year, "回页单位");

        foreach (var key in new[] { 0, 1, 20, 29, 30, 31, 49, 50 })
        {
            foreach (var rows in new[] { 1, 19, 20, 21, 50, 100 })
            {
                var page = ordered.Take(key).TakeLast(rows).ToList();
                var (read, skip) = await WithAsync((services, _) => RatingsPageReader.UnitsBeforeRowAsync(
                    services.GetRequiredService<Web.Infrastructure.Data.AppDbContext>(), year, ordered[key].Code, ordered[key].Project, rows));
                var because = $"before row {key}, {rows} rows";
                Assert.True(page.Select(r => r.UnitId).Distinct().SequenceEqual(read), because);
                var expectedSkip = page.Count == 0 ? 0 : ordered.Take(key - page.Count).Count(r => r.UnitId == page[0].UnitId);
                Assert.True(expectedSkip == skip, $"{because}: skip {skip}, expected {expectedSkip}");
            }
        }

        // A key past the year's last row: the last rows.
        var (last, lastSkip) = await WithAsync((services, _) => RatingsPageReader.UnitsBeforeRowAsync(
            services.GetRequiredService<Web.Infrastructure.Data.AppDbContext>(), year, units[3].Code, "~", 2));
        Assert.Equal([units[2].Id, units[3].Id], last);
        Assert.Equal(19, lastSkip);
    }

    /// <summary>
    /// Units of a year of their own, in code order: one without a project of the year, then units of 30, 20 and 1 projects
    /// (51 in all), the first unit with a project of the year before instead (so no other test may use that year either);
    /// and the year's rows in the overview's order (unit code, then project code).
    /// </summary>
    private async Task<(List<PerformanceTargets.Domain.Units.Unit> Units, List<(string Code, string Project, int UnitId)> Ordered)> OverviewYearAsync(int year, string name)
    {
        var app = await fixture.GetAsync();
        var stem = "00" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var units = await app.WithDbAsync(async db =>
        {
            var made = Enumerable.Range(1, 4).Select(k => new PerformanceTargets.Domain.Units.Unit(stem + k.ToString(System.Globalization.CultureInfo.InvariantCulture), name + k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            db.Units.AddRange(made);
            await db.SaveChangesAsync();
            db.Projects.Add(WorkbenchData.SampleProject(made[0].Id, ProjectStatus.Approved, year - 1));
            foreach (var (unit, count) in new[] { (made[1], 30), (made[2], 20), (made[3], 1) })
            {
                db.Projects.AddRange(Enumerable.Range(0, count).Select(_ => WorkbenchData.SampleProject(unit.Id, ProjectStatus.Approved, year)));
            }

            await db.SaveChangesAsync();
            return made;
        });
        var rows = await app.WithDbAsync(db => db.Projects.Where(p => p.Year == year)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { u.Code, Project = p.Code, p.UnitId }).ToListAsync());
        var ordered = rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Project, StringComparer.Ordinal).Select(r => (r.Code, r.Project, r.UnitId)).ToList();
        Assert.Equal(51, ordered.Count);
        return (units, ordered);
    }

    private static string Describe(ProjectRatingRow r) =>
        $"{r.RatingId}|{r.UnitCode}|{r.UnitName}|{r.Code}|{r.Name}|{r.Budget}|{r.Executed}|{r.ExecutionRate}|{r.ExecutionScore}|{r.Score}|{r.Grade}|{r.Errors}";

    private async Task<T> WithAsync<T>(Func<IServiceProvider, RatingsPageReader, Task<T>> work)
    {
        var app = await fixture.GetAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<RatingsPageReader>());
    }
}

public sealed class SqliteRatingsPageReaderTests(SqliteAppFixture fixture) : RatingsPageReaderTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRatingsPageReaderTests(PostgresAppFixture fixture) : RatingsPageReaderTests(fixture), IClassFixture<PostgresAppFixture>;
