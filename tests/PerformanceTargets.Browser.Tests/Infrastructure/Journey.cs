using Microsoft.Playwright;
using PerformanceTargets.Domain.Projects;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Infrastructure;

/// <summary>Steps the journeys share.</summary>
public static class Journey
{
    public static async Task LoginAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "预算绩效目标管理", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>A complete project in the seed's shape, moved through the workflow to <paramref name="status"/>.</summary>
    public static BudgetProject Project(int unitId, int year, string code, string name, ProjectStatus status)
    {
        var project = new BudgetProject(unitId, year, code, name);
        project.SetBasics(code, name, 214_540m, 214_540m, 0m, "保障工资、保险等各项人员经费支出");
        project.SetSpendingPlan([new(3, 25m), new(6, 50m), new(10, 75m), new(12, 100m)]);
        project.SetGoals(["保障人事代理人员工资按时足额发放。", "提高人员队伍稳定性。"]);
        project.SetIndicators([
            new Indicator("产出指标", "数量指标", "保障人数", "人事代理人员数量", "≥2人", "年度工作计划"),
            new Indicator("产出指标", "质量指标", "工资发放准确率", "工资发放准确率", "100%", "年度工作计划"),
            new Indicator("产出指标", "时效指标", "发放及时性", "按月发放", "及时", "年度工作计划"),
            new Indicator("效益指标", "社会效益指标", "队伍稳定", "人员流失情况", "稳定", "年度工作计划"),
            new Indicator("满意度指标", "服务对象满意度指标", "人员满意度", "问卷调查", "≥90%", "年度工作计划"),
        ]);
        var at = DateTimeOffset.UtcNow;
        if (status is ProjectStatus.Submitted or ProjectStatus.Approved)
        {
            project.Submit("finance@journey.local", at);
        }

        if (status == ProjectStatus.Approved)
        {
            project.Approve("head@journey.local", at, "同意", "{}");
        }

        return project;
    }
}
