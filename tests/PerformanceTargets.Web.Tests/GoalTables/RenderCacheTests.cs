using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.GoalTables;

/// <summary>
/// Goal tables and overall goals are rendered once per version and served from memory after that: every save must still
/// show at once. And contexts come from a pool: one scope's actor must never sign another scope's changes.
/// </summary>
public abstract class RenderCacheTests(AppFixture fixture)
{
    [Fact]
    public async Task A_saved_indicator_or_unit_name_shows_on_the_next_view_of_the_goal_table()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/GoalTables/Show/{project.Id}";

        // The first view renders, the second keeps its rendering, the third is served from it: all three the same table.
        var before = Table(await finance.GetStringAsync(path));
        Assert.Equal(before, Table(await finance.GetStringAsync(path)));
        Assert.Equal(before, Table(await finance.GetStringAsync(path)));
        Assert.Contains("≥90百分比", before, StringComparison.Ordinal);
        Assert.DoesNotContain("≥97百分比", before, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id);
            tracked.Indicators.Single(i => i.Name == "购置率").Value = "≥97百分比";
            return await db.SaveChangesAsync();
        });
        var afterIndicator = await finance.GetStringAsync(path);
        Assert.Contains("≥97百分比", afterIndicator, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Units.SingleAsync(u => u.Id == unit.Id);
            tracked.Rename("改名后的单位");
            return await db.SaveChangesAsync();
        });
        Assert.Contains(unit.Code + "改名后的单位", await finance.GetStringAsync(path), StringComparison.Ordinal);
    }

    private static string Table(string html)
    {
        var start = html.IndexOf("<article class=\"goal-table\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no goal table");
        return html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_saved_overall_goal_shows_on_the_next_view_of_the_home_page()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        await app.WithDbAsync(async db =>
        {
            db.UnitPlans.Add(new UnitPlan(unit.Id, WorkbenchData.Year) { OverallGoal = "第一版总体目标" });
            return await db.SaveChangesAsync();
        });
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/?year={WorkbenchData.Year}";

        Assert.Contains("第一版总体目标", await finance.GetStringAsync(path), StringComparison.Ordinal);
        Assert.Contains("第一版总体目标", await finance.GetStringAsync(path), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var plan = await db.UnitPlans.SingleAsync(p => p.UnitId == unit.Id && p.Year == WorkbenchData.Year);
            plan.OverallGoal = "第二版总体目标";
            return await db.SaveChangesAsync();
        });
        var after = await finance.GetStringAsync(path);
        Assert.Contains("第二版总体目标", after, StringComparison.Ordinal);
        Assert.DoesNotContain("第一版总体目标", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pooled_contexts_sign_each_change_with_its_own_scope_s_actor()
    {
        var app = await fixture.GetAsync();
        var codes = new List<(string Code, string Expected)>();
        for (var k = 0; k < 6; k++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var expected = "system";
            if (k % 2 == 0)
            {
                expected = $"pool-{k}@test.local";
                scope.ServiceProvider.GetRequiredService<AuditActor>().Set(expected);
            }

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var code = "8" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.Units.Add(new Unit(code, "池化测试单位" + code));
            await db.SaveChangesAsync();
            codes.Add((code, expected));
        }

        foreach (var (code, expected) in codes)
        {
            var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(Unit) && a.EntityKey.StartsWith(code + " ")));
            Assert.Equal(expected, entry.UserName);
        }
    }
}

public sealed class SqliteRenderCacheTests(SqliteAppFixture fixture) : RenderCacheTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRenderCacheTests(PostgresAppFixture fixture) : RenderCacheTests(fixture), IClassFixture<PostgresAppFixture>;
