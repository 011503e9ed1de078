using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

public sealed partial class WorkbenchJourneys
{
    [Fact]
    public async Task Finance_picks_an_indicator_from_the_library_while_typing_and_the_row_is_filled()
    {
        SkipWithoutChromium();
        var id = Unique();
        var name = "图书借阅人次" + id;
        await fixture.WithDbAsync(async db =>
        {
            var entry = new LibraryIndicator("产出指标", "质量指标", name, LibraryStatus.Standard, "通用指标");
            entry.Describe("全年借阅图书的人次", "≥", "人次", "≥5000人次", "历史标准", "文化");
            db.LibraryIndicators.Add(entry);
            return await db.SaveChangesAsync();
        });
        var unit = await fixture.CreateUnitAsync("632" + Random.Shared.Next(100000, 999999), "指标库测试单位");
        var finance = await fixture.CreateUserAsync($"library-{id}@journey.local", Roles.Finance, unit.Id);
        var page = await fixture.NewPageAsync();
        await Journey.LoginAsync(page, finance);
        await page.GotoAsync($"/Projects/Edit?unit={unit.Id}&year={Year}");

        var rows = page.Locator("#indicator-list");
        var nameBox = rows.GetByLabel("第1行 三级指标", new() { Exact = true });
        await nameBox.PressSequentiallyAsync("借阅人次" + id, new() { Delay = 20 });
        var suggestion = rows.Locator(".library-suggestions [role=option]").Filter(new() { HasText = name });
        await Expect(suggestion).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "library-suggestions");
        await nameBox.PressAsync("ArrowDown");
        await nameBox.PressAsync("Enter");

        await Expect(rows.Locator(".library-suggestions")).ToHaveCountAsync(0);
        await Expect(nameBox).ToHaveValueAsync(name);
        await Expect(rows.GetByLabel("第1行 一级指标")).ToHaveValueAsync("产出指标");
        await Expect(rows.GetByLabel("第1行 二级指标")).ToHaveValueAsync("质量指标");
        await Expect(rows.GetByLabel("第1行 绩效指标描述")).ToHaveValueAsync("全年借阅图书的人次");
        await Expect(rows.GetByLabel("第1行 指标值", new() { Exact = true })).ToHaveValueAsync("≥5000人次");
        await Expect(rows.GetByLabel("第1行 指标值确定依据")).ToHaveValueAsync("历史标准");
        await Expect(rows.Locator("[data-item]").Nth(0).Locator(".reading")).ToHaveTextAsync("≥ 5000 人次");
        Assert.Equal($"/Projects/Edit?unit={unit.Id}&year={Year}", new Uri(page.Url).PathAndQuery); // Enter picked, it did not submit
    }
}
