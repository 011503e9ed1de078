using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Documents;

/// <summary>The import and export verbs on a real database: the seed in, every value out, all or nothing.</summary>
public abstract class ImportExportVerbTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pt-tests", "io-" + Guid.NewGuid().ToString("N"));
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

    [Fact]
    public async Task The_seed_imports_into_five_projects_with_their_values()
    {
        var result = await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("新增 7", result.Out, StringComparison.Ordinal);
        var projects = await QueryAsync(db => db.Projects.Include(p => p.Indicators).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(5, projects.Count);
        Assert.Equal(45, projects.Sum(p => p.Indicators.Count));
        var first = projects[0];
        Assert.Equal(("1303032113FG3ZE1SGQAM", "综合政务管理业务费", 2000000.00m, 2000000.00m, 0m), (first.Code, first.Name, first.Budget, first.FiscalFunds, first.OtherFunds));
        Assert.Equal([25m, 50m, 75m, 100m], first.SpendingPlan.OrderBy(c => c.Month).Select(c => c.CumulativePercent));
        Assert.Equal(["营造良好的工作氛围，提升综合办公环境。", "为客商及群众提供更好的服务环境，提高综合满意度。"], first.Goals.OrderBy(g => g.Order).Select(g => g.Text));
        var purchase = first.Indicators.OrderBy(i => i.Order).First();
        Assert.Equal(("产出指标", "数量指标", "购置率", "实际购置用品数量/计划购置用品数量*100%", "≥90百分比", "年度工作计划"),
            (purchase.Level1, purchase.Level2, purchase.Name, purchase.Description, purchase.Value, purchase.Basis));
        Assert.Equal([70m, 70m, 70m, 100m], projects[4].SpendingPlan.OrderBy(c => c.Month).Select(c => c.CumulativePercent));
        Assert.Equal(34760000.00m, projects[3].Budget);

        var plan = await QueryAsync(db => db.UnitPlans.Include(p => p.SubGoals).SingleAsync());
        Assert.Equal(6, plan.SubGoals.Count);
        Assert.All(plan.SubGoals, g => Assert.Equal([90m, 80m, 60m, 0m], g.Bands.Select(b => b.Min)));
        Assert.Equal("综合办公日常运转率", plan.SubGoals.OrderBy(g => g.Order).First().Indicator);
    }

    [Fact]
    public async Task Importing_the_same_document_again_changes_nothing_and_says_so()
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var before = await QueryAsync(db => db.Projects.Select(p => new { p.Id, p.Version }).OrderBy(p => p.Id).ToListAsync());

        var again = await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("新增 0，修改 0，未变 6", again.Out, StringComparison.Ordinal);
        var after = await QueryAsync(db => db.Projects.Select(p => new { p.Id, p.Version }).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_changed_document_updates_in_place_without_duplicates()
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var changed = Seed.CopyTo(_folder, change: t => t.Replace("\t≥90百分比\n\t年度工作计划\n\n\t\n\t质量指标\n\t综合业务管理工作完成率", "\t≥95百分比\n\t年度工作计划\n\n\t\n\t质量指标\n\t综合业务管理工作完成率", StringComparison.Ordinal));

        var result = await VerbRunner.RunAsync(_db!, "import", changed, "--year", "2021");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("修改 1", result.Out, StringComparison.Ordinal);
        Assert.Equal(5, await QueryAsync(db => db.Projects.CountAsync()));
        var value = await QueryAsync(db => db.Indicators.Where(i => i.Name == "购置率").Select(i => i.Value).SingleAsync());
        Assert.Equal("≥95百分比", value);
    }

    [Fact]
    public async Task Every_imported_project_and_change_is_in_the_audit_trail()
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var changed = Seed.CopyTo(_folder, "changed.txt", t => t.Replace("\t0起", "\t0起", StringComparison.Ordinal).Replace("用于开发区日常综合办公及业务支出", "用于开发区日常综合办公及业务支出（调整）", StringComparison.Ordinal));
        await VerbRunner.RunAsync(_db!, "import", changed, "--year", "2021");

        var entries = await QueryAsync(db => db.AuditEntries.Where(a => a.ProjectCode == "1303032113FG3ZE1SGQAM").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Created", "Updated"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.StartsWith("import ", e.Operation, StringComparison.Ordinal));
        Assert.Contains("购置率", entries[0].After, StringComparison.Ordinal);
        Assert.Contains("631001", entries[0].UnitCode, StringComparison.Ordinal);
        Assert.Contains("（调整）", entries[1].After, StringComparison.Ordinal);
        Assert.DoesNotContain("（调整）", entries[1].Before, StringComparison.Ordinal);
        Assert.Equal(5, await QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "BudgetProject" && a.Action == "Created")));
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing()
    {
        var result = await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("试导入", result.Out, StringComparison.Ordinal);
        Assert.Contains("新增 7", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Projects.CountAsync()));
        Assert.Equal(0, await QueryAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task A_document_with_an_error_is_refused_with_its_location_and_nothing_is_written()
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var before = await QueryAsync(db => db.AuditEntries.CountAsync());
        var good = Seed.CopyTo(_folder, "good.txt", t => t.Replace("1303032113FG3ZE1SGQAM", "NEWCODE000000000000001", StringComparison.Ordinal));
        var bad = Seed.CopyTo(_folder, "bad.txt", t => t.Replace("\t214540.00\n\t其中：财政资金\n\t214540.00", "\t214540.00\n\t其中：财政资金\n\t200000.00", StringComparison.Ordinal));

        var result = await VerbRunner.RunAsync(_db!, "import", good, bad, "--year", "2021");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.txt 表", result.Error, StringComparison.Ordinal);
        Assert.Contains("未写入任何数据", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Projects.CountAsync(p => p.Code == "NEWCODE000000000000001")));
        Assert.Equal(before, await QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Export_json_prints_every_value_and_reimports_identically()
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var exported = await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");

        Assert.Equal(0, exported.ExitCode);
        using var json = JsonDocument.Parse(exported.Out);
        var unit = json.RootElement.GetProperty("units")[0];
        Assert.Equal("631001", unit.GetProperty("code").GetString());
        Assert.Equal(6, unit.GetProperty("subGoals").GetArrayLength());
        var projects = unit.GetProperty("projects");
        Assert.Equal(5, projects.GetArrayLength());
        var indicator = projects[0].GetProperty("indicators")[0];
        Assert.Equal("≥90百分比", indicator.GetProperty("value").GetString());
        Assert.Equal(">=", indicator.GetProperty("target").GetProperty("comparator").GetString());
        Assert.Equal(90m, indicator.GetProperty("target").GetProperty("number").GetDecimal());
        Assert.Equal("%", indicator.GetProperty("target").GetProperty("unit").GetString());
        Assert.Contains("undecided-value", projects[1].ToString(), StringComparison.Ordinal);
        Assert.Contains("\"budget\": 2000000.00", exported.Out, StringComparison.Ordinal);

        var file = Path.Combine(_folder, "export.json");
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(file, exported.Out);
        await using var second = TestDatabase.CreateSqlite();
        Assert.Equal(0, (await VerbRunner.RunAsync(second, "import", file)).ExitCode);
        var again = await VerbRunner.RunAsync(second, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");
        Assert.Equal(exported.Out, again.Out);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("txt")]
    public async Task Export_in_an_office_or_text_format_reimports_identically(string format)
    {
        await VerbRunner.RunAsync(_db!, "import", Seed.Path, "--year", "2021");
        var file = Path.Combine(_folder, "export." + format);
        Assert.Equal(0, (await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", format, "--unit", "631001", "--out", file)).ExitCode);
        var original = await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");

        await using var second = TestDatabase.CreateSqlite();
        var imported = await VerbRunner.RunAsync(second, "import", file, "--year", "2021");
        Assert.Equal(0, imported.ExitCode);
        var again = await VerbRunner.RunAsync(second, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");
        Assert.Equal(original.Out, again.Out);
    }

    [Fact]
    public async Task Export_of_an_unknown_unit_fails_and_bad_arguments_exit_2()
    {
        Assert.Equal(1, (await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", "json", "--unit", "000", "--out", "-")).ExitCode);
        Assert.Equal(2, (await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", "pdf", "--out", "-")).ExitCode);
        Assert.Equal(2, (await VerbRunner.RunAsync(_db!, "import", Seed.Path)).ExitCode);
    }

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

public sealed class SqliteImportExportVerbTests : ImportExportVerbTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresImportExportVerbTests : ImportExportVerbTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        TestDatabase.PostgresServer is null ? Task.FromResult(TestDatabase.CreateSqlite()) : TestDatabase.CreatePostgresAsync();
}
