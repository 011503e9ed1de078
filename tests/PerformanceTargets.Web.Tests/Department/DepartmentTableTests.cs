using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;
using PerformanceTargets.Web.Tests.Trust;

namespace PerformanceTargets.Web.Tests.Department;

/// <summary>The 部门整体支出绩效目标表 through the API and the pages: import (all or nothing), workflow, actuals and score, access.</summary>
public sealed class DepartmentTableTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const int Year = WorkbenchData.Year;

    /// <summary>The sample 部门整体 table, naming <paramref name="unit"/> instead of 631001.</summary>
    public static byte[] SampleFor(Unit unit) => Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AccessMatrixTests.RepoRoot(), "samples", "631001-2021-department.txt"))
        .Replace("631001秦皇岛市山海关区临港经济开发区发展中心本级", unit.Code + unit.Name, StringComparison.Ordinal));

    private static string Path_(Unit unit, string rest = "") => $"/api/v1/units/{unit.Id}/years/{Year}/department-table{rest}";

    private static async Task<ProjectStatus?> StatusAsync(AppFactory app, Unit unit) =>
        await app.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id && t.Year == Year).Select(t => (ProjectStatus?)t.Status).SingleOrDefaultAsync());

    [Fact]
    public async Task Finance_imports_submits_the_head_approves_finance_records_actuals_and_the_score_follows_the_project_rules()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, unit.Id);

        var imported = await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", SampleFor(unit))));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var detail = await imported.JsonAsync();
        Assert.Equal("Draft", detail.GetProperty("status").GetString());
        Assert.Equal(5_000_000m, detail.GetProperty("table").GetProperty("totalBudget").GetDecimal());
        Assert.Equal(8, detail.GetProperty("table").GetProperty("indicators").GetArrayLength());

        // PUT with the version read: the goal changes.
        var table = detail.GetProperty("table").Deserialize<Dictionary<string, object?>>()!;
        table["overallGoal"] = "修改后的年度总体绩效目标";
        var put = await finance.PutAsJsonAsync(Path_(unit), new { table, version = detail.GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stale = await finance.PutAsJsonAsync(Path_(unit), new { table, version = detail.GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(Path_(unit, "/submit"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync(Path_(unit, "/decide"), new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.PostAsJsonAsync(Path_(unit, "/decide"), new { approve = false })).StatusCode);
        var approved = await head.PostAsJsonAsync(Path_(unit, "/decide"), new { approve = true, comment = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(ProjectStatus.Approved, await StatusAsync(app, unit));
        Assert.True((await approved.JsonAsync()).GetProperty("score").GetProperty("unrated").GetBoolean());

        var actuals = await finance.PutAsJsonAsync(Path_(unit, "/actuals"), new
        {
            executed = 5_000_000m,
            indicators = new object[]
            {
                new { order = 1, actual = "4场" },
                new { name = "引进项目个数", actual = "5个" },
                new { order = 3, actual = "96%" },
                new { order = 4, actual = "达成" },
                new { order = 5, actual = "70万元" },
                new { order = 6, actual = "2亿元" },
                new { order = 7, actual = "达成" },
                new { order = 8, actual = "92%" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, actuals.StatusCode);
        var score = (await actuals.JsonAsync()).GetProperty("score");
        Assert.Equal(100m, score.GetProperty("total").GetDecimal());
        Assert.Equal("优", score.GetProperty("grade").GetString());

        // A typed score on a quantitative indicator is refused, and nothing of that request is kept.
        var refused = await finance.PutAsJsonAsync(Path_(unit, "/actuals"), new { executed = 1m, indicators = new object[] { new { order = 1, actual = "1场", score = 3m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(5_000_000m, await app.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id).Select(t => t.Executed).SingleAsync()));

        // The ratings export carries the 部门整体 row beside the projects.
        var auditor = await app.BearerClientAsync(Roles.Auditor, null);
        var csv = await (await auditor.GetAsync($"/api/v1/exports/ratings?year={Year}&unit={unit.Code}&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("类型", csv, StringComparison.Ordinal);
        Assert.Contains("部门整体支出", csv, StringComparison.Ordinal);
        var json = await (await auditor.GetAsync($"/api/v1/exports/ratings?year={Year}&unit={unit.Code}&format=json")).JsonAsync();
        var department = Assert.Single(json.GetProperty("departmentTables").EnumerateArray());
        Assert.Equal("部门整体", department.GetProperty("kind").GetString());
        Assert.Equal(100m, department.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task The_json_export_carries_the_table_and_it_imports_back_the_same()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var first = await (await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", SampleFor(unit))))).JsonAsync();

        var exported = await finance.GetByteArrayAsync($"/api/v1/exports/projects?year={Year}&format=json&unit={unit.Code}");
        Assert.Contains("\"departmentTable\"", Encoding.UTF8.GetString(exported), StringComparison.Ordinal);
        var docx = await finance.GetByteArrayAsync(Path_(unit, "/export?format=docx"));
        var again = await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.docx", docx)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var fromJson = await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("all.json", exported)));
        Assert.Equal(HttpStatusCode.OK, fromJson.StatusCode);

        Assert.Equal(first.GetProperty("table").GetRawText(), (await fromJson.JsonAsync()).GetProperty("table").GetRawText());
    }

    [Fact]
    public async Task An_import_with_an_error_saves_nothing_and_says_where()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var broken = Encoding.UTF8.GetString(SampleFor(unit)).Replace("\t600000.00", "\t六十万", StringComparison.Ordinal);

        var response = await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", Encoding.UTF8.GetBytes(broken))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("errors").GetProperty("files")[0].GetString();
        Assert.Equal("dept.txt 表1 第5行 预算金额: “六十万”不是金额。", error);
        Assert.Null(await StatusAsync(app, unit));
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync(Path_(unit))).StatusCode);
    }

    [Fact]
    public async Task A_document_of_another_unit_is_refused()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);

        var response = await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", SampleFor(other))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Null(await StatusAsync(app, unit));
    }

    [Theory]
    [InlineData(Roles.Finance, "other", "GET", HttpStatusCode.NotFound)]
    [InlineData(Roles.DepartmentHead, "other", "GET", HttpStatusCode.NotFound)]
    [InlineData(Roles.Auditor, "own", "GET", HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, "own", "PUT", HttpStatusCode.Forbidden)]
    [InlineData(Roles.DepartmentHead, "own", "PUT", HttpStatusCode.Forbidden)]
    [InlineData(Roles.DepartmentHead, "own", "SUBMIT", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, "other", "GET", HttpStatusCode.OK)]
    public async Task Access_is_the_projects_access(string role, string scope, string call, HttpStatusCode expected)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", SampleFor(unit))))).StatusCode);
        var client = role == Roles.Admin ? await app.AdminBearerClientAsync() : await app.BearerClientAsync(role, scope == "own" ? unit.Id : other.Id);

        var response = call switch
        {
            "GET" => await client.GetAsync(Path_(unit)),
            "PUT" => await client.PutAsJsonAsync(Path_(unit), new { table = new { unitName = "x" }, version = Guid.NewGuid() }),
            _ => await client.PostAsync(Path_(unit, "/submit"), null),
        };

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_pages_show_import_review_and_score_the_table()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var query = $"unit={unit.Id}&year={Year}";

        // Import through the page (multipart with the antiforgery token).
        var token = await finance.GetAntiforgeryTokenAsync($"/Department/Edit?{query}");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(SampleFor(unit)), "file", "dept.txt" },
        };
        var imported = await finance.PostAsync($"/Department/Edit?handler=Import&{query}", upload);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var show = await finance.GetStringAsync($"/Department/Show?{query}");
        Assert.Contains("部门整体支出绩效目标表", show, StringComparison.Ordinal);
        Assert.Contains("招商推介会场次", show, StringComparison.Ordinal);
        Assert.Contains("5,000,000.00", show, StringComparison.Ordinal);
        var docx = await finance.GetAsync($"/Department/Show?handler=Docx&{query}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);

        // The form saves (and refuses what the domain refuses, saving nothing).
        var edit = await finance.PostFormAsync($"/Department/Edit?{query}", new Dictionary<string, string>
        {
            ["Input.UnitName"] = unit.Name,
            ["Input.OverallGoal"] = "表单填写的目标",
            ["Input.Incomes[0].Source"] = "财政拨款",
            ["Input.Incomes[0].Amount"] = "-5",
            ["Input.Indicators[0].Level1"] = "产出指标",
            ["Input.Indicators[0].Level2"] = "数量指标",
            ["Input.Indicators[0].Name"] = "培训人次",
            ["Input.Indicators[0].Value"] = "≥100人次",
            ["Input.Version"] = (await app.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id).Select(t => t.Version).SingleAsync())).ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("不能为负数", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(8, await app.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id).Select(t => t.Indicators.Count).SingleAsync()));

        var submitted = await finance.PostFormAsync($"/Department/Show?{query}", new Dictionary<string, string> { ["unit"] = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Department/Show?handler=Submit&{query}");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains($"/Review/Department?unit={unit.Id}", await head.GetStringAsync("/Review"), StringComparison.Ordinal);

        var forbidden = await finance.PostFormAsync($"/YearEnd?{query}", new Dictionary<string, string> { ["Input.Decision"] = "Approve" }, $"/Review/Department?{query}");
        Assert.Contains("/Account/AccessDenied", forbidden.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Submitted, await StatusAsync(app, unit));
        var returned = await head.PostFormAsync($"/Review/Department?{query}", new Dictionary<string, string> { ["Input.Decision"] = "Return" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains("退回原因", await returned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var approved = await head.PostFormAsync($"/Review/Department?{query}", new Dictionary<string, string> { ["Input.Decision"] = "Approve", ["Input.Comment"] = "同意" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ProjectStatus.Approved, await StatusAsync(app, unit));

        var actuals = await finance.PostFormAsync($"/Department/Actuals?{query}", new Dictionary<string, string>
        {
            ["Input.Executed"] = "2500000",
            ["Input.Indicators[0].Order"] = "1",
            ["Input.Indicators[0].Actual"] = "4场",
        });
        Assert.Equal(HttpStatusCode.Redirect, actuals.StatusCode);
        var yearEnd = await finance.GetStringAsync($"/YearEnd?{query}");
        Assert.Contains("部门整体自评", yearEnd, StringComparison.Ordinal);
        Assert.Contains("id=\"department-rating-score\"", yearEnd, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"department-rating-score\">—", yearEnd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_table_is_adjusted_with_a_reason_through_the_api_and_the_page_and_goes_through_review_again()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, unit.Id);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(Path_(unit, "/import"), ApiClients.Files(("dept.txt", SampleFor(unit))))).StatusCode);

        // Only an approved table is adjusted (409 otherwise), by finance of its unit only, with a reason.
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsJsonAsync(Path_(unit, "/adjust"), new { reason = "追加预算" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(Path_(unit, "/submit"), null)).StatusCode);
        var approved = await head.PostAsJsonAsync(Path_(unit, "/decide"), new { approve = true });
        Assert.DoesNotContain("adjust", (await approved.JsonAsync()).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("adjust", (await (await finance.GetAsync(Path_(unit))).JsonAsync()).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync(Path_(unit, "/adjust"), new { reason = "追加预算" })).StatusCode);
        var stranger = await app.BearerClientAsync(Roles.Finance, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(Path_(unit, "/adjust"), new { reason = "追加预算" })).StatusCode);
        var noReason = await finance.PostAsJsonAsync(Path_(unit, "/adjust"), new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(ProjectStatus.Approved, await StatusAsync(app, unit));

        var adjusted = await finance.PostAsJsonAsync(Path_(unit, "/adjust"), new { reason = "年中追加预算" });
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        var detail = await adjusted.JsonAsync();
        Assert.Equal("Draft", detail.GetProperty("status").GetString());
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("年中追加预算", last.GetProperty("comment").GetString());
        Assert.Contains("edit", detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.NotNull(await app.WithDbAsync(db => db.DepartmentTables.Where(t => t.UnitId == unit.Id).Select(t => t.ApprovedSnapshot).SingleAsync()));

        // Approved again, then adjusted through the page: the reason is required there too.
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(Path_(unit, "/submit"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync(Path_(unit, "/decide"), new { approve = true })).StatusCode);
        var page = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var query = $"unit={unit.Id}&year={Year}";
        Assert.Contains("id=\"adjust-department\"", await page.GetStringAsync($"/Department/Show?{query}"), StringComparison.Ordinal);
        var headPage = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        Assert.DoesNotContain("id=\"adjust-department\"", await headPage.GetStringAsync($"/Department/Show?{query}"), StringComparison.Ordinal);
        var form = new Dictionary<string, string> { ["unit"] = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var empty = await page.PostFormAsync($"/Department/Show?{query}", form, $"/Department/Show?handler=Adjust&{query}");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("请填写调整原因", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Approved, await StatusAsync(app, unit));
        form["Adjust.Reason"] = "指标值调整";
        var posted = await page.PostFormAsync($"/Department/Show?{query}", form, $"/Department/Show?handler=Adjust&{query}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(ProjectStatus.Draft, await StatusAsync(app, unit));
        Assert.Contains("指标值调整", await page.GetStringAsync($"/Department/Show?{query}"), StringComparison.Ordinal);
    }
}
