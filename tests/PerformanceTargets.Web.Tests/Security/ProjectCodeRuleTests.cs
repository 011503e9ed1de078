using System.Net;
using System.Net.Http.Json;
using System.Text;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// Issue 15 finding 10: project codes stay unique per year across units (the decision in docs/security.md); a taken
/// code is refused with one message whoever holds it, which never names the unit.
/// </summary>
public sealed class ProjectCodeRuleTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task A_code_of_another_unit_is_refused_exactly_like_one_of_the_own_unit()
    {
        var app = await fixture.GetAsync();
        var mine = await app.CreateUnitAsync();
        var theirs = await app.CreateUnitAsync();
        var ownProject = await app.CreateProjectAsync(mine.Id);
        var otherProject = await app.CreateProjectAsync(theirs.Id);
        var finance = await app.BearerClientAsync(Roles.Finance, mine.Id);

        var own = await finance.PostAsJsonAsync($"/api/v1/units/{mine.Id}/years/{WorkbenchData.Year}/projects", ApiClients.ProjectBody(ownProject.Code));
        var other = await finance.PostAsJsonAsync($"/api/v1/units/{mine.Id}/years/{WorkbenchData.Year}/projects", ApiClients.ProjectBody(otherProject.Code));

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var ownMessage = (await own.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString()!;
        var otherMessage = (await other.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString()!;
        Assert.Equal(ownMessage.Replace(ownProject.Code, "X", StringComparison.Ordinal), otherMessage.Replace(otherProject.Code, "X", StringComparison.Ordinal));
        Assert.DoesNotContain(theirs.Code, otherMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("另一个单位", otherMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_a_code_of_another_unit_names_no_unit()
    {
        var app = await fixture.GetAsync();
        var mine = await app.CreateUnitAsync();
        var theirs = await app.CreateUnitAsync();
        var otherProject = await app.CreateProjectAsync(theirs.Id);
        var finance = await app.BearerClientAsync(Roles.Finance, mine.Id);
        var plan = $$"""
            { "year": {{WorkbenchData.Year}}, "units": [ { "code": "{{mine.Code}}", "name": "{{mine.Name}}", "projects": [ { "code": "{{otherProject.Code}}", "name": "抢注项目", "budget": 100, "fiscalFunds": 100, "otherFunds": 0,
              "spendingPlan": [ {"month": 3, "cumulativePercent": 25}, {"month": 6, "cumulativePercent": 50}, {"month": 10, "cumulativePercent": 75}, {"month": 12, "cumulativePercent": 100} ], "goals": ["目标"],
              "indicators": [ { "level1": "产出指标", "level2": "数量指标", "name": "完成数量", "value": "≥2个", "basis": "年度工作计划" } ] } ] } ] }
            """;

        var response = await finance.PostAsync($"/api/v1/imports?year={WorkbenchData.Year}", ApiClients.Files(("plan.json", Encoding.UTF8.GetBytes(plan))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("已被使用", text, StringComparison.Ordinal);
        Assert.DoesNotContain("另一个单位", text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Code, text, StringComparison.Ordinal);
    }
}
