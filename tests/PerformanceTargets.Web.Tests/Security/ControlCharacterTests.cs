using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// Issue 15 finding 8: NUL, CR/LF and bidirectional overrides in codes and names are refused with 400 and a Chinese
/// message (<see cref="PlainText"/>) at the API and the form, and with a located 422 at the import; nothing is stored.
/// </summary>
public sealed class ControlCharacterTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public static TheoryData<string, string> Hostile => new()
    {
        { "code", "C\u0000" + Guid.NewGuid().ToString("N")[..8] },
        { "code", "C\r\n" + Guid.NewGuid().ToString("N")[..8] },
        { "name", "培训\u202E目项" },
        { "name", "培训\n项目" },
        { "name", "培训\u2066项目" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_api_refuses_control_and_bidi_characters_with_a_400(string field, string value)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var body = (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApiClients.ProjectBody("C" + Guid.NewGuid().ToString("N")[..10])))!;
        body[field] = value;

        var response = await finance.PostAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("控制字符", (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.UnitId == unit.Id)));
    }

    [Fact]
    public async Task The_project_form_refuses_a_bidi_override_in_the_name()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var browser = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?unit={unit.Id}&year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("培训\u202E目项", await browser.GetAntiforgeryTokenAsync(path));

        var response = await browser.PostFormAsync(path, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("项目名称含有不允许的控制字符", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.UnitId == unit.Id)));
    }

    [Fact]
    public async Task A_json_import_with_a_nul_in_a_name_is_a_located_422()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var admin = await app.AdminBearerClientAsync();
        var code = "J" + Guid.NewGuid().ToString("N")[..10];
        var plan = $$"""
            { "year": 2038, "units": [ { "code": "{{unit.Code}}", "name": "{{unit.Name}}", "projects": [ { "code": "{{code}}", "name": "评分\u0000项目", "budget": 100, "fiscalFunds": 100, "otherFunds": 0,
              "spendingPlan": [ {"month": 3, "cumulativePercent": 25}, {"month": 6, "cumulativePercent": 50}, {"month": 10, "cumulativePercent": 75}, {"month": 12, "cumulativePercent": 100} ], "goals": ["目标"],
              "indicators": [ { "level1": "产出指标", "level2": "数量指标", "name": "完成数量", "value": "≥2个", "basis": "年度工作计划" } ] } ] } ] }
            """;

        var response = await admin.PostAsync("/api/v1/imports?year=2038", ApiClients.Files(("plan.json", Encoding.UTF8.GetBytes(plan))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("$.units[0].projects[0].name", text, StringComparison.Ordinal);
        Assert.Contains("控制字符", text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == code)));
    }

    [Fact]
    public void The_rule_allows_line_breaks_only_in_multi_line_fields()
    {
        Assert.True(PlainText.IsClean("第一行\r\n第二行\t", multiline: true));
        Assert.False(PlainText.IsClean("第一行\r\n第二行"));
        Assert.False(PlainText.IsClean("a\u202Eb", multiline: true));
        Assert.False(PlainText.IsClean("a\u0000b", multiline: true));
        Assert.True(PlainText.IsClean("（一）≥90%，“满意”"));
    }
}
