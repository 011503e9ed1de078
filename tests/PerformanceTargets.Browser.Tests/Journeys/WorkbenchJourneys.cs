using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

/// <summary>The three journeys of issue 5, in a real Chromium against the real app. Each journey makes its own unit, users and data.</summary>
public sealed partial class WorkbenchJourneys(BrowserFixture fixture)
{
    private const int Year = 2031;

    private void SkipWithoutChromium() => Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Finance_creates_a_project_with_a_full_indicator_tree_fixes_the_funds_and_submits()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("631" + Random.Shared.Next(100000, 999999), "秦皇岛市山海关区临港经济开发区发展中心本级");
        var finance = await fixture.CreateUserAsync($"finance-{id}@journey.local", Roles.Finance, unit.Id);
        var page = await fixture.NewPageAsync();
        await Journey.LoginAsync(page, finance);
        await page.GotoAsync($"/?year={Year}");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建项目" }).ClickAsync();

        var code = "1303032113FG" + id.ToUpperInvariant();
        await page.GetByLabel("项目编码").FillAsync(code);
        await page.GetByLabel("项目名称").FillAsync("综合政务管理业务费");
        await page.GetByLabel("预算数（元）").FillAsync("2,000,000.00");
        await page.GetByLabel("其中：财政资金（元）").FillAsync("1,800,000");
        await page.GetByLabel("其他资金（元）").FillAsync("100000");
        await page.GetByLabel("资金用途").FillAsync("用于开发区日常综合办公及业务支出");
        await page.GetByLabel("3月底（%）").FillAsync("25");
        await page.GetByLabel("6月底（%）").FillAsync("50");
        await page.GetByLabel("10月底（%）").FillAsync("75");
        await page.GetByLabel("12月底（%）").FillAsync("100");

        var goals = page.Locator("#goal-list");
        await goals.GetByLabel("第1行 绩效目标").FillAsync("为客商及群众提供更好的服务环境，提高综合满意度。");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加绩效目标" }).ClickAsync();
        await goals.GetByLabel("第2行 绩效目标").FillAsync("营造良好的工作氛围，提升综合办公环境。");
        await goals.GetByLabel("第2行 上移").ClickAsync(); // reorder: the second goal becomes the first
        await Expect(goals.GetByLabel("第1行 绩效目标")).ToHaveValueAsync("营造良好的工作氛围，提升综合办公环境。");

        var rows = page.Locator("#indicator-list");
        var addIndicator = page.GetByRole(AriaRole.Button, new() { Name = "添加三级指标" });
        async Task FillRowAsync(int n, string level1, string level2, string name, string description, string value)
        {
            await rows.GetByLabel($"第{n}行 一级指标").SelectOptionAsync(level1);
            await rows.GetByLabel($"第{n}行 二级指标").SelectOptionAsync(level2);
            await rows.GetByLabel($"第{n}行 三级指标", new() { Exact = true }).FillAsync(name);
            await rows.GetByLabel($"第{n}行 绩效指标描述").FillAsync(description);
            await rows.GetByLabel($"第{n}行 指标值", new() { Exact = true }).FillAsync(value);
            await rows.GetByLabel($"第{n}行 指标值确定依据").FillAsync("年度工作计划");
        }

        await FillRowAsync(1, "产出指标", "数量指标", "购置率", "实际购置用品数量/计划购置用品数量*100%", "≥90百分比");
        await Expect(rows.Locator("[data-item]").Nth(0).Locator(".reading")).ToHaveTextAsync("≥ 90 %");
        await addIndicator.ClickAsync();
        await FillRowAsync(2, "产出指标", "质量指标", "培训人数", "参加培训人数", "2人");
        await Expect(rows.Locator("[data-item]").Nth(1).Locator(".reading")).ToHaveTextAsync("= 2 人");
        await addIndicator.ClickAsync();
        await FillRowAsync(3, "产出指标", "时效指标", "及时性", "及时性", "及时");
        await Expect(rows.Locator("[data-item]").Nth(2).Locator(".reading")).ToHaveTextAsync("定性：及时");
        await addIndicator.ClickAsync();
        await FillRowAsync(4, "效益指标", "经济效益指标", "工作效率", "提高工作效率", "有所提高");
        await Expect(rows.Locator("[data-item]").Nth(3).Locator("li[data-code='vague-value']")).ToBeVisibleAsync();
        await addIndicator.ClickAsync();
        await FillRowAsync(5, "效益指标", "社会效益指标", "临时行", "删除它", "1");
        await rows.GetByLabel("第5行 删除").ClickAsync();
        await Expect(rows.Locator("[data-item]")).ToHaveCountAsync(4);
        await addIndicator.ClickAsync();
        await FillRowAsync(5, "满意度指标", "服务对象满意度指标", "服务对象满意度", "服务对象满意度", "≥95%");
        await Screenshots.SaveAsync(page, "project-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Budget']")).ToContainTextAsync("与预算数（2,000,000.00）不一致");
        // Nothing typed is lost.
        await Expect(page.GetByLabel("项目名称")).ToHaveValueAsync("综合政务管理业务费");
        await Expect(rows.GetByLabel("第5行 三级指标", new() { Exact = true })).ToHaveValueAsync("服务对象满意度");
        await Expect(page.Locator("#goal-list").GetByLabel("第1行 绩效目标")).ToHaveValueAsync("营造良好的工作氛围，提升综合办公环境。");
        await Screenshots.SaveAsync(page, "project-form-error");

        await page.GetByLabel("其他资金（元）").FillAsync("200,000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.Locator("#project-status")).ToHaveTextAsync("草稿");
        await Expect(page.Locator("table.indicator-table th.level1").First).ToHaveTextAsync("产出指标");
        await Expect(page.Locator("table.indicator-table th.level1").First).ToHaveAttributeAsync("rowspan", "3");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Expect(page.Locator("#project-status")).ToHaveTextAsync("已提交");
        await Expect(page.Locator("#history")).ToContainTextAsync("草稿 → 已提交");

        await page.GotoAsync($"/?year={Year}");
        await Expect(page.Locator("#project-list")).ToContainTextAsync(code);
        await Expect(page.Locator("#budget-total")).ToHaveTextAsync("2,000,000.00");
        await Screenshots.SaveAsync(page, "home");
        var phone = await fixture.NewPageAsync(390, 844);
        await Journey.LoginAsync(phone, finance);
        await phone.GotoAsync($"/?year={Year}");
        await Expect(phone.Locator("#project-list")).ToContainTextAsync(code);
        await Screenshots.SaveAsync(phone, "home-phone");
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_head_returns_with_a_comment_finance_fixes_and_resubmits_the_head_approves_and_it_is_read_only()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("632" + Random.Shared.Next(100000, 999999), "审核测试单位");
        var head = await fixture.CreateUserAsync($"head-{id}@journey.local", Roles.DepartmentHead, unit.Id);
        var finance = await fixture.CreateUserAsync($"finance2-{id}@journey.local", Roles.Finance, unit.Id);
        var project = await fixture.AddProjectAsync(Journey.Project(unit.Id, Year, "13030321199H7" + id.ToUpperInvariant(), "人事代理专项补助", ProjectStatus.Submitted));

        var headPage = await fixture.NewPageAsync();
        await Journey.LoginAsync(headPage, head);
        await headPage.GetByRole(AriaRole.Link, new() { Name = "审核队列" }).ClickAsync();
        await headPage.GetByRole(AriaRole.Link, new() { Name = "审核 人事代理专项补助" }).ClickAsync();
        await Expect(headPage.Locator("table.project-table")).ToContainTextAsync("214,540.00");
        await Expect(headPage.Locator("table.indicator-table th.level1").First).ToHaveAttributeAsync("rowspan", "3");
        await Screenshots.SaveAsync(headPage, "review");
        await headPage.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Expect(headPage.Locator("[data-valmsg-for='Input.Comment']")).ToContainTextAsync("退回时必须填写退回原因");
        await headPage.GetByLabel("意见（退回时必填）").FillAsync("请把队伍稳定改为可衡量的指标值。");
        await headPage.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Expect(headPage.Locator("#project-status")).ToHaveTextAsync("已退回");
        await Expect(headPage.Locator("#history")).ToContainTextAsync("请把队伍稳定改为可衡量的指标值。");

        var financePage = await fixture.NewPageAsync();
        await Journey.LoginAsync(financePage, finance);
        await financePage.GotoAsync($"/Projects/Details/{project.Id}");
        await Expect(financePage.Locator("#history")).ToContainTextAsync("请把队伍稳定改为可衡量的指标值。");
        await financePage.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await financePage.Locator("#indicator-list").GetByLabel("第4行 指标值", new() { Exact = true }).FillAsync("人员流失率≤5%");
        await financePage.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(financePage.Locator("#project-status")).ToHaveTextAsync("草稿");
        await financePage.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Expect(financePage.Locator("#project-status")).ToHaveTextAsync("已提交");

        await headPage.GotoAsync($"/Review/Decide/{project.Id}");
        await Expect(headPage.Locator("table.indicator-table")).ToContainTextAsync("人员流失率≤5%");
        await headPage.GetByLabel("意见（退回时必填）").FillAsync("同意。");
        await headPage.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(headPage.Locator("#project-status")).ToHaveTextAsync("已审核");
        Assert.Equal(ProjectStatus.Approved, await fixture.StatusOfAsync(project.Id));

        // Read-only now: no edit or submit for finance, and the edit address leads back to the details.
        await financePage.GotoAsync($"/Projects/Details/{project.Id}");
        await Expect(financePage.Locator("#project-status")).ToHaveTextAsync("已审核");
        await Expect(financePage.GetByRole(AriaRole.Link, new() { Name = "编辑", Exact = true })).ToHaveCountAsync(0);
        await Expect(financePage.GetByRole(AriaRole.Button, new() { Name = "提交审核" })).ToHaveCountAsync(0);
        await Expect(financePage.Locator("#history")).ToContainTextAsync("已提交 → 已审核");
        await financePage.GotoAsync($"/Projects/Edit/{project.Id}");
        await Expect(financePage).ToHaveURLAsync(DetailsUrl());
        await Expect(financePage.Locator(".notice")).ToContainTextAsync("不能修改");
        await Screenshots.SaveAsync(financePage, "project-approved");

        await financePage.GotoAsync($"/GoalTables/Show/{project.Id}");
        await Expect(financePage.GetByRole(AriaRole.Button, new() { Name = "打印（A4）" })).ToBeVisibleAsync();
        await financePage.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(financePage.Locator("header.site-header")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(financePage, "goal-table-print");
        await financePage.EmulateMediaAsync(new() { Media = Media.Screen });
        var download = await financePage.RunAndWaitForDownloadAsync(() => financePage.Locator("#download-docx").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await headPage.Context.CloseAsync();
        await financePage.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_sees_an_approved_project_of_any_unit_and_cannot_edit_it()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("633" + Random.Shared.Next(100000, 999999), "审计查看单位");
        var auditor = await fixture.CreateUserAsync($"auditor-{id}@journey.local", Roles.Auditor, null);
        var project = await fixture.AddProjectAsync(Journey.Project(unit.Id, Year, "AUD" + id.ToUpperInvariant(), "审计可见项目", ProjectStatus.Approved));

        var page = await fixture.NewPageAsync();
        await Journey.LoginAsync(page, auditor);
        await page.GotoAsync($"/?unit={unit.Id}&year={Year}");
        await Expect(page.Locator("#project-list")).ToContainTextAsync(project.Code);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "新建项目" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "审计可见项目" }).ClickAsync();
        await Expect(page.Locator("#project-status")).ToHaveTextAsync("已审核");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "编辑", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交审核" })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("调整原因")).ToHaveCountAsync(0);

        await page.GotoAsync($"/Projects/Edit/{project.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await page.GotoAsync($"/Review/Decide/{project.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        Assert.Equal(ProjectStatus.Approved, await fixture.StatusOfAsync(project.Id));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/Projects/Details/\d+$")]
    private static partial Regex DetailsUrl();
}
