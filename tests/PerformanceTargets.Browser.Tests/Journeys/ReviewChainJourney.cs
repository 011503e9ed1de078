using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

/// <summary>
/// Issue 19 §2 in a real Chromium: an admin makes a unit part of a 主管部门's tree and gives the year a three-level chain;
/// the unit's head, the 主管部门 head and a 财政审核 reviewer each approve from their own queue; the filler sees every level
/// in the history.
/// </summary>
public sealed class ReviewChainJourney(BrowserFixture fixture)
{
    private const int Year = 2091;

    [Fact]
    public async Task A_project_climbs_the_three_level_chain_through_each_reviewers_queue()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? string.Empty);
        var id = Guid.NewGuid().ToString("N")[..6];
        var parent = await fixture.CreateUnitAsync("7" + Random.Shared.Next(100000, 999999), "主管部门" + id);
        var child = await fixture.CreateUnitAsync("7" + Random.Shared.Next(100000, 999999), "下属单位" + id);
        var project = await fixture.AddProjectAsync(Journey.Project(child.Id, Year, "RC" + id.ToUpperInvariant(), "人事代理人员经费", ProjectStatus.Draft));
        var finance = await fixture.CreateUserAsync($"finance-{id}@journey.local", Roles.Finance, child.Id);
        var head = await fixture.CreateUserAsync($"head-{id}@journey.local", Roles.DepartmentHead, child.Id);
        var parentHead = await fixture.CreateUserAsync($"parent-{id}@journey.local", Roles.DepartmentHead, parent.Id);
        var reviewer = await fixture.CreateUserAsync($"czsh-{id}@journey.local", Roles.FinanceReviewer, parent.Id);

        // The admin puts the unit under its 主管部门 and sets the year's chain to three levels.
        var admin = await fixture.NewPageAsync();
        await Journey.LoginAsync(admin, "admin@browser.local");
        await admin.GotoAsync($"/Admin/Units/Edit?id={child.Id}");
        await admin.GetByLabel("上级单位（可选）").SelectOptionAsync(new SelectOptionValue { Label = $"{parent.Code} {parent.Name}" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await fixture.WithDbAsync(async db =>
        {
            if (!db.FiscalYears.Any(y => y.Year == Year))
            {
                db.FiscalYears.Add(new Domain.Units.FiscalYear(Year));
                await db.SaveChangesAsync();
            }

            return 0;
        });
        await admin.GotoAsync($"/Admin/ReviewSettings?year={Year}");
        await admin.GetByLabel("3 级：本单位审核 → 主管部门审核 → 财政审核").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.Locator("p.notice[role=status]")).ToContainTextAsync("本单位审核 → 主管部门审核 → 财政审核");
        Assert.Empty(await PageChecks.AxeViolationsAsync(admin));

        // The filler submits.
        var filler = await fixture.NewPageAsync();
        await Journey.LoginAsync(filler, finance);
        await filler.GotoAsync($"/Projects/Details/{project.Id}");
        await filler.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Expect(filler.Locator("#project-status")).ToHaveTextAsync("已提交");
        await Expect(filler.Locator("#project-stage")).ToHaveTextAsync("待本单位审核");

        // Each level approves from its own queue.
        async Task ApproveAsync(string email, string level, string comment)
        {
            var page = await fixture.NewPageAsync();
            await Journey.LoginAsync(page, email);
            await page.GotoAsync("/Review");
            await Expect(page.Locator("#review-queue")).ToContainTextAsync(project.Code);
            await Expect(page.Locator("#review-queue")).ToContainTextAsync(level);
            await page.GetByRole(AriaRole.Link, new() { Name = $"审核 {project.Name}" }).ClickAsync();
            await Expect(page.Locator("#review-chain")).ToContainTextAsync("本单位审核 → 主管部门审核 → 财政审核");
            await page.GetByLabel("意见（退回时必填）").FillAsync(comment);
            Assert.Empty(await PageChecks.AxeViolationsAsync(page));
            await page.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
            await Expect(page.Locator(".section-head")).Not.ToContainTextAsync("待" + level);
            await page.Context.CloseAsync();
        }

        await ApproveAsync(head, "本单位审核", "本单位同意");
        Assert.Equal(ProjectStatus.Submitted, await fixture.StatusOfAsync(project.Id));
        await ApproveAsync(parentHead, "主管部门审核", "主管部门同意");
        Assert.Equal(ProjectStatus.Submitted, await fixture.StatusOfAsync(project.Id));
        await ApproveAsync(reviewer, "财政审核", "财政同意");
        Assert.Equal(ProjectStatus.Approved, await fixture.StatusOfAsync(project.Id));

        await filler.GotoAsync($"/Projects/Details/{project.Id}");
        await Expect(filler.Locator("#project-status")).ToHaveTextAsync("已审核");
        var history = filler.Locator("#history");
        foreach (var text in new[] { "本单位同意", "主管部门同意", "财政同意", "主管部门审核", "财政审核" })
        {
            await Expect(history).ToContainTextAsync(text);
        }
    }
}
