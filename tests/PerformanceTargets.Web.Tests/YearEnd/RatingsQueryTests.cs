using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// Issue 17: <see cref="RatingsQuery"/> is the one read of ratings (page, dashboard, API, verb), and it never returns a stale
/// rating: change an actual after the ratings were stored, and every read through the query shows the changed figure.
/// </summary>
public sealed class RatingsQueryTests : IAsyncLifetime
{
    private const int Year = 2021;

    private TestDatabase? _db;

    public async ValueTask InitializeAsync()
    {
        _db = TestDatabase.CreateSqlite();
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "seed-demo", "--units", "2", "--projects", "6", "--year", $"{Year}", "--seed", "17")).ExitCode);
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "rate", "--year", $"{Year}")).ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_changed_actual_is_never_read_stale_by_unit_by_units_in_a_file_or_in_the_grades()
    {
        var (projectId, unitId, code) = await WithAsync(async (db, _) =>
        {
            var p = await db.Projects.Where(x => x.Year == Year && x.Status == ProjectStatus.Approved).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.UnitId, x.Code }).FirstAsync();
            return (p.Id, p.UnitId, p.Code);
        });
        var before = await WithAsync((_, query) => query.OfUnitAsync(Year, unitId, 1000));
        Assert.NotEqual(1.23m, before.Projects.Single(r => r.Code == code).Executed);

        // Change the 全年执行数 and every qualitative tier of the project, as the self-evaluation page saves them.
        await WithAsync(async (db, _) =>
        {
            var project = await db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Id == projectId);
            project.RecordExecution(1.23m, project.SpentByMonth);
            foreach (var indicator in project.Indicators)
            {
                project.RecordActual(indicator, null, null, null);
            }

            return await db.SaveChangesAsync();
        });

        var byUnit = (await WithAsync((_, query) => query.OfUnitAsync(Year, unitId, 1000))).Projects.Single(r => r.Code == code);
        Assert.Equal(1.23m, byUnit.Executed);

        await WithAsync(async (db, _) => await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var byUnits = (await WithAsync((_, query) => query.OfUnitsAsync(Year, [unitId], 0, 1000, 1000))).Projects.Single(r => r.Code == code);
        Assert.Equal(1.23m, byUnits.Executed);

        // Every indicator emptied and 1.23 of the budget spent: execution scores next to nothing and no indicator scores.
        var stored = await WithAsync((db, _) => db.ProjectRatings.AsNoTracking().SingleAsync(r => r.ProjectId == projectId));
        Assert.Equal(1.23m, stored.Executed);

        await WithAsync(async (db, _) => await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var json = await WithAsync(async (_, query) =>
        {
            using var output = new MemoryStream();
            await query.WriteAsync(output, Year, unitId, RatingsFormat.Json);
            return Encoding.UTF8.GetString(output.ToArray());
        });
        Assert.Contains("1.23", json, StringComparison.Ordinal);
        Assert.Equal(await WithAsync((db, _) => db.Projects.Where(p => p.Id == projectId).Select(p => p.Version).SingleAsync()),
            await WithAsync((db, _) => db.ProjectRatings.Where(r => r.ProjectId == projectId).Select(r => r.ProjectVersion).SingleAsync()));

        await WithAsync(async (db, _) => await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, Guid.NewGuid())));
        var grades = await WithAsync((_, query) => query.GradesAsync(Year, unitId));
        Assert.True(grades.Unrated + grades.Grades.Sum(g => g.Count) > 0);
        Assert.Equal(await WithAsync((db, _) => db.Projects.Where(p => p.Id == projectId).Select(p => p.Version).SingleAsync()),
            await WithAsync((db, _) => db.ProjectRatings.Where(r => r.ProjectId == projectId).Select(r => r.ProjectVersion).SingleAsync()));
    }

    private Task<T> WithAsync<T>(Func<AppDbContext, RatingsQuery, Task<T>> act) =>
        VerbRunner.InScopeAsync(_db!, services => act(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<RatingsQuery>()));
}
