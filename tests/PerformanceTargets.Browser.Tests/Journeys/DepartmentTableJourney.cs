using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

public sealed partial class WorkbenchJourneys
{
    /// <summary>Issue 20: the 部门整体支出绩效目标表 from import to the self-evaluation score.</summary>
    [Fact]
    public async Task Finance_imports_a_department_table_submits_the_head_approves_finance_enters_actuals_and_the_score_shows()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("632" + Random.Shared.Next(100000, 999999), "临港经济开发区发展中心" + id);
        var finance = await fixture.CreateUserAsync($"dept-finance-{id}@journey.local", Roles.Finance, unit.Id);
        var head = await fixture.CreateUserAsync($"dept-head-{id}@journey.local", Roles.DepartmentHead, unit.Id);
        var file = Path.Combine(Path.GetTempPath(), $"dept-{id}.txt");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Sample("631001-2021-department.txt")))
            .Replace("631001秦皇岛市山海关区临港经济开发区发展中心本级", unit.Code + unit.Name, StringComparison.Ordinal));
        var query = $"unit={unit.Id}&year={Year}";

        // Finance imports the table and submits it.
        var financePage = await fixture.NewPageAsync();
        await Journey.LoginAsync(financePage, finance);
        await financePage.GotoAsync($"/Department/Edit?{query}");
        await financePage.GetByLabel("文件").SetInputFilesAsync(file);
        await financePage.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(financePage.Locator("#department-table")).ToContainTextAsync("招商推介会场次");
        await Expect(financePage.Locator("#department-total")).ToHaveTextAsync("5,000,000.00");
        await financePage.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Expect(financePage.GetByText("状态：已提交")).ToBeVisibleAsync();

        // The head finds it in the review queue beside the projects and approves it.
        var headPage = await fixture.NewPageAsync();
        await Journey.LoginAsync(headPage, head);
        await headPage.GotoAsync("/Review");
        await headPage.Locator("#department-review-queue").GetByRole(AriaRole.Link, new() { Name = "审核" }).ClickAsync();
        await Expect(headPage.Locator("#department-table")).ToContainTextAsync("年度重点工作任务");
        await headPage.GetByLabel("意见（退回时必填）").FillAsync("同意");
        await headPage.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(headPage.GetByText("状态：已审核")).ToBeVisibleAsync();
        Assert.Equal(ProjectStatus.Approved, await fixture.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id).Select(t => t.Status).SingleAsync()));

        // Finance enters the actuals; the 部门整体自评 shows on the table and on the year-end page.
        await financePage.GotoAsync($"/Department/Show?{query}");
        await financePage.GetByRole(AriaRole.Link, new() { Name = "填报实际数" }).ClickAsync();
        await financePage.GetByLabel("全年执行数（元）").FillAsync("5000000");
        string[][] actuals =
        [
            ["招商推介会场次", "4场"], ["引进项目个数", "5个"], ["重点项目按期开工率", "96%"], ["资金拨付", "达成"],
            ["招商推介成本", "70万元"], ["新增固定资产投资", "2亿元"], ["营商环境", "达成"], ["企业满意度", "92%"],
        ];
        foreach (var pair in actuals)
        {
            await financePage.GetByLabel("实际完成值 " + pair[0], new() { Exact = true }).FillAsync(pair[1]);
        }

        await financePage.GetByRole(AriaRole.Button, new() { Name = "保存并评分" }).ClickAsync();
        await Expect(financePage.Locator("#department-score")).ToContainTextAsync("得分 100.00 分，等级：优");
        await Screenshots.SaveAsync(financePage, "department-table");
        await financePage.GotoAsync($"/YearEnd?{query}");
        await Expect(financePage.Locator("#department-rating-score")).ToHaveTextAsync("100.00");

        await financePage.Context.CloseAsync();
        await headPage.Context.CloseAsync();
        File.Delete(file);
    }

    private static string Sample(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder!.FullName, "samples", name);
    }
}
