using System.Net;
using System.Text.RegularExpressions;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.NewUser;

/// <summary>
/// Issue 16 items 6, 10, 13, 14, 15: the pending-review count in the navigation, Chinese status pages with a way back,
/// no English or repository paths in visible text, a favicon, Chinese client-validation messages.
/// </summary>
public abstract class EverywhereTests(AppFixture fixture)
{
    [Fact]
    public async Task A_missing_record_or_page_answers_404_with_a_chinese_page_and_a_way_home()
    {
        var app = await fixture.GetAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, (await app.CreateUnitAsync()).Id);

        foreach (var path in new[] { "/Projects/Details/999999", "/YearEnd/Edit/999999", "/no/such/page" })
        {
            var response = await finance.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            Assert.Contains("找不到该页面或记录", html, StringComparison.Ordinal);
            Assert.Contains("<a class=\"button primary\" href=\"/\">返回首页</a>", html, StringComparison.Ordinal);
        }

        // The way back to where the user came from, when that is a page of this site.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Projects/Details/999999");
        request.Headers.Referrer = new Uri(finance.BaseAddress!, "/YearEnd?year=2031");
        Assert.Contains("href=\"/YearEnd?year=2031\">返回上一页</a>", await (await finance.SendAsync(request)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_page_answers_403_in_chinese_and_the_api_keeps_its_own_answers()
    {
        var app = await fixture.GetAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, (await app.CreateUnitAsync()).Id);

        var response = await finance.GetAsync("/Status/403");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await finance.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("找不到该页面或记录", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_has_a_favicon()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateBrowserLikeClient();

        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.svg")).StatusCode);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_greets_by_display_name_and_a_head_sees_how_many_projects_wait_for_review()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        await app.CreateProjectAsync(unit.Id, ProjectStatus.Draft);
        await app.CreateProjectAsync((await app.CreateUnitAsync()).Id, ProjectStatus.Submitted);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var home = await head.GetStringAsync("/");
        Assert.Contains("欢迎，部门负责人。", home, StringComparison.Ordinal);
        Assert.Matches("<a id=\"user-name\" href=\"/Account/Me\" title=\"departmenthead-[^\"]+\">部门负责人</a>", home);
        var me = await head.GetStringAsync("/Account/Me");
        Assert.Matches("<dd id=\"me-login\">departmenthead-[^<]+</dd>", me);
        Assert.Contains("<dd id=\"me-roles\">部门负责人</dd>", me, StringComparison.Ordinal);
        Assert.Contains($"href=\"/?unit={unit.Id}\"", me, StringComparison.Ordinal);
        Assert.DoesNotContain("欢迎，departmenthead-", home, StringComparison.Ordinal);
        Assert.Matches("<span class=\"badge\" id=\"review-count\"[^>]*>2</span>", home);

        var financeHome = await finance.GetStringAsync("/");
        Assert.Contains("欢迎，财务人员。", financeHome, StringComparison.Ordinal);
        Assert.DoesNotContain("review-count", financeHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_english_or_repository_paths_in_visible_text_of_year_end_and_audit()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var yearEnd = await finance.GetStringAsync($"/YearEnd?unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.DoesNotContain("docs/", yearEnd, StringComparison.Ordinal);
        Assert.DoesNotContain(".md", yearEnd, StringComparison.Ordinal);

        Assert.Equal("导入文件：000_6eb6f0e171c118ff.txt", AuditEntry.OperationLabel("import 000_6eb6f0e171c118ff.txt"));
        Assert.Equal("上传实际数文件：a.json", AuditEntry.OperationLabel("upload actuals a.json"));
        Assert.Equal("导入实际数文件：a.json", AuditEntry.OperationLabel("import actuals a.json"));
        Assert.Equal("初始化指标库", AuditEntry.OperationLabel("library seed"));
        Assert.Equal("指标库", AuditEntry.EntityLabel("LibraryIndicator"));

        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var year = 2075 + (fixture.Provider == PerformanceTargets.Web.Infrastructure.Data.DatabaseProvider.Sqlite ? 0 : 1);
        var token = await admin.GetAntiforgeryTokenAsync("/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Year" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Seed.Path)), "Input.Files", "new-user-16.txt" },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/Import", form)).StatusCode);

        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var audit = await auditor.GetStringAsync($"/Audit?user={Uri.EscapeDataString(AppFactory.AdminEmail)}");
        Assert.Contains("导入文件：new-user-16.txt", audit, StringComparison.Ordinal);
        var visible = Regex.Replace(Regex.Replace(audit, "<details>.*?</details>|<[^>]+>", " ", RegexOptions.Singleline), "\\s+", " ");
        Assert.DoesNotContain("import new-user-16", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("BudgetProject", visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hidden_client_validation_messages_are_chinese()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);

        foreach (var path in new[] { $"/Projects/Edit?unit={unit.Id}", $"/YearEnd/Edit/{project.Id}", "/UnitPlans/Edit" })
        {
            var html = await finance.GetStringAsync(path);
            Assert.DoesNotContain("field is required", html, StringComparison.Ordinal);
            Assert.DoesNotContain("The field ", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-val-required=\"此项为必填项。\"", await finance.GetStringAsync($"/YearEnd/Edit/{project.Id}"), StringComparison.Ordinal);
    }
}

public sealed class SqliteEverywhereTests(SqliteAppFixture fixture) : EverywhereTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresEverywhereTests(PostgresAppFixture fixture) : EverywhereTests(fixture), IClassFixture<PostgresAppFixture>;
