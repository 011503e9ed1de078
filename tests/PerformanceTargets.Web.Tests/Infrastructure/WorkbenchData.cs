using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Test data for the workbench, made through the domain entities and Identity: units, users of each role, projects in a given status.</summary>
public static class WorkbenchData
{
    public const string Password = "Test-Passw0rd-1";
    public const int Year = 2031;

    public static async Task<Unit> CreateUnitAsync(this AppFactory app, string? name = null)
    {
        var code = "9" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var unit = new Unit(code, name ?? $"测试单位{code}");
        return await app.WithDbAsync(async db =>
        {
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });
    }

    public static async Task<string> CreateUserAsync(this AppFactory app, string role, int? unitId)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, UnitId = unitId, DisplayName = Roles.ToChinese(role) };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>A signed-in client for a new user of <paramref name="role"/> in <paramref name="unitId"/>.</summary>
    public static async Task<HttpClient> ClientAsAsync(this AppFactory app, string role, int? unitId)
    {
        var email = await app.CreateUserAsync(role, unitId);
        var client = app.CreateBrowserLikeClient();
        var login = await client.LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    /// <summary>A complete project (the seed's 综合政务管理业务费 shape), moved to <paramref name="status"/> through the workflow.</summary>
    public static BudgetProject SampleProject(int unitId, ProjectStatus status = ProjectStatus.Draft, int year = Year)
    {
        var code = "P" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var project = new BudgetProject(unitId, year, code, "综合政务管理业务费");
        project.SetBasics(code, "综合政务管理业务费", 2_000_000m, 2_000_000m, 0m, "用于开发区日常综合办公及业务支出");
        project.SetSpendingPlan([new(3, 25m), new(6, 50m), new(10, 75m), new(12, 100m)]);
        project.SetGoals(["营造良好的工作氛围，提升综合办公环境。", "为客商及群众提供更好的服务环境，提高综合满意度。"]);
        project.SetIndicators([
            new Indicator("产出指标", "数量指标", "购置率", "实际购置用品数量/计划购置用品数量*100%", "≥90百分比", "年度工作计划"),
            new Indicator("产出指标", "质量指标", "综合业务管理工作完成率", "综合业务管理工作完成率", "≥90百分比", "年度工作计划"),
            new Indicator("产出指标", "时效指标", "及时性", "及时性", "及时", "年度工作计划"),
            new Indicator("效益指标", "社会效益指标", "提供优质服务", "提供优质服务", "提供优质服务", "年度工作计划"),
            new Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "服务对象满意度", "≥95%", "年度工作计划"),
        ]);
        var at = DateTimeOffset.UtcNow;
        if (status is ProjectStatus.Submitted or ProjectStatus.Approved or ProjectStatus.Returned)
        {
            project.Submit("finance@test.local", at);
        }

        if (status == ProjectStatus.Approved)
        {
            project.Approve("head@test.local", at, null, "{}");
        }
        else if (status == ProjectStatus.Returned)
        {
            project.Return("head@test.local", at, "请补充");
        }

        return project;
    }

    public static async Task<BudgetProject> CreateProjectAsync(this AppFactory app, int unitId, ProjectStatus status = ProjectStatus.Draft)
    {
        var project = SampleProject(unitId, status);
        return await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project;
        });
    }
}
