using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

public sealed partial class WorkbenchJourneys
{
    /// <summary>Issue 19: the admin opens a 绩效运行监控 round, Finance fills a project's entry and submits, the head approves, the downloads work.</summary>
    [Fact]
    public async Task Admin_opens_a_monitoring_round_finance_fills_and_submits_the_head_approves_and_the_exports_download()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("639" + Random.Shared.Next(100000, 999999), "运行监控测试单位");
        var admin = await fixture.CreateUserAsync($"monitor-admin-{id}@journey.local", Roles.Admin, null);
        var finance = await fixture.CreateUserAsync($"monitor-finance-{id}@journey.local", Roles.Finance, unit.Id);
        var head = await fixture.CreateUserAsync($"monitor-head-{id}@journey.local", Roles.DepartmentHead, unit.Id);
        var project = await fixture.AddProjectAsync(Journey.Project(unit.Id, Year, "JM" + id.ToUpperInvariant(), "人事代理专项补助", ProjectStatus.Approved));

        var adminPage = await fixture.NewPageAsync();
        await Journey.LoginAsync(adminPage, admin);
        await adminPage.GotoAsync("/Admin/MonitoringRounds");
        await adminPage.GetByLabel("年度").FillAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await adminPage.GetByLabel("监控期间").SelectOptionAsync(new SelectOptionValue { Label = "1–6月" });
        await adminPage.GetByLabel("填报截止日期").FillAsync($"{Year}-07-15");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "开启" }).ClickAsync();
        await Expect(adminPage.Locator("main")).ToContainTextAsync($"已开启{Year}年1–6月绩效运行监控");
        await Screenshots.SaveAsync(adminPage, "monitoring-rounds");
        await adminPage.Context.CloseAsync();

        var financePage = await fixture.NewPageAsync();
        await Journey.LoginAsync(financePage, finance);
        await financePage.GotoAsync("/Monitoring/Rounds");
        await financePage.GetByRole(AriaRole.Link, new() { Name = $"{Year}年1–6月" }).ClickAsync();
        await financePage.GetByRole(AriaRole.Link, new() { Name = "人事代理专项补助" }).ClickAsync();
        await Expect(financePage.Locator("#entry-status")).ToHaveTextAsync("未填报");
        await Expect(financePage.GetByLabel("年初预算数")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^214540"));
        await financePage.GetByLabel("截至期末执行数").FillAsync("107270");
        await financePage.GetByLabel("全年预计执行数").FillAsync("214540");
        string[][] values = [["保障人数", "2人", "2人"], ["工资发放准确率", "100%", "100%"], ["发放及时性", "达成", "达成"], ["队伍稳定", "达成", "达成"], ["人员满意度", "90%", "92%"]];
        foreach (var row in values)
        {
            await financePage.GetByLabel($"{row[0]} 截至期末完成值").FillAsync(row[1]);
            await financePage.GetByLabel($"{row[0]} 全年预计完成值").FillAsync(row[2]);
        }

        // 有可能 makes the explanation mandatory: refused first, located.
        await financePage.GetByLabel("人员满意度 完成目标可能性").SelectOptionAsync(new SelectOptionValue { Label = "有可能" });
        await financePage.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
        await Expect(financePage.Locator(".errors")).ToContainTextAsync("第5行指标“人员满意度”.纠偏措施：完成目标可能性为“有可能”，请填写纠偏措施。");
        await financePage.Locator("#indicators tbody tr").Nth(4).GetByLabel("人员保障").CheckAsync();
        await financePage.GetByLabel("人员满意度 偏差原因说明").FillAsync("部分人员待遇调整未到位");
        await financePage.GetByLabel("人员满意度 纠偏措施").FillAsync("下半年完成待遇调整");
        await financePage.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
        await Expect(financePage.Locator("#entry-status")).ToHaveTextAsync("已提交");
        await Expect(financePage.Locator("#funds-light")).ToHaveTextAsync("绿灯");
        await Screenshots.SaveAsync(financePage, "monitoring-entry");
        var entryUrl = financePage.Url;
        await financePage.Context.CloseAsync();

        var headPage = await fixture.NewPageAsync();
        await Journey.LoginAsync(headPage, head);
        await headPage.GotoAsync(entryUrl);
        await headPage.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(headPage.Locator("#entry-status")).ToHaveTextAsync("已审核");
        await Expect(headPage.Locator("#history")).ToContainTextAsync("已提交 → 已审核");
        var docx = await headPage.RunAndWaitForDownloadAsync(() => headPage.Locator("#download-docx").ClickAsync());
        Assert.EndsWith($"-{project.Code}.docx", docx.SuggestedFilename, StringComparison.Ordinal);

        await headPage.GetByRole(AriaRole.Link, new() { Name = $"{Year}年1–6月 绩效运行监控" }).ClickAsync();
        await Expect(headPage.Locator("#unit-projects")).ToContainTextAsync("已审核");
        var xlsx = await headPage.RunAndWaitForDownloadAsync(() => headPage.Locator("#export-unit").ClickAsync());
        Assert.EndsWith($"-{unit.Code}.xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        await Screenshots.SaveAsync(headPage, "monitoring-round");
        await headPage.Context.CloseAsync();
    }
}
