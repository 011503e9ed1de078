using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Publishing;

/// <summary>
/// 预算公开 (issue 20 part 2): an admin publishes a unit's approved goal tables of a year and withdraws them, both audited;
/// anyone reads what was published — and only that — in the pages, the API and the .docx package.
/// </summary>
public sealed class PublishingTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly int Year = WorkbenchData.Year;

    private sealed record World(AppFactory App, HttpClient Admin, HttpClient Anonymous, Unit Unit, BudgetProject Approved, BudgetProject Draft, BudgetProject Submitted, BudgetProject Returned);

    private async Task<World> WorldAsync()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        return new World(
            app,
            await app.ClientAsAsync(Roles.Admin, null),
            app.CreateBrowserLikeClient(),
            unit,
            await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved),
            await app.CreateProjectAsync(unit.Id),
            await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted),
            await app.CreateProjectAsync(unit.Id, ProjectStatus.Returned));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, string unitCode, bool withResults = false)
    {
        var token = HttpForms.ExtractAntiforgeryToken(await admin.GetStringAsync($"/Publishing?year={Year}"))!;
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["unit"] = unitCode };
        if (withResults)
        {
            form["withResults"] = "true";
        }

        return await admin.PostAsync($"/Publishing?year={Year}&handler={handler}", new FormUrlEncodedContent(form));
    }

    private static string UnitPath(World w) => $"/public/{Year}/{w.Unit.Code}";

    [Fact]
    public async Task An_admin_publishes_and_withdraws_and_both_are_in_the_audit_trail()
    {
        var w = await WorldAsync();

        var publish = await PostAsync(w.Admin, "Publish", w.Unit.Code);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("已公开", await w.Admin.GetStringAsync($"/Publishing?year={Year}"), StringComparison.Ordinal);

        var withdraw = await PostAsync(w.Admin, "Withdraw", w.Unit.Code);
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);

        var trail = await w.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Publication" && e.UnitCode == w.Unit.Code).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, trail.Count);
        Assert.Equal("Created", trail[0].Action);
        Assert.Equal($"publish {Year} {w.Unit.Code}", trail[0].Operation);
        Assert.StartsWith(AppFactory.AdminEmail.Split('@')[0], trail[0].UserName, StringComparison.Ordinal);
        Assert.Contains("ContentSha256", trail[0].After, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Content\"", trail[0].After, StringComparison.Ordinal);
        Assert.Equal("Updated", trail[1].Action);
        Assert.Equal($"withdraw {Year} {w.Unit.Code}", trail[1].Operation);
        Assert.Contains("WithdrawnAt", trail[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_reads_only_the_approved_tables_without_user_names_or_ids()
    {
        var w = await WorldAsync();
        await PostAsync(w.Admin, "Publish", w.Unit.Code);

        var list = await w.Anonymous.GetStringAsync("/public");
        Assert.Contains(w.Unit.Name, list, StringComparison.Ordinal);

        var response = await w.Anonymous.GetAsync(UnitPath(w));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(w.Approved.Code, html, StringComparison.Ordinal);
        Assert.Contains("class=\"official indicator-table\"", html, StringComparison.Ordinal);
        foreach (var hidden in new[] { w.Draft, w.Submitted, w.Returned })
        {
            Assert.DoesNotContain(hidden.Code, html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await w.Anonymous.GetAsync($"{UnitPath(w)}/{hidden.Code}")).StatusCode);
        }

        var table = await w.Anonymous.GetAsync($"{UnitPath(w)}/{w.Approved.Code}");
        Assert.Equal(HttpStatusCode.OK, table.StatusCode);
        var tableHtml = await table.Content.ReadAsStringAsync();
        foreach (var page in new[] { list, html, tableHtml })
        {
            Assert.DoesNotContain("@", page.Replace("@media", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("test.local", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"/Projects/Details/{w.Approved.Id}", page, StringComparison.Ordinal);
            Assert.DoesNotContain("自评得分", page, StringComparison.Ordinal);
        }

        var api = await w.Anonymous.GetAsync($"/api/v1/public/publications/{Year}/{w.Unit.Code}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadAsStringAsync();
        Assert.Contains(w.Approved.Code, json, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Draft.Code, json, StringComparison.Ordinal);
        Assert.DoesNotContain("test.local", json, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json).RootElement.GetProperty("results").ValueKind);
    }

    [Fact]
    public async Task What_is_unpublished_withdrawn_or_added_later_is_never_reachable_anonymously()
    {
        var w = await WorldAsync();
        var unpublished = await w.App.CreateUnitAsync();
        await w.App.CreateProjectAsync(unpublished.Id, ProjectStatus.Approved);
        await PostAsync(w.Admin, "Publish", w.Unit.Code);

        // Added after publishing, and an edit after publishing: neither reaches the public until published again.
        var later = await w.App.CreateProjectAsync(w.Unit.Id, ProjectStatus.Approved);
        await w.App.WithDbAsync(async db =>
        {
            var project = await db.Projects.Include(p => p.Indicators).FirstAsync(p => p.Id == w.Approved.Id);
            project.Adjust("admin", DateTimeOffset.UtcNow, "调整");
            project.SetBasics(project.Code, "调整后的名称", project.Budget, project.FiscalFunds, project.OtherFunds, project.Purpose);
            return await db.SaveChangesAsync();
        });

        string[] notFound =
        [
            $"/public/{Year}/{unpublished.Code}",
            $"/public/{Year}/{unpublished.Code}?handler=Docx",
            $"/public/{Year + 1}/{w.Unit.Code}",
            $"{UnitPath(w)}/{later.Code}",
            $"{UnitPath(w)}/{w.Draft.Code}",
            $"/api/v1/public/publications/{Year}/{unpublished.Code}",
            $"/api/v1/public/publications/{Year}/{unpublished.Code}/docx",
        ];
        foreach (var path in notFound)
        {
            Assert.True((await w.Anonymous.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        }

        var html = await w.Anonymous.GetStringAsync(UnitPath(w));
        Assert.DoesNotContain(later.Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("调整后的名称", html, StringComparison.Ordinal);
        Assert.Contains(w.Approved.Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Code, await w.Anonymous.GetStringAsync($"/api/v1/public/publications/{Year}/{w.Unit.Code}"), StringComparison.Ordinal);
        Assert.DoesNotContain(later.Code, DocxText(await w.Anonymous.GetByteArrayAsync($"{UnitPath(w)}?handler=Docx")), StringComparison.Ordinal);

        // Withdrawn: the cached page is evicted at once, in pages, download and API.
        Assert.Equal(HttpStatusCode.OK, (await w.Anonymous.GetAsync($"/api/v1/public/publications/{Year}/{w.Unit.Code}")).StatusCode);
        await PostAsync(w.Admin, "Withdraw", w.Unit.Code);
        foreach (var path in new[] { UnitPath(w), $"{UnitPath(w)}?handler=Docx", $"{UnitPath(w)}/{w.Approved.Code}", $"/api/v1/public/publications/{Year}/{w.Unit.Code}", $"/api/v1/public/publications/{Year}/{w.Unit.Code}/docx" })
        {
            Assert.True((await w.Anonymous.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        }

        Assert.DoesNotContain(w.Unit.Name, await w.Anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_page_is_served_from_the_cache_until_publish_or_withdraw_evicts_it()
    {
        var w = await WorldAsync();
        await PostAsync(w.Admin, "Publish", w.Unit.Code);
        var first = await w.Anonymous.GetStringAsync("/public");
        Assert.Contains(w.Unit.Name, first, StringComparison.Ordinal);

        // A unit renamed behind the app's back: the cached list still shows the old name (served from the cache)…
        await w.App.WithDbAsync(async db =>
        {
            var unit = await db.Units.FirstAsync(u => u.Id == w.Unit.Id);
            unit.Rename(w.Unit.Name + "（新名）");
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("（新名）", await w.Anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
        Assert.Contains("（新名）", await w.Admin.GetStringAsync("/public"), StringComparison.Ordinal); // a signed-in request is never served from the cache

        // …until a withdraw evicts the tag.
        await PostAsync(w.Admin, "Withdraw", w.Unit.Code);
        await PostAsync(w.Admin, "Publish", w.Unit.Code);
        Assert.Contains("（新名）", await w.Anonymous.GetStringAsync("/public"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_holds_the_overall_goal_first_then_the_tables_in_code_order_read_back_by_the_OpenXml_SDK()
    {
        var w = await WorldAsync();
        var second = await w.App.CreateProjectAsync(w.Unit.Id, ProjectStatus.Approved);
        await w.App.WithDbAsync(async db =>
        {
            var plan = new Domain.Plans.UnitPlan(w.Unit.Id, Year) { OverallGoal = "保障开发区平稳运行的总体目标。" };
            db.UnitPlans.Add(plan);
            return await db.SaveChangesAsync();
        });
        await PostAsync(w.Admin, "Publish", w.Unit.Code);

        var response = await w.Anonymous.GetAsync($"{UnitPath(w)}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var text = DocxText(await response.Content.ReadAsByteArrayAsync());

        var overall = text.IndexOf("部门整体绩效目标", StringComparison.Ordinal);
        var goal = text.IndexOf("保障开发区平稳运行的总体目标。", StringComparison.Ordinal);
        var codes = new[] { w.Approved.Code, second.Code }.Order(StringComparer.Ordinal).ToList();
        var firstTable = text.IndexOf(codes[0], StringComparison.Ordinal);
        var secondTable = text.IndexOf(codes[1], StringComparison.Ordinal);
        Assert.True(overall >= 0 && goal > overall && firstTable > goal && secondTable > firstTable, $"order: {overall} {goal} {firstTable} {secondTable}");
        Assert.DoesNotContain(w.Draft.Code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Submitted.Code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Returned.Code, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_approved_department_table_is_published_in_part_one_and_an_unapproved_one_never(bool approved)
    {
        var w = await WorldAsync();
        await w.App.WithDbAsync(async db =>
        {
            var table = new Domain.Department.DepartmentTable(w.Unit.Id, Year, w.Unit.Name);
            table.SetContents(w.Unit.Name, "公开测试部门职责", "公开测试年度总体目标", "元", [new(0, "财政拨款", 100m)], [],
                [new Domain.Department.DepartmentIndicator("产出指标", "数量指标", "公开测试培训人次", "≥100人次")]);
            table.Submit("setup", DateTimeOffset.UtcNow);
            if (approved)
            {
                table.Decide(true, "head", DateTimeOffset.UtcNow, null, "{}");
            }

            db.DepartmentTables.Add(table);
            return await db.SaveChangesAsync();
        });
        await PostAsync(w.Admin, "Publish", w.Unit.Code);

        var page = await w.Anonymous.GetStringAsync(UnitPath(w));
        var text = DocxText(await w.Anonymous.GetByteArrayAsync($"{UnitPath(w)}?handler=Docx"));

        if (approved)
        {
            Assert.Contains("公开测试培训人次", page, StringComparison.Ordinal);
            var table = text.IndexOf("公开测试培训人次", StringComparison.Ordinal);
            Assert.True(table > 0 && table < text.IndexOf(w.Approved.Code, StringComparison.Ordinal), "the 部门整体 table comes before the project tables");
        }
        else
        {
            Assert.DoesNotContain("公开测试", page, StringComparison.Ordinal);
            Assert.DoesNotContain("公开测试", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_results_are_published_only_when_asked_for()
    {
        var w = await WorldAsync();
        await w.App.WithDbAsync(async db =>
        {
            var project = await db.Projects.Include(p => p.Indicators).FirstAsync(p => p.Id == w.Approved.Id);
            project.RecordExecution(2_000_000m, []);
            string[] actuals = ["92%", "90%", "达成", "达成", "96%"];
            foreach (var (indicator, actual) in project.Indicators.OrderBy(i => i.Order).Zip(actuals))
            {
                project.RecordActual(indicator, actual, null, null);
            }

            return await db.SaveChangesAsync();
        });

        await PostAsync(w.Admin, "Publish", w.Unit.Code);
        Assert.DoesNotContain("自评得分", await w.Anonymous.GetStringAsync(UnitPath(w)), StringComparison.Ordinal);
        Assert.DoesNotContain("自评得分", await w.Anonymous.GetStringAsync($"{UnitPath(w)}/{w.Approved.Code}"), StringComparison.Ordinal);

        await PostAsync(w.Admin, "Publish", w.Unit.Code, withResults: true);
        var json = await w.Anonymous.GetStringAsync($"/api/v1/public/publications/{Year}/{w.Unit.Code}");
        var result = JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(w.Approved.Code, result.GetProperty("code").GetString());
        Assert.Equal("优", result.GetProperty("grade").GetString());
        Assert.Contains("等级 优", await w.Anonymous.GetStringAsync($"{UnitPath(w)}/{w.Approved.Code}"), StringComparison.Ordinal);
        Assert.Contains("自评得分", await w.Anonymous.GetStringAsync(UnitPath(w)), StringComparison.Ordinal);
        Assert.True(await w.App.WithDbAsync(db => db.Publications.AnyAsync(p => p.UnitId == w.Unit.Id && p.WithdrawnAt == null && p.Results != null)));
        Assert.Equal(1, await w.App.WithDbAsync(db => db.Publications.CountAsync(p => p.UnitId == w.Unit.Id && p.WithdrawnAt == null)));
    }

    [Fact]
    public async Task Only_the_publish_policy_may_publish_through_the_page_and_the_api()
    {
        var w = await WorldAsync();
        foreach (var role in new[] { Roles.Finance, Roles.DepartmentHead, Roles.Auditor })
        {
            var client = await w.App.ClientAsAsync(role, Roles.RequiresUnit(role) ? w.Unit.Id : null);
            var page = await client.GetAsync($"/Publishing?year={Year}");
            Assert.Contains("/Account/AccessDenied", page.Headers.Location?.ToString(), StringComparison.Ordinal);
            var bearer = await w.App.BearerClientAsync(role, Roles.RequiresUnit(role) ? w.Unit.Id : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await bearer.PostAsync($"/api/v1/publications/{Year}/{w.Unit.Code}/publish", null)).StatusCode);
        }

        Assert.False(await w.App.WithDbAsync(db => db.Publications.AnyAsync(p => p.UnitId == w.Unit.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await w.App.CreateApiClient().PostAsync($"/api/v1/publications/{Year}/{w.Unit.Code}/publish", null)).StatusCode);

        var admin = await w.App.BearerClientAsync(Roles.Admin, null);
        var published = await admin.PostAsync($"/api/v1/publications/{Year}/{w.Unit.Code}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains(w.Unit.Code, await w.Anonymous.GetStringAsync("/api/v1/public/publications"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/publications/{Year}/{w.Unit.Code}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Anonymous.GetAsync($"/api/v1/public/publications/{Year}/{w.Unit.Code}")).StatusCode);
    }

    [Fact]
    public async Task Public_pages_carry_the_security_headers_and_anonymous_visitors_find_them_from_the_sign_in_page()
    {
        var w = await WorldAsync();
        await PostAsync(w.Admin, "Publish", w.Unit.Code);
        foreach (var path in new[] { "/public", UnitPath(w), UnitPath(w), $"{UnitPath(w)}/{w.Approved.Code}", "/api/v1/public/publications" })
        {
            var response = await w.Anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        Assert.Contains("href=\"/public\"", await w.Anonymous.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibreOffice_reads_the_downloaded_package_in_the_same_order()
    {
        var soffice = new[] { "soffice", "libreoffice" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)))
            .FirstOrDefault(File.Exists);
        if (soffice is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed on this machine; the second reader cannot run.");
        }

        var w = await WorldAsync();
        var second = await w.App.CreateProjectAsync(w.Unit.Id, ProjectStatus.Approved);
        await PostAsync(w.Admin, "Publish", w.Unit.Code);
        var bytes = await w.Anonymous.GetByteArrayAsync($"{UnitPath(w)}?handler=Docx");

        var directory = Directory.CreateTempSubdirectory("pt-publish-").FullName;
        try
        {
            var input = Path.Combine(directory, "package.docx");
            await File.WriteAllBytesAsync(input, bytes, TestContext.Current.CancellationToken);
            var start = new System.Diagnostics.ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { $"-env:UserInstallation={new Uri(Path.Combine(directory, "lo-profile")).AbsoluteUri}", "--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", directory, input })
            {
                start.ArgumentList.Add(argument);
            }

            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
                Assert.Equal(0, process.ExitCode);
            }

            var text = await File.ReadAllTextAsync(Path.Combine(directory, "package.txt"), TestContext.Current.CancellationToken);
            var codes = new[] { w.Approved.Code, second.Code }.Order(StringComparer.Ordinal).ToList();
            var part1 = text.IndexOf("部门整体绩效目标", StringComparison.Ordinal);
            var part2 = text.IndexOf("预算项目绩效目标", StringComparison.Ordinal);
            Assert.True(part1 >= 0 && part2 > part1 && text.IndexOf(codes[0], StringComparison.Ordinal) > part2
                && text.IndexOf(codes[1], StringComparison.Ordinal) > text.IndexOf(codes[0], StringComparison.Ordinal), text);
            Assert.DoesNotContain(w.Draft.Code, text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static string DocxText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<Text>().Select(t => t.Text));
    }
}

/// <summary>The public pages' rate limit as configured (<c>Public:PermitLimit</c>): the next request in the window answers 429 in Chinese.</summary>
public sealed class LowPublicLimitFixture : AppFixture
{
    public const int Limit = 3;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void Customize(IWebHostBuilder builder) =>
        builder.UseSetting("Public:PermitLimit", Limit.ToString(CultureInfo.InvariantCulture));
}

public sealed class PublicRateLimitTests(LowPublicLimitFixture fixture) : IClassFixture<LowPublicLimitFixture>
{
    [Fact]
    public async Task A_client_over_the_public_limit_gets_429_with_a_chinese_message_and_retry_after()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        for (var i = 0; i < LowPublicLimitFixture.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public")).StatusCode);
        }

        var refused = await client.GetAsync("/public");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(PublicSurface.TooManyRequests, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());

        var api = await client.GetAsync("/api/v1/public/publications");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Contains(PublicSurface.TooManyRequests, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The workbench's pages are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }
}
