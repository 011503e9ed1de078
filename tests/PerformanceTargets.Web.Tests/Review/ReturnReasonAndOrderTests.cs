using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Review;

/// <summary>
/// Issue 16 items 5 and 7: a head's latest return reason at the top of the project page and the edit form until the
/// project is resubmitted, and on the home list; the goal table groups indicators by 一级 and 二级 in the standard order.
/// </summary>
public abstract class ReturnReasonAndOrderTests(AppFixture fixture)
{
    [Fact]
    public async Task The_return_reason_shows_on_the_project_page_the_form_and_the_home_list_until_resubmitted()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Returned);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var details = await finance.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.Contains("id=\"return-reason\"", details, StringComparison.Ordinal);
        Assert.Contains("<p class=\"reason\">请补充</p>", details, StringComparison.Ordinal);
        Assert.True(details.IndexOf("id=\"return-reason\"", StringComparison.Ordinal) < details.IndexOf("流转记录", StringComparison.Ordinal));
        Assert.Contains("<p class=\"reason\">请补充</p>", await finance.GetStringAsync($"/Projects/Edit/{project.Id}"), StringComparison.Ordinal);

        var home = await finance.GetStringAsync($"/?unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.Matches("已退回</span>\\s*<span class=\"return-note\">退回原因：请补充</span>", home);

        await app.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.Id);
            stored.Submit("finance@test.local", DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("id=\"return-reason\"", await finance.GetStringAsync($"/Projects/Details/{project.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("退回原因：", await finance.GetStringAsync($"/?unit={unit.Id}&year={WorkbenchData.Year}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_goal_table_groups_indicators_in_standard_order_keeping_the_typed_order_within_a_group()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = WorkbenchData.SampleProject(unit.Id);
        project.SetIndicators([
            new Indicator("产出指标", "数量指标", "第一数量", "d", "≥1个", "计划"),
            new Indicator("满意度指标", "服务对象满意度指标", "满意度", "d", "≥90%", "计划"),
            new Indicator("产出指标", "成本指标", "成本控制", "d", "≤100万元", "计划"),
            new Indicator("产出指标", "数量指标", "第二数量", "d", "≥2个", "计划"),
            new Indicator("效益指标", "社会效益指标", "社会效益", "d", "提升", "计划"),
        ]);
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var html = await finance.GetStringAsync($"/GoalTables/Show/{project.Id}");
        string[] expected = ["第一数量", "第二数量", "成本控制", "社会效益", "满意度"];
        var positions = expected.Select(name => html.IndexOf($">{name}<", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Single(Regex.Matches(html, "class=\"level1\">产出指标</th>"));
        Assert.Contains("rowspan=\"3\" class=\"level1\">产出指标</th>", html, StringComparison.Ordinal);
    }
}

public sealed class SqliteReturnReasonAndOrderTests(SqliteAppFixture fixture) : ReturnReasonAndOrderTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReturnReasonAndOrderTests(PostgresAppFixture fixture) : ReturnReasonAndOrderTests(fixture), IClassFixture<PostgresAppFixture>;
