using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// The unit picker's statements sent in front of a page's own (<see cref="UnitHeader"/>) read what <see cref="UnitScope"/>'s
/// queries read, one by one, for a user who sees every unit and for one who sees only their own; a change made by another
/// writer shows in the next read (nothing is remembered); and in front of the ratings read they leave its rows as they were.
/// </summary>
public abstract class UnitHeaderTests(AppFixture fixture)
{
    private const int Year = WorkbenchData.Year;

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "header"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    private static ClaimsPrincipal FinanceOf(int unitId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "finance"), new Claim(ClaimTypes.Role, Roles.Finance), new Claim(UnitClaims.UnitId, unitId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));

    [Fact]
    public async Task The_picker_read_in_one_command_is_what_the_unit_scope_reads()
    {
        var app = await fixture.GetAsync();
        var first = await app.CreateUnitAsync();
        var second = await app.CreateUnitAsync();

        foreach (var (user, requested) in new (ClaimsPrincipal, int?)[] { (Admin, second.Id), (Admin, null), (Admin, int.MaxValue), (FinanceOf(first.Id), second.Id) })
        {
            // Around the number of units the user sees too: the list is read with a limit of one unit more than the list's.
            var visible = await WithAsync((services, _) => services.GetRequiredService<UnitScope>().CountVisibleUnitsAsync(user));
            foreach (var limit in new[] { 0, visible - 1, visible, visible + 1, 1_000_000 })
            {
                var (read, expected) = await WithAsync(async (services, db) =>
                {
                    var scope = services.GetRequiredService<UnitScope>();
                    var count = await scope.CountVisibleUnitsAsync(user);
                    var units = count <= limit ? await scope.VisibleUnitsAsync(user) : [];
                    var seesAll = ProjectAccess.SeesAllUnits(user);
                    var unit = seesAll && requested is null ? null : await scope.ResolveUnitAsync(user, requested);
                    if (seesAll && requested is { } id && unit?.Id != id)
                    {
                        unit = null; // the header does not take the fallback to the first unit: the page resolves it as before
                    }

                    var years = await db.FiscalYears.Select(y => y.Year).ToListAsync();
                    var header = new UnitHeader(user, requested, limit, years: true);
                    var parameters = new List<(string Name, object Value)>();
                    header.AddParameters(parameters);
                    var read = await ReadConnections.OnContextAsync(db, header.Sql(db), parameters, header.ReadAsync);
                    return (read, (count, units, unit, years));
                });
                Assert.Equal(expected.count, read.UnitCount);
                Assert.Equal(expected.units.Select(Describe), read.Units.Select(Describe));
                Assert.Equal(Describe(expected.unit), Describe(read.Unit));
                Assert.Equal(expected.years.Order(), read.FiscalYears!.Order());
            }
        }

        // Another writer renames a unit: the next read shows it.
        await app.WithDbAsync(db => db.Units.Where(u => u.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "改名后的单位")));
        var renamed = await WithAsync(async (_, db) =>
        {
            var header = new UnitHeader(Admin, second.Id, 1_000_000, years: false);
            var parameters = new List<(string Name, object Value)>();
            header.AddParameters(parameters);
            return await ReadConnections.OnContextAsync(db, header.Sql(db), parameters, header.ReadAsync);
        });
        Assert.Equal("改名后的单位", renamed.Unit!.Name);
        Assert.Equal("改名后的单位", renamed.Units.Single(u => u.Id == second.Id).Name);
        Assert.Null(renamed.FiscalYears);
    }

    [Fact]
    public async Task In_front_of_the_ratings_read_the_picker_leaves_its_rows_as_they_were()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        }

        var (alone, withHeader, page) = await WithAsync(async (services, _) =>
        {
            var reader = services.GetRequiredService<RatingsPageReader>();
            var settings = ProjectRating.Describe(await services.GetRequiredService<IYearSettingsProvider>().GetAsync(Year));
            var page = await services.GetRequiredService<RatingsQuery>().OfUnitAsync(Year, unit.Id, 100, new UnitHeader(Admin, unit.Id, 1_000_000, years: false), _ => true);
            var alone = await reader.ReadAsync(Year, [unit.Id], settings, 0, 100, 100);
            var withHeader = await reader.ReadAsync(Year, [unit.Id], settings, 0, 100, 100, header: new UnitHeader(Admin, unit.Id, 1_000_000, years: false));
            return (alone, withHeader, page);
        });
        Assert.Equal(3, alone.Projects.Count);
        Assert.Equal(alone.Projects, withHeader.Projects);
        Assert.Equal(alone.SubGoals, withHeader.SubGoals);
        Assert.Equal(alone.Projects, page.Page!.Projects);
        Assert.Equal(unit.Id, withHeader.Header!.Unit!.Id);
        Assert.Equal(unit.Id, page.Header!.Unit!.Id);

        // Refused by the page's check: nothing is rated (the stale projects stay stale) and no page is returned.
        var other = await app.CreateUnitAsync();
        await app.CreateProjectAsync(other.Id, ProjectStatus.Approved);
        var refused = await WithAsync((services, _) =>
            services.GetRequiredService<RatingsQuery>().OfUnitAsync(Year, other.Id, 100, new UnitHeader(Admin, other.Id, 1_000_000, years: false), _ => false));
        Assert.Null(refused.Page);
        Assert.Equal(0, await app.WithDbAsync(db => db.ProjectRatings.CountAsync(r => r.UnitId == other.Id)));
    }

    private static string Describe(Unit? u) => u is null ? "-" : $"{u.Id}|{u.Code}|{u.Name}|{u.ParentId}";

    private async Task<T> WithAsync<T>(Func<IServiceProvider, AppDbContext, Task<T>> work)
    {
        var app = await fixture.GetAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class SqliteUnitHeaderTests(SqliteAppFixture fixture) : UnitHeaderTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUnitHeaderTests(PostgresAppFixture fixture) : UnitHeaderTests(fixture), IClassFixture<PostgresAppFixture>;
