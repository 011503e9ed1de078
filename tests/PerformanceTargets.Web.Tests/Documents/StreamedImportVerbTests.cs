using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Documents;

/// <summary>
/// <c>import FILE.json</c> reads the JSON interchange as a stream, a batch of projects at a time, in one transaction, on
/// a real SQLite file: several batches in, an error in the very last project writes nothing.
/// </summary>
public sealed class StreamedImportVerbTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pt-tests", "stream-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "migrate")).ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Several_batches_of_projects_import_with_their_audit_entries_and_reimport_unchanged()
    {
        var file = Write("big.json", Document(units: 3, projectsPerUnit: 900));

        var result = await VerbRunner.RunAsync(_db, "import", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("新增 2703", result.Out, StringComparison.Ordinal); // 3 units, 2,700 projects
        var counts = await CountsAsync();
        Assert.Equal((3, 2700, 2700 * 2), (counts.Units, counts.Projects, counts.Indicators));
        Assert.Equal(2700, counts.Created);

        // The same file again changes nothing; one project changed is updated in place (matched by year and code).
        var again = await VerbRunner.RunAsync(_db, "import", file);
        Assert.Contains("新增 0，修改 0，未变 2700", again.Out, StringComparison.Ordinal);
        var document = Document(units: 3, projectsPerUnit: 900);
        document.Units[2].Projects[^1].Name = "改名的项目";
        var changed = await VerbRunner.RunAsync(_db, "import", Write("changed.json", document));
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Contains("新增 0，修改 1，未变 2699", changed.Out, StringComparison.Ordinal);
        Assert.Equal(2700, (await CountsAsync()).Projects);
    }

    [Fact]
    public async Task An_error_in_the_last_project_writes_nothing_and_is_located()
    {
        var document = Document(units: 3, projectsPerUnit: 900);
        var last = document.Units[2].Projects[^1];
        last.FiscalFunds += 1;
        var file = Write("bad.json", document);
        var before = await CountsAsync();

        var result = await VerbRunner.RunAsync(_db, "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("导入失败，未写入任何数据", result.Error, StringComparison.Ordinal);
        Assert.Contains($"bad.json $.units[2].projects[899]（单位 631003 项目 {last.Code}）.fiscalFunds", result.Error, StringComparison.Ordinal);
        Assert.Contains("财政资金", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, before.Projects);
    }

    [Fact]
    public async Task A_project_of_another_unit_in_the_last_batch_writes_nothing()
    {
        // The error only the database can tell (the code belongs to another unit's project) comes in the last batch.
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "import", Write("one.json", Document(units: 1, projectsPerUnit: 1)))).ExitCode);
        var document = Document(units: 3, projectsPerUnit: 900);
        document.Units[2].Projects[^1].Code = document.Units[0].Projects[0].Code;
        document.Units[0].Projects[0].Code = "X0000001";
        var before = await CountsAsync();

        var result = await VerbRunner.RunAsync(_db, "import", Write("taken.json", document));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("taken.json", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_over_long_name_of_a_new_unit_in_the_second_file_writes_nothing_and_is_located_there()
    {
        // A new unit is saved with its batch, not when it is first seen: its name is still checked before any save.
        var first = Write("first.json", Document(units: 1, projectsPerUnit: 1200));
        var document = Document(units: 2, projectsPerUnit: 3);
        document.Units.RemoveAt(0);
        document.Units[0].Name = new string('长', PerformanceTargets.Domain.Units.Unit.NameMaxLength + 1);
        var second = Write("second.json", document);
        var before = await CountsAsync();

        var result = await VerbRunner.RunAsync(_db, "import", first, second);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("导入失败，未写入任何数据", result.Error, StringComparison.Ordinal);
        Assert.Contains($"second.json Name: 单位 631002 的 Name 有 {PerformanceTargets.Domain.Units.Unit.NameMaxLength + 1} 个字符", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, before.Units);
    }

    [Fact]
    public async Task Each_new_project_has_its_own_json_in_its_audit_entry_also_in_a_year_with_projects()
    {
        // A new project's entry is written on the reading thread, ahead of the writer and across batches; a project the
        // year has already is left to the change tracker's audit (changed) or to none (unchanged).
        Assert.Equal(0, (await VerbRunner.RunAsync(_db, "import", Write("first.json", Document(units: 2, projectsPerUnit: 700)))).ExitCode);
        var document = Document(units: 2, projectsPerUnit: 700);
        document.Units[1].Projects[0].Name = "改名的项目";
        var added = Document(units: 1, projectsPerUnit: 1).Units[0].Projects[0];
        (added.Code, added.Name) = ("P0NEW", "新项目");
        document.Units[0].Projects.Add(added);

        var again = await VerbRunner.RunAsync(_db, "import", Write("second.json", document));

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("新增 1，修改 1，未变 1399", again.Out, StringComparison.Ordinal);
        var entries = await VerbRunner.InScopeAsync(_db, services => services.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == "Created" && a.EntityType == "BudgetProject")
            .Select(a => new { a.ProjectCode, a.Operation, a.After }).ToListAsync());
        var names = Document(units: 2, projectsPerUnit: 700).Units.SelectMany(u => u.Projects).ToDictionary(p => p.Code, p => p.Name);
        names[added.Code] = added.Name;
        Assert.Equal(names.Count, entries.Count);
        foreach (var entry in entries)
        {
            var after = System.Text.Json.JsonSerializer.Deserialize<InterchangeProject>(entry.After!)!;
            Assert.Equal((entry.ProjectCode, names[entry.ProjectCode!], 2), (after.Code, after.Name, after.Indicators.Count));
        }

        Assert.Equal("import second.json", Assert.Single(entries, e => e.ProjectCode == added.Code).Operation);
    }

    private string Write(string name, InterchangeDocument document)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, InterchangeJson.Serialize(document));
        return path;
    }

    private static InterchangeDocument Document(int units, int projectsPerUnit)
    {
        var document = new InterchangeDocument { Year = 2021 };
        for (var u = 0; u < units; u++)
        {
            var unit = new InterchangeUnit { Code = $"63100{u + 1}", Name = $"测试单位{u + 1}" };
            for (var p = 0; p < projectsPerUnit; p++)
            {
                unit.Projects.Add(new InterchangeProject
                {
                    Code = $"P{u}{p:000000}",
                    Name = $"项目{u}-{p}",
                    Budget = 1000.00m,
                    FiscalFunds = 600.00m,
                    OtherFunds = 400.00m,
                    Purpose = "用途",
                    Goals = ["完成工作"],
                    SpendingPlan = [new InterchangeCheckpoint { Month = 6, CumulativePercent = 50 }, new InterchangeCheckpoint { Month = 12, CumulativePercent = 100 }],
                    Indicators =
                    [
                        new InterchangeIndicator { Level1 = "产出指标", Level2 = "数量指标", Name = "完成数量", Value = "≥10个" },
                        new InterchangeIndicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = $"服务对象{p % 7}", Value = "提高" },
                    ],
                });
            }

            document.Units.Add(unit);
        }

        return document;
    }

    private sealed record Counts(int Units, int Projects, int Indicators, int Created, int Library, int Years);

    private Task<Counts> CountsAsync() => VerbRunner.InScopeAsync(_db, async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        return new Counts(
            await db.Units.CountAsync(), await db.Projects.CountAsync(), await db.Projects.SelectMany(p => p.Indicators).CountAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == "Created" && a.EntityType == "BudgetProject"),
            await db.LibraryIndicators.CountAsync(), await db.FiscalYears.CountAsync());
    });
}
