using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Documents;

/// <summary>
/// <c>import FILE --unit CODE [--unit-name NAME]</c> with real published goal tables of other provinces: no codes, no
/// unit code, no spending plan — imported as drafts with generated provisional codes, the extra fields kept.
/// </summary>
public sealed class ProvinceImportVerbTests : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_table_without_codes_needs_a_unit_and_a_new_unit_needs_a_name()
    {
        var file = Seed.Province("hunan-ningxiang-2021");
        var none = await VerbRunner.RunAsync(_db, "import", file, "--year", "2021");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("--unit", none.Error, StringComparison.Ordinal);

        var nameless = await VerbRunner.RunAsync(_db, "import", file, "--year", "2021", "--unit", "430182001");
        Assert.Equal(1, nameless.ExitCode);
        Assert.Contains("--unit-name", nameless.Error, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Projects.CountAsync()));

        var bad = await VerbRunner.RunAsync(_db, "import", file, "--year", "2021", "--unit-name", "坝塘镇");
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task It_imports_as_a_draft_with_a_provisional_code_and_keeps_what_has_no_field_then_refuses_submission_until_the_plan_exists()
    {
        var file = Seed.Province("hunan-ningxiang-2021");
        var result = await VerbRunner.RunAsync(_db, "import", file, "--year", "2021", "--unit", "430182001", "--unit-name", "宁乡市坝塘镇人民政府");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("提示", result.Out, StringComparison.Ordinal);
        Assert.Contains("临时编码", result.Out, StringComparison.Ordinal);
        Assert.Contains("联系电目起止时间", result.Out, StringComparison.Ordinal);
        var project = await QueryAsync(db => db.Projects.Include(p => p.Indicators).SingleAsync());
        Assert.Equal(PerformanceTargets.Documents.Parsing.PlanDocumentParser.GeneratedCode("430182001", 2021, "镇域内基础设施建设"), project.Code);
        Assert.True(project.CodeProvisional);
        Assert.Equal((106067522.00m, 69233552.00m, 36833970.00m, "万元"), (project.Budget, project.FiscalFunds, project.OtherFunds, project.AmountUnit));
        Assert.Equal("改善镇域内基础设施,振兴乡村经济", project.MediumTermGoal);
        Assert.Contains("蒋建华", project.ExtraFields, StringComparison.Ordinal);
        Assert.Equal(8, project.Indicators.Count);
        Assert.Empty(project.SpendingPlan);
        Assert.Equal(PerformanceTargets.Domain.Projects.ProjectStatus.Draft, project.Status);
        var refused = Assert.Throws<DomainException>(() => project.Submit("finance", DateTimeOffset.UtcNow));
        Assert.Contains("资金支出计划", refused.Message, StringComparison.Ordinal);

        var again = await VerbRunner.RunAsync(_db, "import", file, "--year", "2021", "--unit", "430182001");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("未变 1", again.Out, StringComparison.Ordinal);
        Assert.Equal("宁乡市坝塘镇人民政府", await QueryAsync(db => db.Units.Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_total_without_its_split_is_stored_as_unknown_and_blocks_submission()
    {
        var result = await VerbRunner.RunAsync(_db, "import", Seed.Province("hubei-ezhou-2022"), "--year", "2022", "--unit", "420700001", "--unit-name", "鄂州市直单位（测试）");

        Assert.Equal(0, result.ExitCode);
        var project = await QueryAsync(db => db.Projects.SingleAsync());
        Assert.True(project.FundsSplitUnknown);
        Assert.Equal((814m, 0m, 0m), (project.Budget, project.FiscalFunds, project.OtherFunds));
        Assert.Contains("构成", project.MissingForSubmission, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunan-ningxiang-2021", "2021", "430182001", "宁乡市坝塘镇人民政府", "json")]
    [InlineData("hunan-ningxiang-2021", "2021", "430182001", "宁乡市坝塘镇人民政府", "docx")]
    [InlineData("hunan-ningxiang-2021", "2021", "430182001", "宁乡市坝塘镇人民政府", "txt")]
    [InlineData("hubei-ezhou-2022", "2022", "420700001", "鄂州市直单位（测试）", "json")]
    [InlineData("hubei-ezhou-2022", "2022", "420700001", "鄂州市直单位（测试）", "docx")]
    [InlineData("hubei-ezhou-2022", "2022", "420700001", "鄂州市直单位（测试）", "txt")]
    [InlineData("hubei-ezhou-2022", "2022", "420700001", "鄂州市直单位（测试）", "xlsx")]
    [InlineData("hunan-ningxiang-2021", "2021", "430182001", "宁乡市坝塘镇人民政府", "xlsx")]
    public async Task An_export_of_an_imported_province_table_re_imports_to_the_same_data(string fixture, string year, string unit, string unitName, string format)
    {
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "import", Seed.Province(fixture), "--year", year, "--unit", unit, "--unit-name", unitName)).ExitCode);
        var folder = Directory.CreateTempSubdirectory("pt-prov-export-").FullName;
        try
        {
            var file = Path.Combine(folder, "export." + format);
            Assert.Equal(0, (await VerbRunner.RunAsync(_db, "export", "projects", "--year", year, "--format", format, "--unit", unit, "--out", file)).ExitCode);
            var original = await VerbRunner.RunAsync(_db, "export", "projects", "--year", year, "--format", "json", "--out", "-");
            Assert.Contains("\"codeProvisional\": true", original.Out, StringComparison.Ordinal);
            Assert.Contains("\"extra\"", original.Out, StringComparison.Ordinal);

            // Into the same database: nothing changed.
            var same = await VerbRunner.RunAsync(_db, "import", file, "--year", year);
            Assert.Equal(0, same.ExitCode);
            Assert.Contains("未变 1", same.Out, StringComparison.Ordinal);

            // Into an empty one: the same data.
            await using var second = TestDatabase.CreateSqlite();
            var imported = await VerbRunner.RunAsync(second, "import", file, "--year", year);
            Assert.Equal(0, imported.ExitCode);
            var again = await VerbRunner.RunAsync(second, "export", "projects", "--year", year, "--format", "json", "--out", "-");
            Assert.Equal(original.Out, again.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_text_export_shows_the_kept_fields_the_provisional_code_and_an_unknown_split_as_unknown()
    {
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "import", Seed.Province("hubei-ezhou-2022"), "--year", "2022", "--unit", "420700001", "--unit-name", "鄂州市直单位（测试）")).ExitCode);
        var text = await VerbRunner.RunAsync(_db, "export", "projects", "--year", "2022", "--format", "txt", "--out", "-");
        Assert.Contains("\t其中：财政资金\n\t未知\n\t其他资金\n\t未知\n", text.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\t其他信息\n\n\t项目类别\n\t本级支出项目\n", text.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\t项目编码（临时）\n", text.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = _db.Provider.ToString();
        builder.Configuration["ConnectionStrings:Default"] = _db.ConnectionString;
        builder.Services.AddAppDatabase(builder.Configuration, Path.GetTempPath());
        await using var services = builder.Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
