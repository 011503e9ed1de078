using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Admin;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Monitoring;

/// <summary>
/// 绩效运行监控 through the pages: the admin opens a round, Finance fills and submits a project's entry (the mandatory
/// deviation explanation refused with a located error), the head approves or returns, the overview and the .xlsx show the
/// lights, the template imports all or nothing, and other units' users never see it. Each test opens its own period.
/// </summary>
public abstract class MonitoringPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task The_admin_opens_a_round_once_and_closes_it()
    {
        var app = await fixture.GetAsync();
        var admin = await AdminClient.SignedInAsync(app);
        var form = new Dictionary<string, string> { ["Input.Year"] = "2040", ["Input.EndMonth"] = "7", ["Input.Deadline"] = "2040-08-10" };

        var opened = await admin.PostFormAsync("/Admin/MonitoringRounds", form, "/Admin/MonitoringRounds?handler=Open");
        Assert.True(opened.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(opened));
        Assert.Contains("已开启2040年1–7月绩效运行监控，填报截止 2040-08-10。", await admin.GetStringAsync("/Admin/MonitoringRounds"), StringComparison.Ordinal);

        var again = await admin.PostFormAsync("/Admin/MonitoringRounds", form, "/Admin/MonitoringRounds?handler=Open");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("2040年1–7月的运行监控已开启过，不能重复开启。", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.MonitoringRounds.Where(r => r.Year == 2040).Select(r => r.Id).SingleAsync());
        var closed = await admin.PostFormAsync("/Admin/MonitoringRounds", new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/Admin/MonitoringRounds?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MonitoringRounds.Where(r => r.Id == id).Select(r => r.IsOpen).SingleAsync()));
    }

    [Theory]
    [InlineData("13", "监控期间应为 1–m 月，m 在 1–12 之间。")]
    [InlineData("", "请选择监控期间（1–m 月）。")]
    public async Task A_period_outside_1_to_12_is_refused(string month, string message)
    {
        var app = await fixture.GetAsync();
        var admin = await AdminClient.SignedInAsync(app);
        var response = await admin.PostFormAsync("/Admin/MonitoringRounds",
            new Dictionary<string, string> { ["Input.Year"] = "2041", ["Input.EndMonth"] = month, ["Input.Deadline"] = "2041-08-10" }, "/Admin/MonitoringRounds?handler=Open");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_fills_and_submits_the_head_approves_and_the_overview_shows_the_lights()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(6);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Monitoring/Entry/{round.Id}/{project.Id}";

        var page = await finance.GetStringAsync(path);
        Assert.Contains("未填报", page, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.AnnualBudget\"[^>]*value=\"2000000", page); // prefilled with the project's budget

        // 购置率 10% of ≥90 at 6月 is far behind (red): submitting without an explanation is refused, located.
        var refused = await finance.PostAsync(path, MonitoringData.EntryForm("10%"), path + "?handler=Submit");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("第1行指标“购置率”.纠偏措施：指标为红灯，请填写纠偏措施。", html, StringComparison.Ordinal);
        var saved = await app.EntryAsync(round.Id, project.Id);
        Assert.NotNull(saved); // the figures were saved as a draft
        Assert.Equal(MonitoringStatus.Draft, saved.Status);
        Assert.Equal(1_000_000m, saved.ExecutedToDate);

        var submitted = await finance.PostAsync(path, MonitoringData.EntryForm("10%", "Possible", ["Funding", "Staff"], "资金未到位", "加快拨付"), path + "?handler=Submit");
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(submitted));
        var entry = await app.EntryAsync(round.Id, project.Id);
        Assert.Equal(MonitoringStatus.Submitted, entry!.Status);
        Assert.Equal(DeviationCause.Funding | DeviationCause.Staff, entry.Indicators.Single(i => i.Order == 1).Causes);

        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var approved = await head.PostAsync(path, [new("Decision.Decision", "Approve"), new("Decision.Comment", "同意")], path + "?handler=Decide");
        Assert.True(approved.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(approved));
        Assert.Equal(MonitoringStatus.Approved, (await app.EntryAsync(round.Id, project.Id))!.Status);
        var trail = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ProjectMonitoring" && a.UnitCode == unit.Code).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Created", "Updated", "StatusChanged", "StatusChanged"], trail); // saved, saved again, submitted, approved

        var overview = await head.GetStringAsync($"/Monitoring/Round/{round.Id}");
        Assert.Contains(project.Code, overview, StringComparison.Ordinal);
        Assert.Contains("已审核", overview, StringComparison.Ordinal);
        Assert.Contains("红灯", overview, StringComparison.Ordinal); // the project shows its worst light

        var docx = await head.GetAsync(path + "?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("项目支出绩效监控表", text, StringComparison.Ordinal);
            Assert.Contains("截至期末执行数", text, StringComparison.Ordinal);
            Assert.Contains("加快拨付", text, StringComparison.Ordinal); // 纠偏措施
            Assert.Contains("1,000,000.00", text, StringComparison.Ordinal);
        }

        var dashboard = await head.GetStringAsync("/Dashboard");
        Assert.Contains("绩效运行监控（项目监控灯）", dashboard, StringComparison.Ordinal);
        Assert.Contains(unit.Code, dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_finance_cannot_decide()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(5);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Monitoring/Entry/{round.Id}/{project.Id}";
        var submitted = await finance.PostAsync(path, MonitoringData.EntryForm("40%"), path + "?handler=Submit");
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(submitted));

        var byFinance = await finance.PostAsync(path, [new("Decision.Decision", "Approve")], path + "?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, byFinance.StatusCode);
        Assert.Contains("/Account/AccessDenied", byFinance.Headers.Location?.ToString(), StringComparison.Ordinal);

        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var noReason = await head.PostAsync(path, [new("Decision.Decision", "Return"), new("Decision.Comment", "")], path + "?handler=Decide");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("退回时必须填写退回原因。", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var returned = await head.PostAsync(path, [new("Decision.Decision", "Return"), new("Decision.Comment", "请核实执行数")], path + "?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Contains("退回原因：请核实执行数", await finance.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_units_get_404_the_auditor_reads_but_cannot_write_and_a_head_cannot_fill()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var round = await app.CreateRoundAsync(4);
        var path = $"/Monitoring/Entry/{round.Id}/{project.Id}";

        var stranger = await app.ClientAsAsync(Roles.Finance, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Monitoring/Round/{round.Id}?unit={unit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Monitoring/Round/{round.Id}?handler=Xlsx&unit={unit.Id}")).StatusCode);
        Assert.DoesNotContain(project.Code, await stranger.GetStringAsync($"/Monitoring/Round/{round.Id}"), StringComparison.Ordinal);

        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(path)).StatusCode);
        var write = await auditor.PostAsync(path, MonitoringData.EntryForm());
        Assert.Equal(HttpStatusCode.Redirect, write.StatusCode);
        Assert.Contains("/Account/AccessDenied", write.Headers.Location?.ToString(), StringComparison.Ordinal);

        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var fill = await head.PostAsync(path, MonitoringData.EntryForm());
        Assert.Contains("/Account/AccessDenied", fill.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Null(await app.EntryAsync(round.Id, project.Id));
    }

    [Fact]
    public async Task The_unit_xlsx_is_the_template_and_its_import_is_all_or_nothing_with_located_errors()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var draft = await app.CreateProjectAsync(unit.Id, ProjectStatus.Draft);
        var round = await app.CreateRoundAsync(3);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var download = await finance.GetAsync($"/Monitoring/Round/{round.Id}?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(bytes))
        {
            var funds = stream.Query(useHeaderRow: true, sheetName: "项目资金").Cast<IDictionary<string, object?>>().ToList();
            var only = Assert.Single(funds); // the draft project does not report
            Assert.Equal(project.Code, only["项目编码"]);
            Assert.Equal("未填报", only["状态"]);
            Assert.Equal(2_000_000d, Convert.ToDouble(only["年初预算数"], System.Globalization.CultureInfo.InvariantCulture));
        }

        using (var stream = new MemoryStream(bytes))
        {
            Assert.Equal(5, stream.Query(useHeaderRow: true, sheetName: "绩效指标").Count());
        }

        Assert.DoesNotContain(draft.Code, await finance.GetStringAsync($"/Monitoring/Round/{round.Id}"), StringComparison.Ordinal);

        // A JSON with one good row and one red row without explanation: nothing is written, the error is located.
        var json = $$"""
            { "year": 2031, "endMonth": 3, "projects": [ { "code": "{{project.Code}}", "executedToDate": 500000, "expectedFullYear": 2000000, "indicators": [
                { "row": 1, "name": "购置率", "completedToDate": "1%", "expectedFullYear": "90%", "likelihood": "确定能" },
                { "row": 2, "name": "综合业务管理工作完成率", "completedToDate": "25%", "expectedFullYear": "90%", "likelihood": "确定能" },
                { "row": 3, "completedToDate": "达成", "expectedFullYear": "达成" },
                { "row": 4, "completedToDate": "达成", "expectedFullYear": "达成" },
                { "row": 5, "completedToDate": "95%", "expectedFullYear": "95%" } ] } ] }
            """;
        var bad = await ImportAsync(finance, round.Id, "monitoring.json", System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains($"monitoring.json $.projects[0]（项目 {project.Code}） 第1行指标“购置率”.纠偏措施：指标为红灯，请填写纠偏措施。", badHtml, StringComparison.Ordinal);
        Assert.Null(await app.EntryAsync(round.Id, project.Id));

        var good = json.Replace("\"completedToDate\": \"1%\", \"expectedFullYear\": \"90%\", \"likelihood\": \"确定能\"",
            "\"completedToDate\": \"1%\", \"expectedFullYear\": \"90%\", \"likelihood\": \"有可能\", \"causes\": [\"经费保障\"], \"deviationNote\": \"资金未到位\", \"correctiveMeasures\": \"加快拨付\"", StringComparison.Ordinal);
        var imported = await ImportAsync(finance, round.Id, "monitoring.json", System.Text.Encoding.UTF8.GetBytes(good));
        Assert.True(imported.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(imported));
        var entry = await app.EntryAsync(round.Id, project.Id);
        Assert.Equal(500_000m, entry!.ExecutedToDate);
        Assert.Equal(Domain.Rules.Likelihood.Possible, entry.Indicators.Single(i => i.Order == 1).Likelihood);

        // The exported workbook imports back unchanged (a round trip), and a changed row name is a located error.
        var filled = await (await finance.GetAsync($"/Monitoring/Round/{round.Id}?handler=Xlsx")).Content.ReadAsByteArrayAsync();
        var roundTrip = await ImportAsync(finance, round.Id, "filled.xlsx", filled);
        Assert.True(roundTrip.StatusCode == HttpStatusCode.Redirect, await MonitoringData.DescribeAsync(roundTrip));
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, int roundId, string name, byte[] content)
    {
        var token = await client.GetAntiforgeryTokenAsync($"/Monitoring/Round/{roundId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload.File", name },
        };
        return await client.PostAsync($"/Monitoring/Round/{roundId}?handler=Import", form);
    }
}

public sealed class SqliteMonitoringPagesTests(SqliteAppFixture fixture) : MonitoringPagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMonitoringPagesTests(PostgresAppFixture fixture) : MonitoringPagesTests(fixture), IClassFixture<PostgresAppFixture>;
