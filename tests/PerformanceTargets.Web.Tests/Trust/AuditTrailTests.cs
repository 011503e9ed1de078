using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>Every change lands in the append-only audit trail in the same save, with who, what and the values before and after.</summary>
public abstract class AuditTrailTests(AppFixture fixture)
{
    [Fact]
    public async Task Creating_and_editing_a_project_is_recorded_with_before_and_after()
    {
        var app = await fixture.GetAsync();
        var code = "AUD" + Guid.NewGuid().ToString("N")[..10];
        await InScopeAsync(app, "finance@test.local", async db =>
        {
            var unit = new Unit("U" + code[..8], "审计测试单位");
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var project = new BudgetProject(unit.Id, 2021, code, "审计测试项目");
            project.SetBasics(code, "审计测试项目", 1000m, 1000m, 0m, "测试");
            project.SetSpendingPlan([new SpendingCheckpoint(12, 100m)]); // a project without its plan cannot be submitted (issue 14)
            project.SetIndicators([new Indicator("产出指标", "数量指标", "购置率", "描述", "≥90%", "年度工作计划")]);
            db.Projects.Add(project);
            await db.SaveChangesAsync();
        });
        await InScopeAsync(app, "head@test.local", async db =>
        {
            var project = await db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Code == code);
            project.Indicators[0].Value = "≥95%";
            project.Submit("head@test.local", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ProjectCode == code).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.Equal(("Created", "finance@test.local", "BudgetProject"), (entries[0].Action, entries[0].UserName, entries[0].EntityType));
        Assert.Null(entries[0].Before);
        Assert.Contains("购置率", entries[0].After, StringComparison.Ordinal);
        Assert.Equal(2021, entries[0].Year);
        Assert.StartsWith("U", entries[0].UnitCode, StringComparison.Ordinal);

        Assert.Equal(("StatusChanged", "head@test.local"), (entries[1].Action, entries[1].UserName));
        Assert.Contains("\"Status\":\"Draft\"", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Submitted\"", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("≥90%", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("≥95%", entries[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted()
    {
        var app = await fixture.GetAsync();
        await InScopeAsync(app, "someone@test.local", async db =>
        {
            db.Units.Add(new Unit("A" + Guid.NewGuid().ToString("N")[..8], "追加单位"));
            await db.SaveChangesAsync();
        });

        await InScopeAsync(app, "intruder@test.local", async db =>
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            db.AuditEntries.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await InScopeAsync(app, "intruder@test.local", async db =>
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            db.Entry(entry).Property(a => a.UserName).CurrentValue = "nobody";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }

    private static async Task InScopeAsync(AppFactory app, string user, Func<AppDbContext, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set(user);
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class SqliteAuditTrailTests(SqliteAppFixture fixture) : AuditTrailTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAuditTrailTests(PostgresAppFixture fixture) : AuditTrailTests(fixture), IClassFixture<PostgresAppFixture>;
