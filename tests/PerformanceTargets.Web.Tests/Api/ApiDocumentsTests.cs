using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Api;

/// <summary>Imports and exports through the API, in the verbs' formats, and the indicator library they feed.</summary>
public abstract class ApiDocumentsTests(AppFixture fixture)
{
    [Fact]
    public async Task The_dry_run_returns_the_preview_of_a_table_without_codes()
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();
        var table = await File.ReadAllBytesAsync(Seed.Province("hubei-ezhou-2022"));

        var dry = await admin.PostAsync("/api/v1/imports?year=2072&dryRun=true&unit=HB2072&unitName=%E9%84%82%E5%B7%9E%E6%B5%8B%E8%AF%95", ApiClients.Files(("鄂州.txt", table)));

        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var project = Assert.Single((await dry.JsonAsync()).GetProperty("projects").EnumerateArray().ToList());
        Assert.Equal(PerformanceTargets.Documents.Parsing.PlanDocumentParser.GeneratedCode("HB2072", 2072, "滨湖大胆办公大楼运行保障"), project.GetProperty("code").GetString());
        Assert.True(project.GetProperty("codeProvisional").GetBoolean());
        Assert.True(project.GetProperty("fundsSplitUnknown").GetBoolean());
        Assert.Equal(6, project.GetProperty("indicators").GetInt32());
        Assert.Contains(project.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("构成未知", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == 2072)));
    }

    [Fact]
    public async Task The_seed_imports_exports_in_every_format_and_its_json_reimports_unchanged()
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();
        var seed = await File.ReadAllBytesAsync(Seed.Path);

        var dry = await admin.PostAsync("/api/v1/imports?year=2021&dryRun=true", ApiClients.Files(("seed.txt", seed)));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.True((await dry.JsonAsync()).GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == 2021)));

        var imported = await admin.PostAsync("/api/v1/imports?year=2021", ApiClients.Files(("seed.txt", seed)));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = await imported.JsonAsync();
        Assert.Equal(7, report.GetProperty("added").GetArrayLength());
        Assert.Equal(45, await app.WithDbAsync(db => db.Projects.Where(p => p.Year == 2021).SelectMany(p => p.Indicators).CountAsync()));

        var json = await admin.GetAsync("/api/v1/exports/projects?year=2021&format=json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var exported = await json.Content.ReadAsByteArrayAsync();
        using (var document = JsonDocument.Parse(exported))
        {
            Assert.Equal(2021, document.RootElement.GetProperty("year").GetInt32());
            Assert.Equal(5, document.RootElement.GetProperty("units").EnumerateArray().Sum(u => u.GetProperty("projects").GetArrayLength()));
        }

        var again = await admin.PostAsync("/api/v1/imports", ApiClients.Files(("export.json", exported)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.JsonAsync();
        Assert.Equal(0, second.GetProperty("added").GetArrayLength());
        Assert.Equal(0, second.GetProperty("changed").GetArrayLength());
        Assert.Equal(6, second.GetProperty("unchanged").GetArrayLength()); // the plan and the five projects

        var text = await admin.GetAsync("/api/v1/exports/projects?year=2021&format=txt");
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Contains("综合政务管理业务费", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var docx = await admin.GetAsync("/api/v1/exports/projects?year=2021&format=docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await docx.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/exports/projects?year=2021&format=pdf")).StatusCode);
    }

    [Fact]
    public async Task A_broken_document_answers_422_with_located_errors_and_writes_nothing()
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();
        var broken = File.ReadAllText(Seed.Path).Replace("≥90百分比", string.Empty, StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/v1/imports?year=2039", ApiClients.Files(("broken.txt", System.Text.Encoding.UTF8.GetBytes(broken))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.False(report.GetProperty("succeeded").GetBoolean());
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith("broken.txt 表", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == 2039)));
    }

    [Fact]
    public async Task Finance_imports_only_their_own_unit_and_a_json_status_does_not_skip_the_review()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var other = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        string Document(string unitCode, string code) => $$"""
            { "year": 2038, "units": [ { "code": "{{unitCode}}", "name": "单位", "projects": [ { "code": "{{code}}", "name": "项目", "budget": 100, "fiscalFunds": 100, "otherFunds": 0,
              "status": "Approved", "spendingPlan": [ {"month": 12, "cumulativePercent": 100} ], "goals": ["目标"],
              "indicators": [ { "level1": "产出指标", "level2": "数量指标", "name": "API导入指标{{code}}", "value": "≥1个" } ] } ] } ] }
            """;
        var code = "J" + Guid.NewGuid().ToString("N")[..10];

        var refused = await finance.PostAsync("/api/v1/imports", ApiClients.Files(("other.json", System.Text.Encoding.UTF8.GetBytes(Document(other.Code, code)))));
        var own = await finance.PostAsync("/api/v1/imports", ApiClients.Files(("own.json", System.Text.Encoding.UTF8.GetBytes(Document(unit.Code, code)))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var project = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Code == code));
        Assert.Equal((unit.Id, ProjectStatus.Draft), (project.UnitId, project.Status));
        var candidate = await app.WithDbAsync(db => db.LibraryIndicators.SingleAsync(e => e.Name == "API导入指标" + code));
        Assert.Equal((LibraryStatus.Candidate, "≥", "个"), (candidate.Status, candidate.Comparator, candidate.MeasureUnit));
    }

    [Fact]
    public async Task Actuals_import_through_the_api_and_the_ratings_download_in_every_verb_format()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var admin = await app.AdminBearerClientAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var code = "R" + Guid.NewGuid().ToString("N")[..10];
        var plan = $$"""
            { "year": 2037, "units": [ { "code": "{{unit.Code}}", "name": "{{unit.Name}}", "projects": [ { "code": "{{code}}", "name": "评分项目", "budget": 100, "fiscalFunds": 100, "otherFunds": 0,
              "spendingPlan": [ {"month": 3, "cumulativePercent": 25}, {"month": 6, "cumulativePercent": 50}, {"month": 10, "cumulativePercent": 75}, {"month": 12, "cumulativePercent": 100} ], "goals": ["目标"],
              "indicators": [ { "level1": "产出指标", "level2": "数量指标", "name": "完成数量", "value": "≥2个", "basis": "年度工作计划" } ] } ] } ] }
            """;
        var actuals = $$"""{ "year": 2037, "projects": [ { "code": "{{code}}", "executed": 100, "indicators": [ { "name": "完成数量", "actual": "2个" } ] } ] }""";

        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync("/api/v1/imports", ApiClients.Files(("plan.json", System.Text.Encoding.UTF8.GetBytes(plan))))).StatusCode);
        // Only approved projects take actuals (BudgetProject.CanTakeActuals): the head approves the imported draft first.
        await app.WithDbAsync(async db =>
        {
            var imported = await db.Projects.SingleAsync(p => p.Code == code);
            imported.Submit("finance@test.local", DateTimeOffset.UtcNow);
            imported.Approve("head@test.local", DateTimeOffset.UtcNow, null, "{}");
            return await db.SaveChangesAsync();
        });
        var wrongEndpoint = await finance.PostAsync("/api/v1/imports", ApiClients.Files(("actuals.json", System.Text.Encoding.UTF8.GetBytes(actuals))));
        Assert.Equal(HttpStatusCode.BadRequest, wrongEndpoint.StatusCode);
        var recorded = await finance.PostAsync("/api/v1/imports/actuals", ApiClients.Files(("actuals.json", System.Text.Encoding.UTF8.GetBytes(actuals))));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(1, (await recorded.JsonAsync()).GetProperty("projects").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync($"/api/v1/exports/ratings?year=2037&unit={unit.Code}")).StatusCode);
        var json = await admin.GetAsync($"/api/v1/exports/ratings?year=2037&unit={unit.Code}&format=json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Contains(code, await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csv = await admin.GetAsync($"/api/v1/exports/ratings?year=2037&unit={unit.Code}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await admin.GetAsync($"/api/v1/exports/ratings?year=2037&format=xlsx");
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/exports/ratings?year=2037&format=docx")).StatusCode);
    }

    [Fact]
    public async Task The_audit_trail_exports_as_json_and_csv_for_auditors_only()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        await app.CreateProjectAsync(unit.Id);
        var auditor = await app.BearerClientAsync(Roles.Auditor, null);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);

        var json = await auditor.GetAsync($"/api/v1/exports/audit?unit={unit.Code}");
        var csv = await auditor.GetAsync($"/api/v1/exports/audit?unit={unit.Code}&format=csv");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var entries = await json.JsonAsync();
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("entityType").GetString() == "BudgetProject" && e.GetProperty("action").GetString() == "Created");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"BudgetProject\",", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/v1/exports/audit")).StatusCode);
    }

    /// <summary>
    /// One audit export serves the page and the API: the same filter gives the same csv, columns in Chinese, times in China
    /// time with the offset stated; the JSON's times carry +08:00 too, and the API offers the page's xlsx.
    /// </summary>
    [Fact]
    public async Task The_audit_page_and_the_api_download_one_format_in_china_time()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        await app.CreateProjectAsync(unit.Id);
        var api = await app.BearerClientAsync(Roles.Auditor, null);
        var page = await app.ClientAsAsync(Roles.Auditor, null);

        var fromApi = await api.GetByteArrayAsync($"/api/v1/exports/audit?unit={unit.Code}&format=csv");
        var fromPage = await page.GetByteArrayAsync($"/Audit?unit={unit.Code}&handler=Csv");
        Assert.Equal(fromPage, fromApi);
        var lines = System.Text.Encoding.UTF8.GetString(fromApi[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"时间（北京时间）\",\"用户\",\"动作\",\"来源\"", lines[0], StringComparison.Ordinal);
        Assert.Matches("^\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00\",", lines[1]);

        var json = await (await api.GetAsync($"/api/v1/exports/audit?unit={unit.Code}")).JsonAsync();
        Assert.All(json.EnumerateArray(), e => Assert.EndsWith("+08:00", e.GetProperty("at").GetString(), StringComparison.Ordinal));

        var xlsx = await api.GetAsync($"/api/v1/exports/audit?unit={unit.Code}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(lines.Length - 1, rows.Count);
        Assert.Equal(unit.Code, rows[0]["单位编码"]?.ToString());
    }
}

public sealed class SqliteApiDocumentsTests(SqliteAppFixture fixture) : ApiDocumentsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresApiDocumentsTests(PostgresAppFixture fixture) : ApiDocumentsTests(fixture), IClassFixture<PostgresAppFixture>;
