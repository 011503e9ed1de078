using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>Recording actuals through the real forms, and who may record, read and download (issue 6).</summary>
public abstract class YearEndPagesTests(AppFixture fixture)
{
    private const string AccessDenied = "/Account/AccessDenied";

    /// <summary>The 自评表 form as a browser posts it; indicators in order: 购置率 ≥90%, 综合业务管理工作完成率 ≥90%, 及时性, 提供优质服务, 服务对象满意度 ≥95%.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(AppFactory app, BudgetProject project, string token, params string[] actuals)
    {
        var ids = await app.WithDbAsync(db => db.Indicators.Where(i => EF.Property<int>(i, "ProjectId") == project.Id).OrderBy(i => i.Order).Select(i => i.Id).ToListAsync());
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Executed"] = "2000000",
            ["Input.Spending[0].Month"] = "3",
            ["Input.Spending[0].Spent"] = "100000",
            ["Input.Spending[1].Month"] = "6",
            ["Input.Spending[1].Spent"] = "300000",
        };
        for (var k = 0; k < ids.Count; k++)
        {
            form[$"Input.Indicators[{k}].Id"] = ids[k].ToString(CultureInfo.InvariantCulture);
            var parts = actuals[k].Split('|');
            form[$"Input.Indicators[{k}].Actual"] = parts[0];
            if (parts.Length > 1)
            {
                form[$"Input.Indicators[{k}].Score"] = parts[1];
            }
        }

        return form;
    }

    [Fact]
    public async Task Finance_records_actuals_on_the_form_and_the_rating_is_stored()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = await finance.GetAntiforgeryTokenAsync($"/YearEnd/Edit/{project.Id}");

        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(await FormAsync(app, project, token, "92%", "90%", "达成", "部分达成", "96%")));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var stored = await app.WithDbAsync(db => db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id));
        Assert.Equal(2000000m, stored.Executed);
        Assert.Equal([(3, 100000m), (6, 300000m)], stored.SpentByMonth.OrderBy(s => s.Month).Select(s => (s.Month, s.Spent)));
        Assert.Equal(("92%", "部分达成"), (stored.Indicators.Single(i => i.Name == "购置率").Actual, stored.Indicators.Single(i => i.Name == "提供优质服务").Actual));

        // 执行 10 + 产出 50 + 效益 部分达成 default 0.7 × 30 = 21 + 满意度 10 = 91 → 优.
        var rating = await app.WithDbAsync(db => db.ProjectRatings.AsNoTracking().Include(r => r.Indicators).SingleAsync(r => r.ProjectId == project.Id));
        Assert.Equal((10.00m, 91.00m, "优"), (rating.ExecutionScore, rating.Score, rating.Grade));
        Assert.Equal((30.00m, 21.00m), (rating.Indicators.Single(i => i.Name == "提供优质服务").Weight!.Value, rating.Indicators.Single(i => i.Name == "提供优质服务").Points!.Value));
        Assert.Contains("needs-deviation-reason", rating.Indicators.Single(i => i.Name == "提供优质服务").Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_score_is_stored_with_grade_you_and_shown_on_the_page()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = await finance.GetAntiforgeryTokenAsync($"/YearEnd/Edit/{project.Id}");

        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(await FormAsync(app, project, token, "92%", "90%", "达成", "部分达成|20", "96%")));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var rating = await app.WithDbAsync(db => db.ProjectRatings.AsNoTracking().SingleAsync(r => r.ProjectId == project.Id));
        Assert.Equal((90.00m, "优"), (rating.Score, rating.Grade));
        var page = await finance.GetStringAsync($"/YearEnd/Edit/{project.Id}");
        Assert.Contains("90.00", page, StringComparison.Ordinal);
        Assert.Contains("等级：优", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tier_score_outside_its_range_is_shown_on_the_form_and_nothing_is_stored()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = await finance.GetAntiforgeryTokenAsync($"/YearEnd/Edit/{project.Id}");

        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(await FormAsync(app, project, token, "92%", "90%", "部分达成|16.67", "达成", "96%")));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("“部分达成”的得分应在", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.ProjectRatings.AnyAsync(r => r.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Finance_of_another_unit_gets_404_for_the_self_evaluation_and_cannot_post_it()
    {
        var app = await fixture.GetAsync();
        var unitA = await app.CreateUnitAsync();
        var unitB = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unitB.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unitA.Id);
        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync("/YearEnd"))!;

        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/YearEnd/Edit/{project.Id}")).StatusCode);
        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(await FormAsync(app, project, token, "92%", "90%", "达成", "达成", "96%")));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
        Assert.DoesNotContain(project.Code, await finance.GetStringAsync($"/YearEnd?unit={unitB.Id}&year={WorkbenchData.Year}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_reads_the_self_evaluation_but_cannot_post_actuals()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var page = await auditor.GetStringAsync($"/YearEnd/Edit/{project.Id}");
        Assert.Contains(project.Code, page, StringComparison.Ordinal);
        Assert.DoesNotContain("保存并评分", page, StringComparison.Ordinal);
        var token = HttpForms.ExtractAntiforgeryToken(page) ?? HttpForms.ExtractAntiforgeryToken(await auditor.GetStringAsync("/Account/Logout"))!;
        var post = await auditor.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(await FormAsync(app, project, token, "92%", "90%", "达成", "达成", "96%")));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains(AccessDenied, post.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }

    [Fact]
    public async Task An_auditor_downloads_the_ratings_and_finance_may_not()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        Assert.Contains("下载", await auditor.GetStringAsync($"/Ratings?year={WorkbenchData.Year}"), StringComparison.Ordinal);
        var xlsx = await auditor.GetAsync($"/Ratings?handler=Download&format=xlsx&unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        var csv = await auditor.GetStringAsync($"/Ratings?handler=Download&format=csv&unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.Contains(project.Code, csv, StringComparison.Ordinal);

        var page = await finance.GetStringAsync($"/Ratings?year={WorkbenchData.Year}");
        Assert.Contains(project.Code, page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Download", page, StringComparison.Ordinal);
        var refused = await finance.GetAsync($"/Ratings?handler=Download&format=csv&year={WorkbenchData.Year}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains(AccessDenied, refused.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_picks_a_unit_s_ratings_by_its_code_and_sees_only_that_unit_rated()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var other = await app.CreateProjectAsync((await app.CreateUnitAsync()).Id, ProjectStatus.Approved);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var page = await auditor.GetStringAsync($"/Ratings?unitCode={unit.Code}&year={WorkbenchData.Year}");

        Assert.Contains(project.Code, page, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Code, page, StringComparison.Ordinal);
        Assert.Contains($"unit={unit.Id}", page, StringComparison.Ordinal);
        // Only the shown unit was rated on the way; the other unit's project is rated when it is shown.
        Assert.True(await app.WithDbAsync(db => db.ProjectRatings.AnyAsync(r => r.ProjectId == project.Id)));
        Assert.False(await app.WithDbAsync(db => db.ProjectRatings.AnyAsync(r => r.ProjectId == other.Id)));
    }

    [Fact]
    public async Task The_all_units_overview_rates_and_shows_the_first_units_in_code_order()
    {
        var app = await fixture.GetAsync();
        var code = "0" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var first = await app.WithDbAsync(async db =>
        {
            var unit = new PerformanceTargets.Domain.Units.Unit(code, "排在最前的单位");
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });
        const int year = WorkbenchData.Year + 6; // a year of its own, so other tests' units do not come first
        var project = await app.WithDbAsync(async db =>
        {
            var p = WorkbenchData.SampleProject(first.Id, ProjectStatus.Approved, year);
            db.Projects.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var page = await auditor.GetStringAsync($"/Ratings?year={year}");

        Assert.Contains($"<td>{code}</td>", page, StringComparison.Ordinal);
        Assert.Contains(project.Code, page, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.ProjectRatings.AnyAsync(r => r.ProjectId == project.Id)));
    }

    [Fact]
    public async Task The_all_units_overview_pages_through_the_units_in_code_order_fifty_rows_at_a_time()
    {
        var app = await fixture.GetAsync();
        const int year = WorkbenchData.Year + 5; // a year of its own: these two units are its only ones
        var stem = "00" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var (a, b) = await app.WithDbAsync(async db =>
        {
            var first = new PerformanceTargets.Domain.Units.Unit(stem + "1", "分页单位甲");
            var second = new PerformanceTargets.Domain.Units.Unit(stem + "2", "分页单位乙");
            db.Units.AddRange(first, second);
            await db.SaveChangesAsync();
            db.Projects.AddRange(Enumerable.Range(0, 30).SelectMany(_ => new[] { WorkbenchData.SampleProject(first.Id, ProjectStatus.Approved, year), WorkbenchData.SampleProject(second.Id, ProjectStatus.Approved, year) }));
            await db.SaveChangesAsync();
            return (first, second);
        });
        var codesOf = async (int unitId) => await app.WithDbAsync(db => db.Projects.Where(p => p.UnitId == unitId).OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
        var codesA = await codesOf(a.Id);
        var codesB = await codesOf(b.Id);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var page1 = await auditor.GetStringAsync($"/Ratings?year={year}");
        var page2 = await auditor.GetStringAsync($"/Ratings?year={year}&p=2");

        Assert.All(codesA, c => Assert.Contains(c, page1, StringComparison.Ordinal));
        Assert.All(codesB.Take(20), c => Assert.Contains(c, page1, StringComparison.Ordinal));
        Assert.All(codesB.Skip(20), c => Assert.DoesNotContain(c, page1, StringComparison.Ordinal));
        Assert.All(codesB.Skip(20), c => Assert.Contains(c, page2, StringComparison.Ordinal));
        Assert.All(codesA.Concat(codesB.Take(20)), c => Assert.DoesNotContain(c, page2, StringComparison.Ordinal));
        Assert.Contains($"p=1\">上一页", page2, StringComparison.Ordinal);
        Assert.DoesNotContain("下一页", page2, StringComparison.Ordinal);

        // The next-page link pages by key (the last row's unit and project code), not by counting from the first unit.
        var next = System.Text.RegularExpressions.Regex.Match(page1, "href=\"(?<href>[^\"]+)\" id=\"next-page\"").Groups["href"].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains($"au={b.Code}&ap={codesB[19]}", next, StringComparison.Ordinal);
        var keyset = await auditor.GetStringAsync(next);
        Assert.All(codesB.Skip(20), c => Assert.Contains(c, keyset, StringComparison.Ordinal));
        Assert.All(codesA.Concat(codesB.Take(20)), c => Assert.DoesNotContain(c, keyset, StringComparison.Ordinal));
        Assert.DoesNotContain("下一页", keyset, StringComparison.Ordinal);
        var afterLast = await auditor.GetStringAsync($"/Ratings?year={year}&au={b.Code}&ap={codesB[^1]}");
        Assert.All(codesA.Concat(codesB), c => Assert.DoesNotContain(c, afterLast, StringComparison.Ordinal));

        // Back by key (the first row of the page the link is on): the rows before it, as the first page showed them.
        var back = await auditor.GetStringAsync($"/Ratings?year={year}&p=2&bu={b.Code}&bp={codesB[20]}");
        Assert.All(codesA.Concat(codesB.Take(20)), c => Assert.Contains(c, back, StringComparison.Ordinal));
        Assert.All(codesB.Skip(20), c => Assert.DoesNotContain(c, back, StringComparison.Ordinal));
        Assert.Contains($"au={b.Code}&amp;ap={codesB[19]}", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_uploads_an_actuals_file_on_the_page_and_a_bad_one_is_listed_with_its_errors()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var other = await app.CreateProjectAsync((await app.CreateUnitAsync()).Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/YearEnd?unit={unit.Id}&year={WorkbenchData.Year}";

        async Task<HttpResponseMessage> UploadAsync(string json)
        {
            var token = await finance.GetAntiforgeryTokenAsync(path);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(file, "Upload.File", "actuals.json");
            return await finance.PostAsync($"/YearEnd?handler=Upload&unit={unit.Id}&year={WorkbenchData.Year}", content);
        }

        var bad = await UploadAsync($$"""{ "year": {{WorkbenchData.Year}}, "projects": [ { "code": "{{other.Code}}", "executed": 5 }, { "code": "{{project.Code}}", "executed": 7 } ] }""");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains($"本单位没有项目编码为 {other.Code} 的项目", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));

        var good = await UploadAsync($$"""{ "year": {{WorkbenchData.Year}}, "projects": [ { "code": "{{project.Code}}", "executed": 1500000, "indicators": [ { "name": "购置率", "actual": "95%" } ] } ] }""");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(1500000m, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
        Assert.Equal(7.5m, await app.WithDbAsync(db => db.ProjectRatings.Where(r => r.ProjectId == project.Id).Select(r => r.ExecutionScore).SingleAsync()));
    }

    [Fact]
    public async Task Monitoring_shows_the_light_of_each_checkpoint_and_exports_it()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = WorkbenchData.SampleProject(unit.Id, ProjectStatus.Approved);
        project.RecordExecution(null, [new(3, 400000m), new(6, 700000m)]);
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        // Plan 25/50 %: 3月底 400,000 = 20 % of 2,000,000 → 80 % of plan, green; 6月底 700,000 = 35 % → 70 %, yellow.
        var page = await finance.GetStringAsync($"/Monitoring?year={WorkbenchData.Year}&sort=light");
        Assert.Contains("绿灯", page, StringComparison.Ordinal);
        Assert.Contains("黄灯", page, StringComparison.Ordinal);
        var csv = await finance.GetStringAsync($"/Monitoring?handler=Csv&year={WorkbenchData.Year}");
        Assert.Contains($"{project.Code},综合政务管理业务费,2000000.00,6月底,50.00,700000.00,35.00,70.00,黄灯", csv, StringComparison.Ordinal);
        Assert.Contains($"{project.Code},综合政务管理业务费,2000000.00,10月底,75.00,,,,未填报", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_draws_from_data_attributes_without_inline_script()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var response = await auditor.GetAsync($"/Dashboard?year={WorkbenchData.Year}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("data-chart=", html, StringComparison.Ordinal);
        Assert.Contains("/lib/chartjs/chart.umd.js", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.Contains(unit.Code, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/lib/chartjs/chart.umd.js")).StatusCode);
    }
}

public sealed class SqliteYearEndPagesTests(SqliteAppFixture fixture) : YearEndPagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresYearEndPagesTests(PostgresAppFixture fixture) : YearEndPagesTests(fixture), IClassFixture<PostgresAppFixture>;
