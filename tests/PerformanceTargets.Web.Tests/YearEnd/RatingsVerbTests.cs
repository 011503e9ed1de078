using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// Issue 6 end to end through the verbs, on a real database: the seed imported, actuals imported (JSON and the filled .xlsx
/// template), ratings exported in json, csv and xlsx with the scores the national rules give, the xlsx read back through
/// LibreOffice, and a refused actuals file that leaves every stored score unchanged.
/// </summary>
public abstract class RatingsVerbTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pt-tests", "ye-" + Guid.NewGuid().ToString("N"));
    private TestDatabase? _db;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync() => _db = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<VerbRunner.Result> RunAsync(params string[] args) => await VerbRunner.RunAsync(_db!, args);

    private async Task ImportSeedAndActualsAsync()
    {
        await ImportApprovedSeedAsync();
        var actuals = await RunAsync("import", SeedActuals.Write(_folder, "actuals.json", SeedActuals.Json));
        Assert.True(actuals.ExitCode == 0, actuals.Error);
        Assert.Contains("项目 2，指标 18，分项目标 3", actuals.Out, StringComparison.Ordinal);
    }

    /// <summary>The seed's goal tables, approved by a head: only approved projects take actuals.</summary>
    private async Task ImportApprovedSeedAsync()
    {
        Assert.Equal(0, (await RunAsync("import", Seed.Path, "--year", "2021")).ExitCode);
        await QueryAsync(async db =>
        {
            foreach (var project in await db.Projects.ToListAsync())
            {
                project.Submit("fin", DateTimeOffset.UtcNow);
                project.Approve("head", DateTimeOffset.UtcNow, null, "{}");
            }

            return await db.SaveChangesAsync();
        });
    }

    private async Task<JsonElement> RatingsJsonAsync()
    {
        var result = await RunAsync("export", "ratings", "--year", "2021", "--format", "json", "--out", "-");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private static JsonElement Project(JsonElement ratings, string code) =>
        ratings.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_json_export_gives_the_national_scores_including_exactly_90_and_a_sub_goal_at_89_99()
    {
        await ImportSeedAndActualsAsync();

        var ratings = await RatingsJsonAsync();

        Assert.Equal(2021, ratings.GetProperty("year").GetInt32());
        Assert.Equal(5, ratings.GetProperty("projects").GetArrayLength());
        var office = Project(ratings, SeedActuals.Office);
        Assert.Equal(("631001", 2000000.00m, 1960000.00m, 0.98m, 9.8m), (office.GetProperty("unitCode").GetString(), office.GetProperty("budget").GetDecimal(),
            office.GetProperty("executed").GetDecimal(), office.GetProperty("executionRate").GetDecimal(), office.GetProperty("executionScore").GetDecimal()));
        Assert.Equal(90.00m, office.GetProperty("score").GetDecimal());
        Assert.Equal("优", office.GetProperty("grade").GetString());
        var purchase = office.GetProperty("indicators")[0];
        Assert.Equal(("产出指标", "数量指标", "购置率", "≥90百分比", "90%", 12.5m, 12.5m), (purchase.GetProperty("level1").GetString(), purchase.GetProperty("level2").GetString(),
            purchase.GetProperty("name").GetString(), purchase.GetProperty("value").GetString(), purchase.GetProperty("actual").GetString(),
            purchase.GetProperty("weight").GetDecimal(), purchase.GetProperty("score").GetDecimal()));
        var office7 = office.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "保障日常办公");
        Assert.Equal((7.0m, "个别时段保障不足"), (office7.GetProperty("score").GetDecimal(), office7.GetProperty("deviationReason").GetString()));

        var personnel = Project(ratings, SeedActuals.Personnel);
        Assert.Equal((9.32m, 94.07m, "优"), (personnel.GetProperty("executionScore").GetDecimal(), personnel.GetProperty("score").GetDecimal(), personnel.GetProperty("grade").GetString()));

        // A project without actuals is 未评: no score, no grade (not 0 分 差), and its status says so.
        var untouched = ratings.GetProperty("projects").EnumerateArray().First(p => p.GetProperty("code").GetString() == "13030321EYP6WRB8KOFGQ");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null, "未评"), (untouched.GetProperty("score").ValueKind, untouched.GetProperty("grade").ValueKind,
            untouched.GetProperty("executed").ValueKind, untouched.GetProperty("status").GetString()));

        var goals = ratings.GetProperty("subGoals").EnumerateArray().ToDictionary(g => g.GetProperty("indicator").GetString()!);
        Assert.Equal(6, goals.Count);
        Assert.Equal((93.5m, "优"), (goals["综合办公日常运转率"].GetProperty("completionRate").GetDecimal(), goals["综合办公日常运转率"].GetProperty("grade").GetString()));
        Assert.Equal((89.99m, "良"), (goals["财务审计管理规范"].GetProperty("completionRate").GetDecimal(), goals["财务审计管理规范"].GetProperty("grade").GetString()));
        Assert.Equal("差", goals["征拆工作完成率"].GetProperty("grade").GetString());
        Assert.Equal(JsonValueKind.Null, goals["基础设施配套完成率"].GetProperty("grade").ValueKind);
    }

    [Fact]
    public async Task Every_exported_score_is_what_the_rules_engine_gives_for_the_stored_actuals()
    {
        await ImportSeedAndActualsAsync();

        var ratings = await RatingsJsonAsync();

        var projects = await QueryAsync(db => db.Projects.AsNoTracking().Include(p => p.Indicators).ToListAsync());
        foreach (var project in projects)
        {
            var expected = ProjectScorer.Score(project, EvaluationSettings.National(2021));
            var exported = Project(ratings, project.Code);
            if (expected.IsUnrated)
            {
                // 未评: no actuals, so no score (not 0 分 差) and the status says so.
                Assert.Equal(JsonValueKind.Null, exported.GetProperty("score").ValueKind);
                Assert.Equal("未评", exported.GetProperty("status").GetString());
                Assert.Equal(JsonValueKind.Null, exported.GetProperty("grade").ValueKind);
                continue;
            }

            Assert.Equal(expected.DisplayTotal, exported.GetProperty("score").GetDecimal());
            Assert.Equal(expected.Grade, exported.GetProperty("grade").GetString());
            Assert.Equal("已评", exported.GetProperty("status").GetString());
            var points = exported.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("score").GetDecimal()).ToList();
            Assert.Equal(expected.Indicators.OrderBy(i => i.IndicatorOrder).Select(i => i.DisplayPoints), points);
        }
    }

    [Fact]
    public async Task The_csv_matches_the_json_and_the_xlsx_reads_back_identically_through_LibreOffice()
    {
        await ImportSeedAndActualsAsync();
        var ratings = await RatingsJsonAsync();
        var csvPath = Path.Combine(_folder, "ratings.csv");
        var xlsxPath = Path.Combine(_folder, "ratings.xlsx");
        Assert.Equal(0, (await RunAsync("export", "ratings", "--year", "2021", "--format", "csv", "--out", csvPath)).ExitCode);
        Assert.Equal(0, (await RunAsync("export", "ratings", "--year", "2021", "--format", "xlsx", "--out", xlsxPath)).ExitCode);

        var csv = SeedActuals.ReadCsv(await File.ReadAllTextAsync(csvPath));
        Assert.Equal(["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "执行数", "执行率", "执行得分", "总分", "等级", "状态", "类型"], csv[0]);
        Assert.Equal(6, csv.Count);
        var office = csv.Single(r => r[2] == SeedActuals.Office);
        Assert.Equal(("2000000", "1960000", "0.98", "9.8", "90", "优", "已评"), (office[4], office[5], office[6], office[7], office[8], office[9], office[10]));
        var unrated = csv.Skip(1).Where(r => r[2] != SeedActuals.Office && r[2] != SeedActuals.Personnel).ToList();
        Assert.Equal(3, unrated.Count);
        Assert.All(unrated, r => Assert.Equal(("", "", "", "未评"), (r[7], r[8], r[9], r[10])));
        Assert.Equal(ratings.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("code").GetString()), csv.Skip(1).Select(r => r[2]));

        // The workbook's other sheets: one row an indicator, one row a sub-goal.
        var details = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "指标明细").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(45, details.Count);
        Assert.Contains(details, d => (string)d["三级指标"] == "保障日常办公" && (string)d["项目编码"] == SeedActuals.Office && Convert.ToDecimal(d["得分"], CultureInfo.InvariantCulture) == 7m);
        var subGoals = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "部门分项").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(subGoals, g => (string)g["分项指标"] == "财务审计管理规范" && (string)g["等级"] == "良");
        Assert.Equal(["项目评分", "指标明细", "部门分项"], MiniExcel.GetSheetNames(xlsxPath));

        var libreOffice = SeedActuals.ReadCsv(await SeedActuals.LibreOfficeCsvAsync(xlsxPath));
        Assert.Equal(csv.Count, libreOffice.Count);
        for (var r = 0; r < csv.Count; r++)
        {
            Assert.Equal(csv[r].Length, libreOffice[r].Length);
            for (var c = 0; c < csv[r].Length; c++)
            {
                Assert.True(SeedActuals.SameCell(csv[r][c], libreOffice[r][c]), $"row {r + 1} column {csv[0][c]}: csv '{csv[r][c]}', xlsx '{libreOffice[r][c]}'");
            }
        }
    }

    [Fact]
    public async Task Every_row_of_the_xlsx_indicator_and_sub_goal_sheets_matches_the_json_with_numbers_as_numbers()
    {
        await ImportSeedAndActualsAsync();
        var ratings = await RatingsJsonAsync();
        var xlsxPath = Path.Combine(_folder, "ratings.xlsx");
        Assert.Equal(0, (await RunAsync("export", "ratings", "--year", "2021", "--format", "xlsx", "--out", xlsxPath)).ExitCode);

        var expected = ratings.GetProperty("projects").EnumerateArray().SelectMany(p => p.GetProperty("indicators").EnumerateArray().Select(i => new object?[]
        {
            p.GetProperty("unitCode").GetString(), p.GetProperty("code").GetString(), p.GetProperty("name").GetString(), i.GetProperty("level1").GetString(),
            i.GetProperty("level2").GetString(), i.GetProperty("name").GetString(), i.GetProperty("value").GetString(), NullableText(i.GetProperty("actual")),
            NullableNumber(i.GetProperty("weight")), NullableNumber(i.GetProperty("score")), NullableText(i.GetProperty("deviationReason")),
        })).ToList();
        var details = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "指标明细").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["单位编码", "项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"], details[0].Keys);
        Assert.Equal(expected.Count, details.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            var cells = details[r].Values.ToList();
            for (var c = 0; c < cells.Count; c++)
            {
                var actual = cells[c] is double number ? (object)Math.Round((decimal)number, 4) : cells[c];
                Assert.True(Equals(expected[r][c], actual), $"指标明细 row {r + 2} column {c + 1}: json '{expected[r][c]}', xlsx '{cells[c]}' ({cells[c]?.GetType().Name})");
            }
        }

        var goals = ratings.GetProperty("subGoals").EnumerateArray().ToList();
        var sheet = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "部门分项").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(goals.Select(g => (g.GetProperty("unitCode").GetString(), g.GetProperty("indicator").GetString(), NullableNumber(g.GetProperty("completionRate")), NullableText(g.GetProperty("grade")))),
            sheet.Select(g => ((string?)g["单位编码"], (string?)g["分项指标"], g["完成率"] is double rate ? (decimal?)Math.Round((decimal)rate, 4) : null, (string?)g["等级"])));

        var projects = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "项目评分").Cast<IDictionary<string, object?>>().ToList();
        Assert.All(projects.Where(p => (string?)p["状态"] == "已评"), p => Assert.IsType<double>(p["总分"]));
        Assert.All(projects.Where(p => (string?)p["状态"] == "未评"), p => Assert.Null(p["总分"]));
        Assert.Equal(3, projects.Count(p => (string?)p["状态"] == "未评"));
        Assert.All(projects, p => Assert.IsType<string>(p["项目编码"]));
    }

    [Fact]
    public async Task A_year_without_ratings_exports_an_xlsx_with_the_three_sheets_and_their_headers_only()
    {
        Assert.Equal(0, (await RunAsync("import", Seed.Path, "--year", "2021")).ExitCode);
        var xlsxPath = Path.Combine(_folder, "empty.xlsx");

        var result = await RunAsync("export", "ratings", "--year", "2030", "--format", "xlsx", "--out", xlsxPath);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["项目评分", "指标明细", "部门分项"], MiniExcel.GetSheetNames(xlsxPath));
        Assert.Equal(["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "执行数", "执行率", "执行得分", "总分", "等级", "状态", "类型"],
            MiniExcel.Query(xlsxPath, sheetName: "项目评分").Cast<IDictionary<string, object?>>().Single().Values);
        Assert.Equal(11, MiniExcel.Query(xlsxPath, sheetName: "指标明细").Cast<IDictionary<string, object?>>().Single().Values.Count);
        Assert.Equal(5, MiniExcel.Query(xlsxPath, sheetName: "部门分项").Cast<IDictionary<string, object?>>().Single().Values.Count);
        var libreOffice = SeedActuals.ReadCsv(await SeedActuals.LibreOfficeCsvAsync(xlsxPath));
        Assert.Equal("单位编码", Assert.Single(libreOffice)[0]);
    }

    [Fact]
    public async Task A_refused_actuals_file_names_every_problem_and_leaves_every_stored_score_unchanged()
    {
        await ImportSeedAndActualsAsync();
        var before = await RatingsSnapshotAsync();

        var refused = await RunAsync("import", SeedActuals.Write(_folder, "bad.json", SeedActuals.Refused));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("NO-SUCH-PROJECT", refused.Error, StringComparison.Ordinal);
        Assert.Contains("$.projects[1].indicators[0]（项目 1303032113FG3ZE1SGQAM 指标“及时性”）", refused.Error, StringComparison.Ordinal);
        Assert.Contains("“部分达成”的得分应在", refused.Error, StringComparison.Ordinal);
        Assert.Contains("指标“保障日常办公”", refused.Error, StringComparison.Ordinal);
        Assert.Contains("没有名为“不存在的指标”的三级指标", refused.Error, StringComparison.Ordinal);
        Assert.Contains("无法换算", refused.Error, StringComparison.Ordinal);
        Assert.Contains("指标“工资及保险发放准确率”", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await RatingsSnapshotAsync());
        Assert.Equal(1960000.00m, await QueryAsync(db => db.Projects.Where(p => p.Code == SeedActuals.Office).Select(p => p.Executed).SingleAsync()));
        Assert.Equal(JsonSerializer.Serialize(await RatingsJsonAsync()), JsonSerializer.Serialize(await RatingsJsonAsync()));
        Assert.Equal(90.00m, Project(await RatingsJsonAsync(), SeedActuals.Office).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task The_filled_xlsx_template_imports_to_the_same_ratings_as_the_json()
    {
        await ImportApprovedSeedAsync();
        var template = Path.Combine(_folder, "template.xlsx");
        var exported = await RunAsync("export", "self-evaluation-template", "--year", "2021", "--unit", "631001", "--out", template);
        Assert.True(exported.ExitCode == 0, exported.Error);

        // Fill it in as a user would in Excel: numbers in 实际完成值 (the unit is in 计量单位), tiers, scores, reasons.
        var actuals = JsonDocument.Parse(SeedActuals.Json).RootElement;
        var sheets = MiniExcel.GetSheetNames(template).ToDictionary(s => s, s => MiniExcel.Query(template, useHeaderRow: true, sheetName: s).Cast<IDictionary<string, object?>>().ToList());
        foreach (var project in actuals.GetProperty("projects").EnumerateArray())
        {
            var code = project.GetProperty("code").GetString();
            sheets["资金"].Single(r => (string?)r["项目编码"] == code)["全年执行数"] = project.GetProperty("executed").GetDecimal();
            foreach (var given in project.GetProperty("indicators").EnumerateArray())
            {
                var row = sheets["指标"].Single(r => (string?)r["项目编码"] == code && (string?)r["三级指标"] == given.GetProperty("name").GetString());
                var actual = given.GetProperty("actual").GetString()!;
                row["实际完成值"] = actual.EndsWith('%') ? decimal.Parse(actual.TrimEnd('%'), CultureInfo.InvariantCulture) : actual;
                row["定性得分"] = given.TryGetProperty("score", out var score) ? score.GetDecimal() : null;
                row["偏差原因分析及改进措施"] = given.TryGetProperty("deviationReason", out var reason) ? reason.GetString() : null;
            }
        }

        sheets["累计支出"].Single(r => (string?)r["项目编码"] == SeedActuals.Office && Convert.ToInt32(r["月份"], CultureInfo.InvariantCulture) == 3)["实际累计支出(元)"] = 300000m;
        foreach (var goal in actuals.GetProperty("subGoals").EnumerateArray())
        {
            sheets["部门分项"].Single(r => (string?)r["绩效指标"] == goal.GetProperty("indicator").GetString())["完成率(%)"] = goal.GetProperty("completionRate").GetDecimal();
        }

        var filled = Path.Combine(_folder, "filled.xlsx");
        MiniExcel.SaveAs(filled, sheets.ToDictionary(s => s.Key, s => (object)s.Value));

        var imported = await RunAsync("import", filled);

        Assert.True(imported.ExitCode == 0, imported.Error);
        var ratings = await RatingsJsonAsync();
        Assert.Equal((90.00m, "优"), (Project(ratings, SeedActuals.Office).GetProperty("score").GetDecimal(), Project(ratings, SeedActuals.Office).GetProperty("grade").GetString()));
        Assert.Equal((94.07m, "优"), (Project(ratings, SeedActuals.Personnel).GetProperty("score").GetDecimal(), Project(ratings, SeedActuals.Personnel).GetProperty("grade").GetString()));
        Assert.Equal("良", ratings.GetProperty("subGoals").EnumerateArray().Single(g => g.GetProperty("indicator").GetString() == "财务审计管理规范").GetProperty("grade").GetString());
        var purchase = await QueryAsync(db => db.Indicators.Where(i => i.Name == "购置率").Select(i => i.Actual).SingleAsync());
        Assert.Equal("90%", purchase);
    }

    [Fact]
    public async Task A_number_typed_where_a_tier_is_expected_in_the_xlsx_is_refused_with_its_sheet_row()
    {
        await ImportApprovedSeedAsync();
        var template = Path.Combine(_folder, "template.xlsx");
        Assert.Equal(0, (await RunAsync("export", "self-evaluation-template", "--year", "2021", "--out", template)).ExitCode);
        var sheets = MiniExcel.GetSheetNames(template).ToDictionary(s => s, s => MiniExcel.Query(template, useHeaderRow: true, sheetName: s).Cast<IDictionary<string, object?>>().ToList());
        var row = sheets["指标"].FindIndex(r => (string?)r["项目编码"] == SeedActuals.Office && (string?)r["三级指标"] == "及时性");
        sheets["指标"][row]["实际完成值"] = 85m;
        var filled = Path.Combine(_folder, "filled.xlsx");
        MiniExcel.SaveAs(filled, sheets.ToDictionary(s => s.Key, s => (object)s.Value));

        var result = await RunAsync("import", filled);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"filled.xlsx 指标 第{row + 2}行（项目 {SeedActuals.Office} 指标“及时性”）", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Indicators.CountAsync(i => i.Actual != null)));
    }

    [Fact]
    public async Task Changing_the_years_settings_regrades_on_the_next_export()
    {
        await ImportSeedAndActualsAsync();
        await QueryAsync(async db =>
        {
            var year = await db.FiscalYears.SingleAsync(y => y.Year == 2021);
            db.YearSettings.Add(new YearSettings(year.Id, EvaluationSettings.National(2021) with
            {
                GradeBands = RatingBandSet.Create([new("优", 95m), new("良", 85m), new("中", 70m), new("差", 0m)]),
            }));
            return await db.SaveChangesAsync();
        });

        var ratings = await RatingsJsonAsync();

        Assert.Equal((90.00m, "良"), (Project(ratings, SeedActuals.Office).GetProperty("score").GetDecimal(), Project(ratings, SeedActuals.Office).GetProperty("grade").GetString()));
    }

    [Fact]
    public async Task Plan_documents_and_actuals_files_cannot_be_imported_together()
    {
        var result = await RunAsync("import", Seed.Path, SeedActuals.Write(_folder, "actuals.json", SeedActuals.Json), "--year", "2021");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be imported together", result.Error, StringComparison.Ordinal);
    }

    private static string? NullableText(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static decimal? NullableNumber(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    private async Task<List<string>> RatingsSnapshotAsync() =>
        await QueryAsync(async db => (await db.ProjectRatings.AsNoTracking().OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.ProjectId, r.Score, r.Grade, r.ExecutionScore, r.ComputedAt, Indicators = r.Indicators.Count }).ToListAsync())
            .Select(r => $"{r.Id}/{r.ProjectId}/{r.Score}/{r.Grade}/{r.ExecutionScore}/{r.ComputedAt:O}/{r.Indicators}").ToList());

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = _db!.Provider.ToString();
        builder.Configuration["ConnectionStrings:Default"] = _db.ConnectionString;
        builder.Services.AddAppDatabase(builder.Configuration, Path.GetTempPath());
        await using var services = builder.Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class SqliteRatingsVerbTests : RatingsVerbTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresRatingsVerbTests : RatingsVerbTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        TestDatabase.RequirePostgres();
        return await TestDatabase.CreatePostgresAsync();
    }
}
