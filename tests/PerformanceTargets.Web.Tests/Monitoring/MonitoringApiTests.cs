using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Monitoring;

/// <summary>绩效运行监控 through <c>/api/v1/monitoring</c>: rounds, the entry's put, submit and decide with located errors, import all or nothing, export, and who may do what.</summary>
public abstract class MonitoringApiTests(AppFixture fixture)
{
    private static object Rows(string row1 = "45%", object? extra = null) => new object[]
    {
        extra ?? new { row = 1, completedToDate = row1, expectedFullYear = "90%", likelihood = "Certain" },
        new { row = 2, completedToDate = "45%", expectedFullYear = "90%" },
        new { row = 3, completedToDate = "达成", expectedFullYear = "达成" },
        new { row = 4, completedToDate = "达成", expectedFullYear = "达成" },
        new { row = 5, completedToDate = "95%", expectedFullYear = "95%" },
    };

    [Fact]
    public async Task Only_an_admin_opens_a_round_and_a_repeated_period_is_a_409()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var admin = await app.AdminBearerClientAsync();
        var body = new { year = 2042, endMonth = 6, deadline = "2042-07-15" };

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/v1/monitoring/rounds", body)).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/v1/monitoring/rounds", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/monitoring/rounds", body)).StatusCode);

        var invalid = await admin.PostAsJsonAsync("/api/v1/monitoring/rounds", new { year = 2042, endMonth = 13, deadline = "2042-07-15" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("监控期间应为 1–m 月，m 在 1–12 之间。", (await invalid.JsonAsync()).GetProperty("errors").GetProperty("endMonth")[0].GetString());

        Assert.Contains((await (await finance.GetAsync("/api/v1/monitoring/rounds?year=2042")).JsonAsync()).EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsync($"/api/v1/monitoring/rounds/{id}/close", null)).StatusCode);
        var closed = await admin.PostAsync($"/api/v1/monitoring/rounds/{id}/close", null);
        Assert.False((await closed.JsonAsync()).GetProperty("isOpen").GetBoolean());
    }

    [Fact]
    public async Task Finance_puts_and_submits_with_located_errors_and_the_head_decides()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(6);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var path = $"/api/v1/monitoring/rounds/{round.Id}/projects/{project.Id}";

        var fresh = await (await finance.GetAsync(path)).JsonAsync();
        Assert.False(fresh.GetProperty("stored").GetBoolean());
        Assert.Equal(2_000_000m, fresh.GetProperty("annualBudget").GetDecimal());
        Assert.Equal(5, fresh.GetProperty("indicators").GetArrayLength());

        var put = await finance.PutAsJsonAsync(path, new { executedToDate = 1_000_000m, expectedFullYear = 2_000_000m, indicators = Rows("10%") });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.JsonAsync();
        Assert.Equal("Red", saved.GetProperty("indicators")[0].GetProperty("light").GetProperty("light").GetString());
        Assert.Equal("Red", saved.GetProperty("projectLight").GetString());

        var refused = await finance.PostAsync(path + "/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.JsonAsync()).GetProperty("errors");
        Assert.Equal("指标为红灯，请填写纠偏措施。", errors.GetProperty("第1行指标“购置率”.纠偏措施")[0].GetString());

        var stale = await finance.PutAsJsonAsync(path, new { version = Guid.NewGuid(), executedToDate = 1m, expectedFullYear = 1m });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var fixedRow = new { row = 1, completedToDate = "10%", expectedFullYear = "60%", likelihood = "Impossible", causes = new[] { "Funding", "Other" }, deviationNote = "资金未到位", correctiveMeasures = "申请调整目标" };
        var put2 = await finance.PutAsJsonAsync(path, new { version = saved.GetProperty("version").GetGuid(), executedToDate = 1_000_000m, expectedFullYear = 2_000_000m, indicators = Rows(extra: fixedRow) });
        Assert.Equal(HttpStatusCode.OK, put2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(path + "/submit", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync(path + "/decide", new { approve = true })).StatusCode);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, unit.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PutAsJsonAsync(path, new { executedToDate = 1m })).StatusCode);
        var noReason = await head.PostAsJsonAsync(path + "/decide", new { approve = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var decided = await head.PostAsJsonAsync(path + "/decide", new { approve = false, reason = "请核实" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var entry = await decided.JsonAsync();
        Assert.Equal("Returned", entry.GetProperty("status").GetString());
        Assert.Equal("请核实", entry.GetProperty("history")[1].GetProperty("comment").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync(path + "/decide", new { approve = true })).StatusCode);
    }

    [Fact]
    public async Task Other_units_get_404_and_the_auditor_reads_but_cannot_write()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(5);
        var path = $"/api/v1/monitoring/rounds/{round.Id}/projects/{project.Id}";

        var stranger = await app.BearerClientAsync(Roles.Finance, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync(path, new { executedToDate = 1m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/units/{unit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/export?unit={unit.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/units")).StatusCode);

        var auditor = await app.BearerClientAsync(Roles.Auditor, null);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PutAsJsonAsync(path, new { executedToDate = 1m })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(path + "/submit", null)).StatusCode);
        var units = await (await auditor.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/units")).JsonAsync();
        Assert.Contains(units.EnumerateArray(), u => u.GetProperty("unitId").GetInt32() == unit.Id && u.GetProperty("projects").GetInt32() == 1);
        Assert.Null(await app.EntryAsync(round.Id, project.Id));
    }

    [Fact]
    public async Task The_import_is_all_or_nothing_with_located_errors_and_the_export_reads_back()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var first = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var second = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(4);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);

        string Project(string code, string row2Name) => $$"""
            { "code": "{{code}}", "executedToDate": 700000, "expectedFullYear": 2000000, "indicators": [
              { "row": 1, "completedToDate": "30%", "expectedFullYear": "90%" },
              { "row": 2, "name": "{{row2Name}}", "completedToDate": "30%", "expectedFullYear": "90%" },
              { "row": 3, "completedToDate": "达成", "expectedFullYear": "达成" },
              { "row": 4, "completedToDate": "达成", "expectedFullYear": "达成" },
              { "row": 5, "completedToDate": "95%", "expectedFullYear": "95%", "likelihood": "大概" } ] }
            """;
        var bad = $$"""{ "year": 2031, "endMonth": 4, "projects": [ {{Project(first.Code, "综合业务管理工作完成率")}} ] }""";
        var response = await finance.PostAsync($"/api/v1/monitoring/rounds/{round.Id}/import", ApiClients.Files(("m.json", System.Text.Encoding.UTF8.GetBytes(bad))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("m.json $.projects[0].indicators[4]（项目 " + first.Code + " 指标“”）.likelihood", error.GetProperty("location").GetString());

        var renamed = $$"""{ "year": 2031, "endMonth": 4, "projects": [ {{Project(first.Code, "综合业务管理工作完成率").Replace("\"大概\"", "\"确定能\"", StringComparison.Ordinal)}}, {{Project(second.Code, "改过的名称").Replace("\"大概\"", "\"确定能\"", StringComparison.Ordinal)}} ] }""";
        response = await finance.PostAsync($"/api/v1/monitoring/rounds/{round.Id}/import", ApiClients.Files(("m.json", System.Text.Encoding.UTF8.GetBytes(renamed))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("第 2 行指标是“综合业务管理工作完成率”，文件中写的是“改过的名称”", (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.EntryAsync(round.Id, first.Id)); // the first project was fine, but nothing is written

        var good = renamed.Replace("改过的名称", "综合业务管理工作完成率", StringComparison.Ordinal);
        response = await finance.PostAsync($"/api/v1/monitoring/rounds/{round.Id}/import", ApiClients.Files(("m.json", System.Text.Encoding.UTF8.GetBytes(good))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.JsonAsync()).GetProperty("projects").GetInt32());
        Assert.Equal(700_000m, (await app.EntryAsync(round.Id, second.Id))!.ExecutedToDate);

        var export = await finance.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/export?unit={unit.Code}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var funds = stream.Query(useHeaderRow: true, sheetName: "项目资金").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, funds.Count);
        Assert.All(funds, f => Assert.Equal("草稿", f["状态"]));
        Assert.All(funds, f => Assert.Equal("绿灯", f["资金监控灯"])); // 35 % against the plan's 25 % at 3月底 (4月 passes only 3月)
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync($"/api/v1/monitoring/rounds/{round.Id}/export")).StatusCode);
    }
}

public sealed class SqliteMonitoringApiTests(SqliteAppFixture fixture) : MonitoringApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMonitoringApiTests(PostgresAppFixture fixture) : MonitoringApiTests(fixture), IClassFixture<PostgresAppFixture>;
