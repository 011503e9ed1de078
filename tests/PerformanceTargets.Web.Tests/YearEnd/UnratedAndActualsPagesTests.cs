using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// Issue 16 items 8 and 9: a project without actuals is 未评 (— in tables, its own count on the dashboard, empty score
/// cells and a 状态 column in exports), and only approved projects (or ones adjusted after approval) take actuals.
/// </summary>
public abstract partial class UnratedAndActualsPagesTests(AppFixture fixture)
{
    [GeneratedRegex("<tr data-code=\"(?<code>[^\"]+)\">(?<row>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    private static string RowOf(string html, string code) =>
        Row().Matches(html).Single(m => m.Groups["code"].Value == code).Groups["row"].Value;

    private static async Task RecordExecutedAsync(AppFactory app, int projectId, decimal executed) =>
        await app.WithDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            project.RecordExecution(executed, []);
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_project_without_actuals_is_unrated_on_year_end_ratings_dashboard_and_in_the_csv()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var rated = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var unrated = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        await RecordExecutedAsync(app, rated.Id, 1_000_000m);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var year = WorkbenchData.Year;

        var yearEnd = await auditor.GetStringAsync($"/YearEnd?unit={unit.Id}&year={year}");
        Assert.Matches("<td class=\"grade\">\\s*<span title=\"未评\">—</span>", RowOf(yearEnd, unrated.Code));
        Assert.Contains("<td class=\"num score\">—</td>", RowOf(yearEnd, unrated.Code), StringComparison.Ordinal);
        Assert.DoesNotContain("差", RowOf(yearEnd, unrated.Code), StringComparison.Ordinal);
        Assert.Matches("<td class=\"grade\">\\s*差\\s*</td>", RowOf(yearEnd, rated.Code));

        var ratings = await auditor.GetStringAsync($"/Ratings?unit={unit.Id}&year={year}");
        Assert.Contains("<td class=\"num score\">—</td>", RowOf(ratings, unrated.Code), StringComparison.Ordinal);
        Assert.DoesNotContain("<td class=\"num\">0.00</td>", RowOf(ratings, unrated.Code), StringComparison.Ordinal);
        Assert.Matches("<td class=\"grade\">\\s*差\\s*</td>", RowOf(ratings, rated.Code));
        Assert.Matches("<td class=\"grade\">\\s*<span title=\"未评\">—</span>", RowOf(ratings, unrated.Code));

        var dashboard = await auditor.GetStringAsync($"/Dashboard?unit={unit.Id}&year={year}");
        Assert.Contains("不计入等级）：<strong>1</strong> 个项目", dashboard, StringComparison.Ordinal);
        var grades = Regex.Match(dashboard, "<table class=\"list\" id=\"grades\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<tr><td>差</td><td class=\"num\">1</td></tr>", grades, StringComparison.Ordinal);
        Assert.DoesNotContain("未评", grades, StringComparison.Ordinal);

        var csv = SeedActuals.ReadCsv(await auditor.GetStringAsync($"/Ratings?handler=Download&unit={unit.Id}&year={year}&format=csv"));
        Assert.Equal(("状态", "类型"), (csv[0][^2], csv[0][^1]));
        var unratedRow = csv.Single(r => r[2] == unrated.Code);
        Assert.Equal(("", "", "", "未评"), (unratedRow[7], unratedRow[8], unratedRow[9], unratedRow[10]));
        var ratedRow = csv.Single(r => r[2] == rated.Code);
        Assert.Equal(("差", "已评"), (ratedRow[9], ratedRow[10]));
        Assert.NotEqual(string.Empty, ratedRow[8]);
    }

    [Theory]
    [InlineData(ProjectStatus.Draft)]
    [InlineData(ProjectStatus.Submitted)]
    public async Task A_project_not_yet_approved_takes_no_actuals_and_the_page_says_so(ProjectStatus status)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, status);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var list = await finance.GetStringAsync($"/YearEnd?unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.Contains("审核通过后可填报", RowOf(list, project.Code), StringComparison.Ordinal);
        Assert.Contains("只有已审核（或审核后正在调整）的项目可以填报实际数", list, StringComparison.Ordinal);

        var page = await finance.GetStringAsync($"/YearEnd/Edit/{project.Id}");
        Assert.Contains("id=\"no-actuals\"", page, StringComparison.Ordinal);
        Assert.Contains($"当前为{status.ToChinese()}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("保存并评分", page, StringComparison.Ordinal);

        var token = HttpForms.ExtractAntiforgeryToken(page)!;
        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Executed"] = "1800000",
        }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("只有已审核", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }

    [Fact]
    public async Task A_project_adjusted_after_approval_still_takes_actuals_on_the_form()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = WorkbenchData.SampleProject(unit.Id, ProjectStatus.Approved);
        project.Adjust("finance@test.local", DateTimeOffset.UtcNow, "预算调整");
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var page = await finance.GetStringAsync($"/YearEnd/Edit/{project.Id}");
        Assert.DoesNotContain("id=\"no-actuals\"", page, StringComparison.Ordinal);

        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpForms.ExtractAntiforgeryToken(page)!,
            ["Input.Executed"] = "1800000",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(1_800_000m, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }
}

public sealed class SqliteUnratedAndActualsPagesTests(SqliteAppFixture fixture) : UnratedAndActualsPagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUnratedAndActualsPagesTests(PostgresAppFixture fixture) : UnratedAndActualsPagesTests(fixture), IClassFixture<PostgresAppFixture>;
