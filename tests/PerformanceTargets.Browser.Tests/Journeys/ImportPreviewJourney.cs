using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PerformanceTargets.Browser.Tests.Infrastructure;
using PerformanceTargets.Web.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace PerformanceTargets.Browser.Tests.Journeys;

public sealed partial class WorkbenchJourneys
{
    /// <summary>Issue 14: a real published goal table of another province (no codes, no unit, no plan) through the import preview.</summary>
    [Fact]
    public async Task Admin_uploads_a_table_of_another_province_sees_the_preview_fixes_the_code_and_writes_it()
    {
        SkipWithoutChromium();
        var id = Unique();
        var unitCode = "HN" + id;
        var admin = await fixture.CreateUserAsync($"import-{id}@journey.local", Roles.Admin, null);
        var page = await fixture.NewPageAsync();
        await Journey.LoginAsync(page, admin);
        await page.GotoAsync("/Import");

        await page.GetByLabel("年度", new() { Exact = true }).FillAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("单位编码（文档没有单位编码时导入到此单位）").FillAsync(unitCode);
        await page.GetByLabel("单位名称（新单位）").FillAsync("宁乡市坝塘镇人民政府" + id);
        await Expect(page.GetByLabel("试导入（只检查并报告，不写入）")).ToBeCheckedAsync();
        await page.GetByLabel("文件（可多选）").SetInputFilesAsync(ProvinceTable("hunan-ningxiang-2021"));
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导入" }).ClickAsync();

        var preview = page.Locator("#import-preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "试导入结果（未写入）" })).ToBeVisibleAsync();
        await Expect(preview.Locator(".indicator-count")).ToHaveTextAsync("8");
        await Expect(preview).ToContainTextAsync("（临时）");
        await Expect(preview).ToContainTextAsync("没有资金支出计划");
        await Expect(preview).ToContainTextAsync("未识别的标签：联系电目起止时间");
        await Screenshots.SaveAsync(page, "import-preview");
        Assert.Equal(0, await fixture.WithDbAsync(db => db.Projects.CountAsync(p => p.Code.StartsWith(unitCode))));

        var fixedCode = "JC" + id;
        await page.Locator("#confirm-form [data-code-fix]").FillAsync(fixedCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入（全部写入）" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入完成" })).ToBeVisibleAsync();
        var project = await fixture.WithDbAsync(db => db.Projects.SingleAsync(p => p.Code == fixedCode));
        Assert.False(project.CodeProvisional);
        Assert.Equal("镇域内基础设施建设", project.Name);

        await page.GotoAsync($"/Projects/Details/{project.Id}");
        await Expect(page.Locator("#import-details")).ToContainTextAsync("蒋建华");
        await Expect(page.Locator("#missing-for-submission")).ToContainTextAsync("资金支出计划");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交审核" })).ToHaveCountAsync(0);
    }

    private static string ProvinceTable(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder!.FullName, "tests", "PerformanceTargets.Documents.Tests", "Fixtures", "Provinces", name, "table.txt");
    }
}
