using System.Net;
using System.Text.RegularExpressions;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.GoalTables;

/// <summary>The seed, imported into a fresh database, shows all five goal tables laid out like the document; one downloads as .docx.</summary>
public abstract partial class SeedGoalTablesTests(AppFixture fixture)
{
    [Fact]
    public async Task The_seed_shows_all_five_goal_tables_in_the_official_layout()
    {
        var app = await fixture.GetAsync();
        var unit = await SeedLoader.LoadAsync(app);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var html = await auditor.GetStringAsync($"/GoalTables?unit={unit.Id}&year={SeedLoader.Year}");

        Assert.Equal(5, GoalTable().Matches(html).Count);
        Assert.Contains("1.综合政务管理业务费绩效目标表", html, StringComparison.Ordinal);
        Assert.Contains("2.人事代理专项补助绩效目标表", html, StringComparison.Ordinal);
        Assert.Contains("1303032113FG3ZE1SGQAM", html, StringComparison.Ordinal);
        Assert.Contains("2,000,000.00", html, StringComparison.Ordinal);
        Assert.Contains("25.00%", html, StringComparison.Ordinal);
        Assert.Contains("631001秦皇岛市山海关区临港经济开发区发展中心本级", html, StringComparison.Ordinal);
        // The first table's 产出指标 spans its four rows, 效益指标 its four, 满意度指标 one.
        Assert.Contains("rowspan=\"4\" class=\"level1\">产出指标", html, StringComparison.Ordinal);
        Assert.Contains("rowspan=\"4\" class=\"level1\">效益指标", html, StringComparison.Ordinal);
        Assert.Contains("rowspan=\"1\" class=\"level1\">满意度指标", html, StringComparison.Ordinal);
        Assert.Contains("一、总体绩效目标", html, StringComparison.Ordinal);
        Assert.Contains("综合办公日常运转率", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_goal_table_downloads_as_a_docx()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var response = await finance.GetAsync($"/GoalTables/Show/{project.Id}?handler=Docx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [GeneratedRegex("<article class=\"goal-table\"")]
    private static partial Regex GoalTable();
}

public sealed class SqliteSeedGoalTablesTests(SqliteAppFixture fixture) : SeedGoalTablesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSeedGoalTablesTests(PostgresAppFixture fixture) : SeedGoalTablesTests(fixture), IClassFixture<PostgresAppFixture>;
