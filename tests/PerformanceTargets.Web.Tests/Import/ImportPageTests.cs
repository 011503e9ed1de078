using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Import;

/// <summary>The upload page and the download handler: real multipart posts as real users, all or nothing, unit-scoped.</summary>
public abstract class ImportPageTests(AppFixture fixture)
{
    private const string SeedUnit = "631001";

    [Fact]
    public async Task Finance_of_the_unit_uploads_the_seed_and_sees_what_was_added()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var unitId = await EnsureSeedUnitAsync(app);
        var client = await app.ClientAsAsync(Roles.Finance, unitId);

        var response = await UploadAsync(client, year, ("seed.txt", await File.ReadAllBytesAsync(Seed.Path)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入完成", html, StringComparison.Ordinal);
        Assert.Contains("新增 6", html, StringComparison.Ordinal);
        Assert.Equal(5, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));

        var again = await (await UploadAsync(client, year, ("seed.txt", await File.ReadAllBytesAsync(Seed.Path)))).Content.ReadAsStringAsync();
        Assert.Contains("新增 0，修改 0，未变 6", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_of_another_province_is_previewed_then_written_into_the_chosen_unit_with_a_fixed_code()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var unitCode = "HN" + year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var table = await File.ReadAllBytesAsync(Seed.Province("hunan-ningxiang-2021"));

        var preview = await UploadAsync(admin, year, ("坝塘镇.txt", table), dryRun: true, unitCode: unitCode, unitName: "宁乡市坝塘镇人民政府");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var generated = PerformanceTargets.Documents.Parsing.PlanDocumentParser.GeneratedCode(unitCode, year, "镇域内基础设施建设");
        Assert.Contains(generated + "（临时）", html, StringComparison.Ordinal);
        Assert.Contains("没有资金支出计划", html, StringComparison.Ordinal);
        Assert.Contains("未识别的标签：联系电目起止时间", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"indicator-count\">8</td>", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));
        var previewToken = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Token\" value=\"([0-9A-F]+)\"").Groups[1].Value;
        Assert.NotEmpty(previewToken);

        var token = await admin.GetAntiforgeryTokenAsync("/Import");
        using var confirm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Token"] = previewToken,
            ["Input.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.UnitCode"] = unitCode,
            ["Input.UnitName"] = "宁乡市坝塘镇人民政府",
            ["Input.Fixes[0].From"] = generated,
            ["Input.Fixes[0].To"] = "430182-JC-01",
        });
        var written = await admin.PostAsync("/Import?handler=Confirm", confirm);
        var result = await written.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Contains("导入完成", result, StringComparison.Ordinal);
        var project = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Year == year));
        Assert.Equal(("430182-JC-01", false), (project.Code, project.CodeProvisional));
        Assert.Equal("宁乡市坝塘镇人民政府", await app.WithDbAsync(db => db.Units.Where(u => u.Code == unitCode).Select(u => u.Name).SingleAsync()));

        var replay = await admin.PostAsync("/Import?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Token"] = previewToken, ["Input.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Contains("预览已过期或不存在", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_without_writing()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var html = await (await UploadAsync(admin, year, ("seed.txt", await File.ReadAllBytesAsync(Seed.Path)), dryRun: true)).Content.ReadAsStringAsync();

        Assert.Contains("试导入结果（未写入）", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));
    }

    [Fact]
    public async Task A_broken_document_is_refused_with_a_located_error_table_and_nothing_written()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var text = (await File.ReadAllTextAsync(Seed.Path)).Replace("\t13030321EYP6WRB8KOFGQ\n", "\t\n", StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await UploadAsync(admin, year, ("broken.txt", System.Text.Encoding.UTF8.GetBytes(text)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("导入失败，未写入任何数据", html, StringComparison.Ordinal);
        Assert.Contains("<td>broken.txt</td>", html, StringComparison.Ordinal);
        Assert.Contains("项目编码", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Finance_of_another_unit_cannot_import_this_units_document()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var other = await app.CreateUnitAsync();
        var client = await app.ClientAsAsync(Roles.Finance, other.Id);

        var response = await UploadAsync(client, year, ("seed.txt", await File.ReadAllBytesAsync(Seed.Path)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("您只能导入本单位", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.DepartmentHead)]
    public async Task Readers_and_reviewers_cannot_open_the_import_page(string role)
    {
        var app = await fixture.GetAsync();
        var client = await app.ClientAsAsync(role, await EnsureSeedUnitAsync(app));

        var response = await client.GetAsync("/Import");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_are_unit_scoped_and_open_as_documents()
    {
        var app = await fixture.GetAsync();
        var year = NextYear();
        var unitId = await EnsureSeedUnitAsync(app);
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await UploadAsync(admin, year, ("seed.txt", await File.ReadAllBytesAsync(Seed.Path)));

        var finance = await app.ClientAsAsync(Roles.Finance, unitId);
        var docx = await finance.GetAsync($"/Export?unit={unitId}&year={year}&format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        var reread = PerformanceTargets.Documents.PlanDocuments.ReadDocx(bytes, "download.docx", year);
        Assert.True(reread.Succeeded, string.Join("; ", reread.Errors));
        Assert.Equal(5, reread.Document!.Units[0].Projects.Count);

        var stranger = await app.ClientAsAsync(Roles.Finance, (await app.CreateUnitAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Export?unit={unitId}&year={year}&format=json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Export?year={year}&format=json")).StatusCode);

        var auditor = await app.ClientAsAsync(Roles.Auditor, null);
        var json = await auditor.GetStringAsync($"/Export?year={year}&format=json");
        Assert.Contains("1303032113FG3ZE1SGQAM", json, StringComparison.Ordinal);
    }

    private static int _year = 2040;

    private static int NextYear() => Interlocked.Increment(ref _year);

    private static async Task<int> EnsureSeedUnitAsync(AppFactory app) => await app.WithDbAsync(async db =>
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == SeedUnit);
        if (unit is null)
        {
            unit = new Unit(SeedUnit, "秦皇岛市山海关区临港经济开发区发展中心本级");
            db.Units.Add(unit);
            await db.SaveChangesAsync();
        }

        return unit.Id;
    });

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int year, (string Name, byte[] Content) file, bool dryRun = false, string? unitCode = null, string? unitName = null)
    {
        var token = await client.GetAntiforgeryTokenAsync("/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Year" },
            { new StringContent(dryRun ? "true" : "false"), "Input.DryRun" },
        };
        if (unitCode is not null)
        {
            form.Add(new StringContent(unitCode), "Input.UnitCode");
            form.Add(new StringContent(unitName ?? string.Empty), "Input.UnitName");
        }

        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "Input.Files", file.Name);
        return await client.PostAsync("/Import", form);
    }
}

public sealed class SqliteImportPageTests(SqliteAppFixture fixture) : ImportPageTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresImportPageTests(PostgresAppFixture fixture) : ImportPageTests(fixture), IClassFixture<PostgresAppFixture>;
