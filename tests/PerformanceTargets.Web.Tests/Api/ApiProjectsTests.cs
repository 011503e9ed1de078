using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Api;

/// <summary>The JSON API's authentication, authorisation (the pages' ProjectAccess), validation and workflow.</summary>
public abstract class ApiProjectsTests(AppFixture fixture)
{
    private static string NewCode() => "A" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static async Task<ProjectStatus> StatusOfAsync(AppFactory app, int id) =>
        await app.WithDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());

    [Theory]
    [InlineData("GET", "/api/v1/units")]
    [InlineData("GET", "/api/v1/projects/1")]
    [InlineData("POST", "/api/v1/projects/1/submit")]
    [InlineData("GET", "/api/v1/library/indicators?q=率")]
    public async Task Calls_without_authentication_answer_401_not_a_login_redirect(string method, string path)
    {
        var app = await fixture.GetAsync();
        var client = app.CreateApiClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_bogus_bearer_token_answers_401()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/units")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_from_login_reads_the_api_and_a_refresh_token_gives_a_new_one()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var email = await app.CreateUserAsync(Roles.Finance, unit.Id);
        var client = app.CreateApiClient();

        var tokens = await client.LoginForTokensAsync(email, WorkbenchData.Password);
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        var units = await (await client.GetAsync("/api/v1/units")).JsonAsync();

        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal(["Finance"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([unit.Code], units.EnumerateArray().Select(u => u.GetProperty("code").GetString()));

        var anonymous = app.CreateApiClient();
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.JsonAsync()).GetProperty("accessToken").GetString()));
        var bogus = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_answers_401_with_a_chinese_problem()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);

        var response = await app.CreateApiClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("邮箱或密码不正确。", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_units_project_answers_404_for_every_verb_and_nothing_changes()
    {
        var app = await fixture.GetAsync();
        var unitA = await app.CreateUnitAsync();
        var unitB = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unitB.Id);
        var finance = await app.BearerClientAsync(Roles.Finance, unitA.Id);
        var body = ApiClients.ProjectBody(NewCode());
        body["version"] = project.Version;

        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/projects/{project.Id}/previous-year")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.PutAsJsonAsync($"/api/v1/projects/{project.Id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.PostAsync($"/api/v1/projects/{project.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/units/{unitB.Id}/years/{WorkbenchData.Year}/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.PostAsJsonAsync($"/api/v1/units/{unitB.Id}/years/{WorkbenchData.Year}/projects", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/exports/projects?year={WorkbenchData.Year}&unit={unitB.Code}")).StatusCode);
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));
        Assert.Equal("综合政务管理业务费", await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_invalid_project_answers_400_problem_details_in_chinese_keyed_by_field()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var body = ApiClients.ProjectBody(NewCode(), name: "", budget: 1_000_000m, fiscal: 600_000m, other: 300_000m);
        body["indicators"] = new[] { new { level1 = "产出指标", level2 = "数量指标", name = "", description = "", value = "", basis = "" } };

        var response = await finance.PostAsJsonAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("数据校验未通过", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["请填写项目名称。"], errors.GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("与预算数", errors.GetProperty("budget")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("请填写三级指标名称。", errors.GetProperty("indicators[0].name")[0].GetString());
        Assert.Equal("请填写指标值。", errors.GetProperty("indicators[0].value")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.UnitId == unit.Id)));
    }

    [Fact]
    public async Task A_missing_spending_plan_month_and_an_unreadable_body_are_chinese_400s()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var body = ApiClients.ProjectBody(NewCode());
        body["spendingPlan"] = new[] { new { month = 12, cumulativePercent = 100m } };

        var plan = await finance.PostAsJsonAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", body);
        var garbage = await finance.PostAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        Assert.Contains("3月底", (await plan.JsonAsync()).GetProperty("errors").GetProperty("spendingPlan")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.StartsWith("请求无法解析", (await garbage.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_creates_updates_and_submits_a_head_returns_and_approves_and_finance_adjusts()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, unit.Id);
        var code = NewCode();

        var created = await finance.PostAsJsonAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", ApiClients.ProjectBody(code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await created.JsonAsync();
        var id = detail.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(1500000.00m, detail.GetProperty("project").GetProperty("budget").GetDecimal());
        Assert.Equal("≥2人", detail.GetProperty("project").GetProperty("indicators")[0].GetProperty("value").GetString());
        Assert.Equal(["edit", "submit"], detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        var update = ApiClients.ProjectBody(code, name: "培训项目（修订）");
        update["version"] = detail.GetProperty("version").GetGuid();
        var updated = await finance.PutAsJsonAsync($"/api/v1/projects/{id}", update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("培训项目（修订）", (await updated.JsonAsync()).GetProperty("project").GetProperty("name").GetString());
        var stale = await finance.PutAsJsonAsync($"/api/v1/projects/{id}", update);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var list = await (await finance.GetAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects?q=修订&pageSize=5")).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(code, list.GetProperty("items")[0].GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/api/v1/projects/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync($"/api/v1/projects/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsync($"/api/v1/projects/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync($"/api/v1/projects/{id}/approve", new { comment = "自己批" })).StatusCode);

        var noReason = await head.PostAsJsonAsync($"/api/v1/projects/{id}/return", new { comment = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("退回时必须填写退回原因。", (await noReason.JsonAsync()).GetProperty("errors").GetProperty("comment")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/v1/projects/{id}/return", new { comment = "请补充指标" })).StatusCode);
        Assert.Equal(ProjectStatus.Returned, await StatusOfAsync(app, id));

        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync($"/api/v1/projects/{id}/submit", null)).StatusCode);
        var approved = await head.PostAsJsonAsync($"/api/v1/projects/{id}/approve", new { comment = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Approved", (await approved.JsonAsync()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await finance.PostAsJsonAsync($"/api/v1/projects/{id}/adjust", new { reason = "" })).StatusCode);
        var adjusted = await finance.PostAsJsonAsync($"/api/v1/projects/{id}/adjust", new { reason = "预算调减" });
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        var history = (await adjusted.JsonAsync()).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Submitted", "Returned", "Submitted", "Approved", "Draft"], history);
    }

    [Fact]
    public async Task An_auditor_reads_every_unit_but_cannot_write()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var auditor = await app.BearerClientAsync(Roles.Auditor, null);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync($"/api/v1/projects/{project.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/v1/imports?year=2031", ApiClients.Files(("x.txt", [1])))).StatusCode);
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));
    }

    [Fact]
    public async Task A_cookie_signed_in_browser_may_read_but_writes_need_the_antiforgery_header()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var browser = await app.ClientAsAsync(Roles.Finance, unit.Id);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        var forged = await browser.PostAsync($"/api/v1/projects/{project.Id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("防伪令牌无效", (await forged.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));

        var token = await (await browser.GetAsync("/api/v1/auth/antiforgery")).JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{project.Id}/submit");
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
        Assert.Equal(ProjectStatus.Submitted, await StatusOfAsync(app, project.Id));
    }
}

public sealed class SqliteApiProjectsTests(SqliteAppFixture fixture) : ApiProjectsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresApiProjectsTests(PostgresAppFixture fixture) : ApiProjectsTests(fixture), IClassFixture<PostgresAppFixture>;
