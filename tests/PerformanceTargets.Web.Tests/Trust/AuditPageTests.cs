using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>
/// The audit trail through the real pages and verbs: imports and workflow steps are recorded with their user and
/// operation; Auditors browse and download it by unit, project, user and date; nothing in the app can change it.
/// </summary>
public abstract partial class AuditPageTests(AppFixture fixture)
{
    [Fact]
    public async Task Workflow_steps_through_the_pages_are_recorded_with_the_user_who_made_them()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var financeEmail = await app.CreateUserAsync(Roles.Finance, unit.Id);
        var headEmail = await app.CreateUserAsync(Roles.DepartmentHead, unit.Id);
        var finance = app.CreateBrowserLikeClient();
        await finance.LoginAsync(financeEmail, WorkbenchData.Password);
        var head = app.CreateBrowserLikeClient();
        await head.LoginAsync(headEmail, WorkbenchData.Password);

        await Post(finance, $"/Projects/Details/{project.Id}?handler=Submit", []);
        await Post(head, $"/Review/Decide/{project.Id}", new() { ["Input.Decision"] = "Return", ["Input.Comment"] = "请补充测算依据" });

        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ProjectCode == project.Code && a.Action == "StatusChanged").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([financeEmail, headEmail], entries.Select(e => e.UserName));
        Assert.Contains("\"Status\":\"Submitted\"", entries[0].After, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Returned\"", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("请补充测算依据", entries[1].After, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Equal(unit.Code, e.UnitCode));
    }

    [Fact]
    public async Task An_import_through_the_upload_page_and_one_through_the_verb_are_recorded_with_their_operation()
    {
        var app = await fixture.GetAsync();
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var year = 2061 + (fixture.Provider == PerformanceTargets.Web.Infrastructure.Data.DatabaseProvider.Sqlite ? 0 : 1);

        var token = await admin.GetAntiforgeryTokenAsync("/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Year" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Seed.Path)), "Input.Files", "seed-upload.txt" },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/Import", form)).StatusCode);

        var uploaded = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Year == year && a.EntityType == "BudgetProject").ToListAsync());
        Assert.Equal(5, uploaded.Count);
        Assert.All(uploaded, e => Assert.Equal(("Created", AppFactory.AdminEmail, "import seed-upload.txt"), (e.Action, e.UserName, e.Operation)));

        var verbYear = year + 10;
        var verb = await VerbRunner.RunAsync(app.Database, "import", Seed.Path, "--year", verbYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, verb.ExitCode);
        var imported = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Year == verbYear && a.EntityType == "BudgetProject").ToListAsync());
        Assert.Equal(5, imported.Count);
        Assert.All(imported, e => Assert.StartsWith("cli:", e.UserName, StringComparison.Ordinal));
        Assert.All(imported, e => Assert.Equal("import " + Path.GetFileName(Seed.Path), e.Operation));
    }

    [Fact]
    public async Task An_auditor_filters_by_unit_project_user_and_date_and_pages_through()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var projects = new List<BudgetProject>();
        for (var k = 0; k < 3; k++)
        {
            projects.Add(await app.CreateProjectAsync(unit.Id));
        }

        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("共 3 条记录", await auditor.GetStringAsync($"/Audit?unit={unit.Code}"), StringComparison.Ordinal);
        Assert.Contains("共 3 条记录", await auditor.GetStringAsync($"/Audit?unit={unit.Code}&from={today}&to={today}"), StringComparison.Ordinal);
        Assert.Contains("共 0 条记录", await auditor.GetStringAsync($"/Audit?unit={unit.Code}&to={yesterday}"), StringComparison.Ordinal);
        Assert.Contains("共 0 条记录", await auditor.GetStringAsync($"/Audit?unit={unit.Code}&user=nobody-at-all"), StringComparison.Ordinal);
        var one = await auditor.GetStringAsync($"/Audit?unit={unit.Code}&project={projects[1].Code}&user=system");
        Assert.Contains("共 1 条记录", one, StringComparison.Ordinal);
        Assert.Contains(projects[1].Code, one, StringComparison.Ordinal);
        Assert.DoesNotContain(projects[0].Code, one, StringComparison.Ordinal);

        var bad = await auditor.GetAsync($"/Audit?from={today}&to={yesterday}");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Paging: 50 a page, newest first.
        var total = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        if (total > 50)
        {
            var page2 = await auditor.GetStringAsync("/Audit?p=2");
            Assert.Contains($"第 2 / {(total + 49) / 50} 页", page2, StringComparison.Ordinal);
        }

        var newest = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        Assert.Contains($"data-id=\"{newest}\"", await auditor.GetStringAsync("/Audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_downloads_as_csv_and_xlsx_with_the_same_filter()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var a = await app.CreateProjectAsync(unit.Id);
        var b = await app.CreateProjectAsync(unit.Id);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var csv = await auditor.GetAsync($"/Audit?unit={unit.Code}&handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"时间（北京时间）\",\"用户\"", lines[0], StringComparison.Ordinal);
        Assert.Contains(a.Code, lines[1], StringComparison.Ordinal);
        Assert.Contains(b.Code, lines[2], StringComparison.Ordinal);

        var xlsx = await auditor.GetAsync($"/Audit?unit={unit.Code}&handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(a.Code, rows[0]["项目编码"]?.ToString());
        Assert.Equal("Created", rows[1]["动作"]?.ToString());
        Assert.Contains("购置率", rows[1]["修改后"]?.ToString(), StringComparison.Ordinal);

        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var refused = await finance.GetAsync($"/Audit?unit={unit.Code}&handler=Csv");
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_handler_can_change_the_audit_trail()
    {
        var app = await fixture.GetAsync();

        // The audit pages answer GET only.
        var loader = app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page && page.ViewEnginePath.StartsWith("/Audit", StringComparison.Ordinal))
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                Assert.NotEmpty(compiled.HandlerMethods);
                Assert.All(compiled.HandlerMethods, h => Assert.Equal(HttpMethods.Get, h.HttpMethod, StringComparer.OrdinalIgnoreCase));
            }
        }

        // And no code in the application touches audit entries except to add them (the context refuses updates and
        // deletes; bulk ExecuteUpdate/ExecuteDelete and raw SQL would bypass it, so they must not appear at all).
        var src = Path.Combine(AccessMatrixTests.RepoRoot(), "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = await File.ReadAllTextAsync(file);
            if (AuditWrite().IsMatch(text))
            {
                offenders.Add(file);
            }
        }

        Assert.Empty(offenders);
    }

    private static async Task Post(HttpClient client, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = HttpForms.ExtractAntiforgeryToken(await client.GetStringAsync("/Account/Logout"))!;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex(@"AuditEntries\s*\.\s*(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteDelete|ExecuteUpdate)|(DELETE\s+FROM|UPDATE)\s+""?AuditEntries|Set<AuditEntry>\(\)\s*\.\s*(Remove|Update|Execute)", RegexOptions.IgnoreCase)]
    private static partial Regex AuditWrite();
}

public sealed class SqliteAuditPageTests(SqliteAppFixture fixture) : AuditPageTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAuditPageTests(PostgresAppFixture fixture) : AuditPageTests(fixture), IClassFixture<PostgresAppFixture>;
