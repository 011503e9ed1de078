using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Projects;

/// <summary>The project form: server-side validation in Chinese beside the fields, nothing typed is lost, a valid post saves through the aggregate.</summary>
public abstract class ProjectFormTests(AppFixture fixture)
{
    [Fact]
    public async Task A_valid_form_creates_a_draft_with_its_plan_goals_and_indicators()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var token = await finance.GetAntiforgeryTokenAsync(path);
        var fields = ProjectForms.Valid("新建的项目", token);

        var response = await finance.PostAsync(path, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await app.WithDbAsync(db => db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Code == fields["Input.Code"]));
        Assert.Equal(unit.Id, project.UnitId);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Equal(1_500_000m, project.Budget);
        Assert.Equal([20m, 50m, 80m, 100m], project.SpendingPlan.Select(c => c.CumulativePercent));
        Assert.Equal(["保障日常运转。", "提高服务满意度。"], project.Goals.OrderBy(g => g.Order).Select(g => g.Text));
        Assert.Equal(["培训人数", "服务对象满意度"], project.Indicators.OrderBy(i => i.Order).Select(i => i.Name));
        Assert.Equal($"/Projects/Details/{project.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Funds_that_do_not_add_up_are_refused_beside_the_field_and_the_input_is_kept()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("资金不平的项目", await finance.GetAntiforgeryTokenAsync(path));
        fields["Input.OtherFunds"] = "400000";

        var response = await finance.PostAsync(path, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("与预算数（1,500,000.00）不一致", html, StringComparison.Ordinal);
        Assert.Contains("value=\"资金不平的项目\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"培训人数\"", html, StringComparison.Ordinal);
        Assert.Contains("提高服务满意度。", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == fields["Input.Code"])));
    }

    [Fact]
    public async Task A_spending_plan_that_is_not_cumulative_is_refused_with_the_rules_engines_message()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("计划不累计", await finance.GetAntiforgeryTokenAsync(path));
        fields["Input.Plan[0]"] = "25";
        fields["Input.Plan[1]"] = "25";
        fields["Input.Plan[2]"] = "25";
        fields["Input.Plan[3]"] = "25";

        var html = await (await finance.PostAsync(path, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();

        Assert.Contains("不是累计比例", html, StringComparison.Ordinal);
        Assert.Contains("12月底的累计支出比例应为 100%", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_indicator_category_and_a_missing_value_are_refused()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("分类错误", await finance.GetAntiforgeryTokenAsync(path));
        fields["Input.Indicators[0].Level2"] = "满意度指标";
        fields["Input.Indicators[1].Value"] = "";

        var html = await (await finance.PostAsync(path, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();

        Assert.Contains("“满意度指标”不是“产出指标”下的二级指标", html, StringComparison.Ordinal);
        Assert.Contains("请填写指标值", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_handler_reads_the_value_and_returns_the_rules_engines_warnings()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var quantitative = JsonDocument.Parse(await finance.GetStringAsync(
            "/Projects/Edit?handler=Preview&level1=产出指标&level2=数量指标&name=购置率&value=" + Uri.EscapeDataString("≥90百分比"))).RootElement;
        var vague = JsonDocument.Parse(await finance.GetStringAsync(
            "/Projects/Edit?handler=Preview&level1=效益指标&level2=经济效益指标&name=提高工作效率&value=" + Uri.EscapeDataString("有所提高"))).RootElement;

        Assert.Equal("≥ 90 %", quantitative.GetProperty("reading").GetString());
        Assert.Empty(quantitative.GetProperty("warnings").EnumerateArray());
        Assert.Equal("定性：有所提高", vague.GetProperty("reading").GetString());
        Assert.Contains(vague.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "vague-value");
    }

    [Fact]
    public async Task The_home_page_lists_the_units_projects_with_formatted_totals_and_filters_by_status()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var draft = await app.CreateProjectAsync(unit.Id);
        var submitted = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var all = await finance.GetStringAsync($"/?year={WorkbenchData.Year}");
        var onlySubmitted = await finance.GetStringAsync($"/?year={WorkbenchData.Year}&status=Submitted");

        Assert.Contains(draft.Code, all, StringComparison.Ordinal);
        Assert.Contains(submitted.Code, all, StringComparison.Ordinal);
        Assert.Contains("4,000,000.00", all, StringComparison.Ordinal);
        Assert.Contains("合计（2 个项目）", all, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Code, onlySubmitted, StringComparison.Ordinal);
        Assert.Contains(submitted.Code, onlySubmitted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_last_year_makes_drafts_in_this_year_and_skips_codes_already_there()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var approved = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Copy?year={WorkbenchData.Year + 1}";
        var token = await finance.GetAntiforgeryTokenAsync(path);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.WholeUnit"] = "true" };

        var first = await finance.PostAsync(path, new FormUrlEncodedContent(form));
        var second = await finance.PostAsync(path, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var copies = await app.WithDbAsync(db => db.Projects.Include(p => p.Indicators)
            .Where(p => p.Code == approved.Code && p.Year == WorkbenchData.Year + 1).ToListAsync());
        var copy = Assert.Single(copies);
        Assert.Equal(ProjectStatus.Draft, copy.Status);
        Assert.Equal(approved.Indicators.Count, copy.Indicators.Count);
        Assert.Empty(copy.History);
    }
}

public sealed class SqliteProjectFormTests(SqliteAppFixture fixture) : ProjectFormTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresProjectFormTests(PostgresAppFixture fixture) : ProjectFormTests(fixture), IClassFixture<PostgresAppFixture>;
