using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Admin;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Department;

/// <summary>
/// 部门整体自评评分设置: the project settings of the year unless an admin set others (API, admin page), and the 部门整体
/// score, on the API, the pages and the ratings export, follows at once.
/// </summary>
public sealed class DepartmentSettingsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const int Year = WorkbenchData.Year;

    private static object National(decimal topBand = 90m, decimal executionWeight = 10m, decimal output = 50m) => new
    {
        custom = true,
        executionWeight,
        groupWeights = new Dictionary<string, decimal> { ["产出指标"] = output, ["效益指标"] = 30m, ["满意度指标"] = 10m },
        gradeBands = new[] { new { grade = "优", min = topBand }, new { grade = "良", min = 80m }, new { grade = "中", min = 60m }, new { grade = "差", min = 0m } },
    };

    [Fact]
    public async Task A_department_table_is_scored_with_the_override_once_stored_and_with_the_project_settings_once_cleared()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, unit.Id);
        var admin = await app.AdminBearerClientAsync();
        await EnsureYearAsync(app);
        var path = $"/api/v1/units/{unit.Id}/years/{Year}/department-table";
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(path + "/import", ApiClients.Files(("dept.txt", DepartmentTableTests.SampleFor(unit))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync(path + "/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync(path + "/decide", new { approve = true })).StatusCode);

        // 80 % executed: below full marks, still 优 by the project's bands (优 ≥ 90).
        var actuals = await finance.PutAsJsonAsync(path + "/actuals", new
        {
            executed = 4_000_000m,
            indicators = new object[]
            {
                new { order = 1, actual = "4场" }, new { order = 2, actual = "5个" }, new { order = 3, actual = "96%" }, new { order = 4, actual = "达成" },
                new { order = 5, actual = "70万元" }, new { order = 6, actual = "2亿元" }, new { order = 7, actual = "达成" }, new { order = 8, actual = "92%" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, actuals.StatusCode);
        var projectScore = (await actuals.JsonAsync()).GetProperty("score");
        var total = projectScore.GetProperty("total").GetDecimal();
        Assert.True(total is >= 90m and < 100m, $"total {total}");
        Assert.Equal("优", projectScore.GetProperty("grade").GetString());

        // The override: 优 only at 100. The same table is 良 at once: on the API, in the ratings export and on the 年终自评 page.
        var saved = await admin.PutAsJsonAsync($"/api/v1/years/{Year}/department-settings", National(topBand: 100m));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        Assert.Equal("良", (await GradeAsync(finance, path)).Grade);
        Assert.Equal(total, (await GradeAsync(finance, path)).Total);
        Assert.Equal("良", await ExportedGradeAsync(app, unit.Code));
        var page = await (await app.ClientAsAsync(Roles.Finance, unit.Id)).GetStringAsync($"/YearEnd?unit={unit.Id}&year={Year}");
        var at = page.IndexOf("department-rating-score", StringComparison.Ordinal);
        Assert.Contains("<td>良</td>", page.Substring(at, Math.Min(300, page.Length - at)), StringComparison.Ordinal);

        // Projects keep the project bands.
        Assert.Equal(90m, (await WithProviderAsync(app, p => p.GetAsync(Year))).GradeBands.Bands[0].Min);

        // Cleared: the project settings again.
        var cleared = await admin.PutAsJsonAsync($"/api/v1/years/{Year}/department-settings", new { custom = false });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False((await cleared.JsonAsync()).GetProperty("custom").GetBoolean());
        Assert.Equal("优", (await GradeAsync(finance, path)).Grade);
        Assert.Equal("优", await ExportedGradeAsync(app, unit.Code));
    }

    [Fact]
    public async Task The_api_reads_the_effective_settings_and_only_an_admin_writes_valid_ones()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var admin = await app.AdminBearerClientAsync();
        await EnsureYearAsync(app);
        var auditedBefore = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        var url = $"/api/v1/years/{Year}/department-settings";

        var read = await finance.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var settings = await read.JsonAsync();
        Assert.Equal(Year, settings.GetProperty("year").GetInt32());
        Assert.False(settings.GetProperty("custom").GetBoolean());
        Assert.Equal(10m, settings.GetProperty("executionWeight").GetDecimal());
        Assert.Equal(50m, settings.GetProperty("groupWeights").GetProperty("产出指标").GetDecimal());
        Assert.Equal(90m, settings.GetProperty("gradeBands")[0].GetProperty("min").GetDecimal());
        Assert.Equal("达成", settings.GetProperty("qualitativeTiers")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync("/api/v1/years/2099/department-settings")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PutAsJsonAsync(url, National(executionWeight: 20m, output: 40m))).StatusCode);

        var invalid = await admin.PutAsJsonAsync(url, National(executionWeight: 20m));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.Contains("预算执行率与各一级指标的权重合计为 110，应为 100。", errors.GetProperty("groupWeights")[0].GetString(), StringComparison.Ordinal);
        var badBands = await admin.PutAsJsonAsync(url, National(topBand: 70m));
        Assert.True((await badBands.JsonAsync()).GetProperty("errors").TryGetProperty("gradeBands", out _));
        Assert.False((await (await finance.GetAsync(url)).JsonAsync()).GetProperty("custom").GetBoolean());

        var saved = await admin.PutAsJsonAsync(url, National(executionWeight: 20m, output: 40m));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await (await finance.GetAsync(url)).JsonAsync();
        Assert.True(after.GetProperty("custom").GetBoolean());
        Assert.Equal(20m, after.GetProperty("executionWeight").GetDecimal());
        Assert.Equal(40m, after.GetProperty("groupWeights").GetProperty("产出指标").GetDecimal());
        Assert.Equal(3, after.GetProperty("qualitativeTiers").GetArrayLength()); // left out: kept as in force

        // Only the weights: the bands stay.
        var weightsOnly = await admin.PutAsJsonAsync(url, new { custom = true, executionWeight = 10m, groupWeights = new Dictionary<string, decimal> { ["产出指标"] = 50m, ["效益指标"] = 30m, ["满意度指标"] = 10m } });
        Assert.Equal(HttpStatusCode.OK, weightsOnly.StatusCode);
        Assert.Equal(10m, (await weightsOnly.JsonAsync()).GetProperty("executionWeight").GetDecimal());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(url, new { custom = false })).StatusCode);
        Assert.False((await (await finance.GetAsync(url)).JsonAsync()).GetProperty("custom").GetBoolean());
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "DepartmentYearSettings" && a.Id > auditedBefore).OrderBy(a => a.Id).Select(a => new { a.Action, a.Year }).ToListAsync());
        Assert.Equal(["Created", "Updated", "Deleted"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Year, a.Year));
    }

    [Fact]
    public async Task The_admin_page_sets_own_settings_shows_errors_at_their_fields_and_sets_them_back()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2048");
        const string url = "/Admin/YearSettings/Department?year=2048";

        var html = await client.GetStringAsync(url);
        Assert.Contains("与项目相同", html, StringComparison.Ordinal);
        Assert.Contains("<legend>部门整体自评评分设置</legend>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Bands[0].Min\" value=\"90\"", html, StringComparison.Ordinal);
        Assert.Contains("部门整体自评评分设置", await client.GetStringAsync("/Admin/YearSettings?year=2048"), StringComparison.Ordinal);

        var refused = await client.PostFormAsync(url, Form(custom: true, executionWeight: "20"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Groups\"[^>]*>预算执行率与各一级指标的权重合计为 110，应为 100。", page);
        Assert.False(await CustomAsync(app, 2048));

        var missing = Form(custom: true, executionWeight: "10");
        missing["Input.Bands[1].Min"] = "";
        var missingResponse = await (await client.PostFormAsync(url, missing)).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Bands\\[1\\].Min\"[^>]*>请填写“良”的下限。", missingResponse);

        var saved = await client.PostFormAsync(url, Form(custom: true, executionWeight: "10", topBand: "95"));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(saved));
        Assert.True(await CustomAsync(app, 2048));
        var settings = await WithProviderAsync(app, p => p.GetDepartmentAsync(2048));
        Assert.Equal("优≥95，良≥80，中≥60，差≥0", settings.GradeBands.ToString());
        Assert.Contains("单独设置的部门整体自评评分设置", await client.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("部门整体：单独设置", await client.GetStringAsync("/Admin/FiscalYears"), StringComparison.Ordinal);

        // "与项目相同": whatever the numbers, the override goes.
        var back = Form(custom: false, executionWeight: "77");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, back)).StatusCode);
        Assert.False(await CustomAsync(app, 2048));
    }

    private static async Task<(string? Grade, decimal Total)> GradeAsync(HttpClient client, string path)
    {
        var score = (await (await client.GetAsync(path)).JsonAsync()).GetProperty("score");
        return (score.GetProperty("grade").GetString(), score.GetProperty("total").GetDecimal());
    }

    private static async Task<string?> ExportedGradeAsync(AppFactory app, string unitCode)
    {
        var auditor = await app.BearerClientAsync(Roles.Auditor, null);
        var json = await (await auditor.GetAsync($"/api/v1/exports/ratings?year={Year}&unit={unitCode}&format=json")).JsonAsync();
        return Assert.Single(json.GetProperty("departmentTables").EnumerateArray()).GetProperty("grade").GetString();
    }

    /// <summary>The workbench year as a fiscal year (settings belong to one).</summary>
    private static Task<int> EnsureYearAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        if (!await db.FiscalYears.AnyAsync(y => y.Year == Year))
        {
            db.FiscalYears.Add(new Domain.Units.FiscalYear(Year));
        }

        return await db.SaveChangesAsync();
    });

    private static async Task<T> WithProviderAsync<T>(AppFactory app, Func<IYearSettingsProvider, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IYearSettingsProvider>());
    }

    private static Task<bool> CustomAsync(AppFactory app, int year) =>
        WithProviderAsync(app, p => p.IsDepartmentCustomAsync(year));

    /// <summary>A complete form: national tiers, bands 优 <paramref name="topBand"/>/80/60/0, weights 执行率 <paramref name="executionWeight"/> + 50/30/10.</summary>
    private static Dictionary<string, string> Form(bool custom, string executionWeight, string topBand = "90")
    {
        var form = new Dictionary<string, string> { ["Input.Custom"] = custom ? "true" : "false", ["Input.ExecutionWeight"] = executionWeight };
        (string Grade, string Min)[] bands = [("优", topBand), ("良", "80"), ("中", "60"), ("差", "0")];
        for (var i = 0; i < bands.Length; i++)
        {
            form[$"Input.Bands[{i}].Grade"] = bands[i].Grade;
            form[$"Input.Bands[{i}].Min"] = bands[i].Min;
        }

        (string Group, string Weight)[] groups = [("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "10")];
        for (var i = 0; i < groups.Length; i++)
        {
            form[$"Input.Groups[{i}].Group"] = groups[i].Group;
            form[$"Input.Groups[{i}].Weight"] = groups[i].Weight;
        }

        (string Name, string Min, string Max, string Default)[] tiers = [("达成", "80", "100", "100"), ("部分达成", "60", "80", "70"), ("未达成", "0", "60", "30")];
        for (var i = 0; i < tiers.Length; i++)
        {
            form[$"Input.Tiers[{i}].Name"] = tiers[i].Name;
            form[$"Input.Tiers[{i}].MinPercent"] = tiers[i].Min;
            form[$"Input.Tiers[{i}].MaxPercent"] = tiers[i].Max;
            form[$"Input.Tiers[{i}].DefaultPercent"] = tiers[i].Default;
        }

        return form;
    }
}
