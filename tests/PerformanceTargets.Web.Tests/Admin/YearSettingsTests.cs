using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>/Admin/YearSettings: a year's grade bands, weights, tiers and thresholds, stored as data; national defaults otherwise.</summary>
public abstract class YearSettingsTests(AppFixture fixture)
{
    [Fact]
    public async Task A_year_without_stored_settings_shows_and_uses_the_national_defaults()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2041");

        var html = await client.GetStringAsync("/Admin/YearSettings?year=2041");

        Assert.Contains("全国默认值", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Bands[0].Min\" value=\"90\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Tiers[1].DefaultPercent\" value=\"70\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The field", html, StringComparison.Ordinal); // client-side messages are Chinese too
        Assert.DoesNotContain("is required", html, StringComparison.Ordinal);
        var settings = await SettingsAsync(app, 2041);
        Assert.Equal("优≥90，良≥80，中≥60，差≥0", settings.GradeBands.ToString());
        Assert.False(await StoredAsync(app, 2041));
    }

    [Fact]
    public async Task Saved_settings_are_stored_for_the_year_and_served_by_the_provider()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2042");
        var form = Form(bands: ["95", "85", "70", "0"], weights: ["20", "40", "30", "10"]);
        form["Input.Tiers[0].MinPercent"] = "85";
        form["Input.Tiers[1].MaxPercent"] = "85";
        form["Input.TargetTooLowPercent"] = "150";
        form["Input.RedBelowPercent"] = "50";
        form["Input.YellowBelowPercent"] = "75";

        var response = await PostAsync(client, 2042, form);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(response));
        var settings = await SettingsAsync(app, 2042);
        Assert.Equal("优≥95，良≥85，中≥70，差≥0", settings.GradeBands.ToString());
        Assert.Equal(20m, settings.ExecutionWeight);
        Assert.Equal(40m, settings.GroupWeights["产出指标"]);
        Assert.Equal(0.85m, settings.FindTier(QualitativeTier.Achieved)!.MinFraction);
        Assert.Equal(150m, settings.TargetTooLowPercent);
        Assert.Equal(new MonitoringThresholds(50m, 75m), settings.Monitoring);
        Assert.True(await StoredAsync(app, 2042));
        Assert.Equal("优≥90，良≥80，中≥60，差≥0", (await SettingsAsync(app, 2047)).GradeBands.ToString()); // another year keeps the defaults

        var saveAgain = await PostAsync(client, 2042, Form(bands: ["90", "80", "60", "0"], weights: ["10", "50", "30", "10"]));
        Assert.Equal(HttpStatusCode.Redirect, saveAgain.StatusCode);
        var yearId = await app.WithDbAsync(db => db.FiscalYears.Where(y => y.Year == 2042).Select(y => y.Id).SingleAsync());
        var stored = await app.WithDbAsync(db => db.YearSettings.AsNoTracking().SingleAsync(s => s.FiscalYearId == yearId));
        Assert.Equal(4, stored.GradeBands.Count); // replaced, not added to
        Assert.Equal(90m, stored.GradeBands[0].Min);

        var reset = await client.PostFormAsync("/Admin/YearSettings?year=2042", new Dictionary<string, string>(), "/Admin/YearSettings?year=2042&handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await StoredAsync(app, 2042));
    }

    [Fact]
    public async Task A_change_of_the_bands_alone_and_a_reset_are_in_the_audit_trail()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2043");
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, 2043, Form(bands: ["90", "80", "60", "0"], weights: ["10", "50", "30", "10"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, 2043, Form(bands: ["95", "80", "60", "0"], weights: ["10", "50", "30", "10"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Admin/YearSettings?year=2043", new Dictionary<string, string>(), "/Admin/YearSettings?year=2043&handler=Reset")).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == "YearSettings" && a.Id > before)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Year, a.EntityKey, a.After })
            .ToListAsync());
        Assert.Equal(["Created", "Updated", "Deleted"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(2043, a.Year));
        Assert.Equal("2043 年度评分设置", audit[1].EntityKey);
        Assert.Contains("95", audit[1].After, StringComparison.Ordinal);
        Assert.False(await StoredAsync(app, 2043));
    }

    [Theory]
    [InlineData(new[] { "90", "80", "85", "0" }, "评级区间的下限必须从高到低严格递减：“良”下限为 80，“中”下限为 85。")]
    [InlineData(new[] { "90", "80", "80", "0" }, "评级区间的下限必须从高到低严格递减：“良”下限为 80，“中”下限为 80。")]
    [InlineData(new[] { "90", "80", "60", "10" }, "“差”一档的下限必须为 0，现为 10。")]
    public async Task Bands_that_do_not_decrease_to_zero_are_refused(string[] bands, string message)
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2043");

        var response = await PostAsync(client, 2043, Form(bands: bands, weights: ["10", "50", "30", "10"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await StoredAsync(app, 2043));
    }

    [Fact]
    public async Task Weights_that_do_not_add_up_to_100_are_refused()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2044");

        var response = await PostAsync(client, 2044, Form(bands: ["90", "80", "60", "0"], weights: ["10", "50", "30", "20"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("预算执行率与各一级指标的权重合计为 110，应为 100。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await StoredAsync(app, 2044));
    }

    [Fact]
    public async Task Tiers_with_a_gap_and_a_yellow_line_below_red_are_refused_together()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2045");
        var form = Form(bands: ["90", "80", "60", "0"], weights: ["10", "50", "30", "10"]);
        form["Input.Tiers[1].MaxPercent"] = "75";
        form["Input.RedBelowPercent"] = "70";
        form["Input.YellowBelowPercent"] = "65";

        var response = await PostAsync(client, 2045, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("定性档次应首尾相接：“部分达成”的上限（不含）应等于“达成”的下限 80%。", html, StringComparison.Ordinal);
        Assert.Contains("监控阈值应满足 0 ≤ 红灯线（70%）≤ 黄灯线（65%）。", html, StringComparison.Ordinal);
        Assert.False(await StoredAsync(app, 2045));
    }

    [Fact]
    public async Task A_closed_year_keeps_its_settings()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2046");
        var id = await app.WithDbAsync(db => db.FiscalYears.Where(y => y.Year == 2046).Select(y => y.Id).SingleAsync());
        await client.PostFormAsync("/Admin/FiscalYears", new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) }, "/Admin/FiscalYears?handler=Close");

        var response = await PostAsync(client, 2046, Form(bands: ["95", "85", "70", "0"], weights: ["10", "50", "30", "10"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2046 年度已关闭，评分设置不能修改", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await StoredAsync(app, 2046));
    }

    [Fact]
    public async Task Settings_of_a_year_that_does_not_exist_are_not_found()
    {
        var client = await AdminClient.SignedInAsync(await fixture.GetAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Admin/YearSettings?year=2099")).StatusCode);
    }

    /// <summary>A complete settings form: national tiers and thresholds, with the given bands (优良中差) and weights (执行率, 产出, 效益, 满意度).</summary>
    private static Dictionary<string, string> Form(string[] bands, string[] weights)
    {
        var form = new Dictionary<string, string>();
        string[] grades = ["优", "良", "中", "差"];
        for (var i = 0; i < grades.Length; i++)
        {
            form[$"Input.Bands[{i}].Grade"] = grades[i];
            form[$"Input.Bands[{i}].Min"] = bands[i];
        }

        form["Input.ExecutionWeight"] = weights[0];
        string[] groups = ["产出指标", "效益指标", "满意度指标"];
        for (var i = 0; i < groups.Length; i++)
        {
            form[$"Input.Groups[{i}].Group"] = groups[i];
            form[$"Input.Groups[{i}].Weight"] = weights[i + 1];
        }

        (string Name, string Min, string Max, string Default)[] tiers = [("达成", "80", "100", "100"), ("部分达成", "60", "80", "70"), ("未达成", "0", "60", "30")];
        for (var i = 0; i < tiers.Length; i++)
        {
            form[$"Input.Tiers[{i}].Name"] = tiers[i].Name;
            form[$"Input.Tiers[{i}].MinPercent"] = tiers[i].Min;
            form[$"Input.Tiers[{i}].MaxPercent"] = tiers[i].Max;
            form[$"Input.Tiers[{i}].DefaultPercent"] = tiers[i].Default;
        }

        form["Input.TargetTooLowPercent"] = "130";
        form["Input.RedBelowPercent"] = "60";
        form["Input.YellowBelowPercent"] = "80";
        return form;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int year, Dictionary<string, string> form) =>
        client.PostFormAsync($"/Admin/YearSettings?year={year}", form);

    private static async Task<EvaluationSettings> SettingsAsync(AppFactory app, int year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IYearSettingsProvider>().GetAsync(year);
    }

    private static async Task<bool> StoredAsync(AppFactory app, int year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IYearSettingsProvider>().IsStoredAsync(year);
    }
}

public sealed class SqliteYearSettingsTests(SqliteAppFixture fixture) : YearSettingsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresYearSettingsTests(PostgresAppFixture fixture) : YearSettingsTests(fixture), IClassFixture<PostgresAppFixture>;
