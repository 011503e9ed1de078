using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

public sealed partial class WorkbenchJourneys
{
    /// <summary>Issue 20 part 2 (预算公开): an admin publishes; an anonymous browser reads the table and downloads; the admin withdraws; the anonymous browser gets 404.</summary>
    [Fact]
    public async Task Admin_publishes_an_anonymous_visitor_reads_and_downloads_then_the_withdrawn_tables_are_gone()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unit = await fixture.CreateUnitAsync("634" + Random.Shared.Next(100000, 999999), "公开测试单位" + id);
        var admin = await fixture.CreateUserAsync($"publisher-{id}@journey.local", Roles.Admin, null);
        var approved = await fixture.AddProjectAsync(Journey.Project(unit.Id, Year, "PUB" + id.ToUpperInvariant(), "公开的项目", ProjectStatus.Approved));
        var draft = await fixture.AddProjectAsync(Journey.Project(unit.Id, Year, "DRF" + id.ToUpperInvariant(), "草稿项目", ProjectStatus.Draft));

        var adminPage = await fixture.NewPageAsync();
        await Journey.LoginAsync(adminPage, admin);
        await adminPage.GotoAsync($"/Publishing?year={Year}");
        var row = adminPage.Locator($"tr[data-unit-code='{unit.Code}']");
        await Expect(row).ToContainTextAsync("未公开");
        await row.GetByRole(AriaRole.Button, new() { Name = $"公开 {unit.Code}" }).ClickAsync();
        await Expect(adminPage.Locator(".notice")).ToContainTextAsync("已公开");
        await Expect(row).ToContainTextAsync("已公开");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/Account/Login");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "查看已公开的绩效目标（预算公开）" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = unit.Name }).ClickAsync();
        await Expect(visitor.Locator($"article.goal-table[data-project-code='{approved.Code}']")).ToBeVisibleAsync();
        await Expect(visitor.Locator($"article.goal-table[data-project-code='{draft.Code}']")).ToHaveCountAsync(0);
        await Expect(visitor.Locator("table.indicator-table th.level1").First).ToHaveTextAsync("产出指标");
        await Expect(visitor.Locator("#user-name")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(visitor, "public-unit");
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.Locator("#download-package").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var unitUrl = visitor.Url;

        await adminPage.GotoAsync($"/Publishing?year={Year}");
        await adminPage.Locator($"tr[data-unit-code='{unit.Code}']").GetByRole(AriaRole.Button, new() { Name = $"撤回 {unit.Code}" }).ClickAsync();
        await Expect(adminPage.Locator(".notice")).ToContainTextAsync("已撤回");

        var gone = await visitor.GotoAsync(unitUrl);
        Assert.Equal(404, gone!.Status);
        var table = await visitor.GotoAsync($"{unitUrl}/{approved.Code}");
        Assert.Equal(404, table!.Status);
        await adminPage.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }
}
