using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.CommandLine;

/// <summary><c>seed-demo</c>: deterministic, complete projects that the app reads back like any other, on each provider.</summary>
public abstract class SeedDemoTests : IAsyncLifetime
{
    private TestDatabase? _db;

    protected abstract Task<TestDatabase> CreateAsync();

    public async ValueTask InitializeAsync() => _db = await CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Seed_demo_with_a_previous_year_writes_the_same_projects_a_year_earlier_approved_with_actuals()
    {
        var result = await VerbRunner.RunAsync(_db!, "seed-demo", "--units", "2", "--projects", "6", "--year", "2033", "--previous-year");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("seeded 2 units and 6 projects for 2033 (and for 2032)", result.Out, StringComparison.Ordinal);

        var exported = await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2032", "--format", "json", "--out", "-");
        var previous = PerformanceTargets.Documents.PlanDocuments.ReadJson(exported.Out, "previous.json").Document!.Units.SelectMany(u => u.Projects).ToList();
        var current = PerformanceTargets.Documents.PlanDocuments.ReadJson((await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2033", "--format", "json", "--out", "-")).Out, "current.json")
            .Document!.Units.SelectMany(u => u.Projects).ToList();
        Assert.Equal(6, previous.Count);
        Assert.Equal(current.Select(p => p.Code).Order(), previous.Select(p => p.Code).Order());
        Assert.All(previous, p => Assert.Equal("Approved", p.Status));
        Assert.All(previous, p => Assert.Equal(Math.Round(current.Single(c => c.Code == p.Code).Budget * 0.9m, 2), p.Budget));

        // Actuals only where a project takes them: every project of the previous year, and only the approved ones this year.
        var actuals = await VerbRunner.RunAsync(_db!, "export", "ratings", "--year", "2032", "--format", "csv", "--out", "-");
        Assert.DoesNotContain("未评", actuals.Out, StringComparison.Ordinal);
        var submitted = current.Where(p => p.Status == "Submitted").Select(p => p.Code).ToList();
        var rated = await VerbRunner.RunAsync(_db!, "export", "ratings", "--year", "2033", "--format", "csv", "--out", "-");
        Assert.All(submitted, code => Assert.Contains(rated.Out.Split('\n'), line => line.Contains(code, StringComparison.Ordinal) && line.TrimEnd().EndsWith("未评,项目", StringComparison.Ordinal)));

        var again = await VerbRunner.RunAsync(_db!, "seed-demo", "--units", "2", "--projects", "6", "--year", "2034", "--previous-year");
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task Seed_demo_writes_complete_projects_the_app_reads_and_exports()
    {
        var result = await VerbRunner.RunAsync(_db!, "seed-demo", "--units", "3", "--projects", "25", "--year", "2021", "--seed", "7");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("seeded 3 units and 25 projects", result.Out, StringComparison.Ordinal);

        var exported = await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");
        Assert.Equal(0, exported.ExitCode);
        var document = PerformanceTargets.Documents.PlanDocuments.ReadJson(exported.Out, "demo.json");
        Assert.True(document.Succeeded, string.Join("; ", document.Errors));
        var projects = document.Document!.Units.SelectMany(u => u.Projects).ToList();
        Assert.Equal(25, projects.Count);
        Assert.Equal(3, document.Document.Units.Count);
        Assert.All(projects, p =>
        {
            Assert.Equal(p.Budget, p.FiscalFunds + p.OtherFunds);
            Assert.Equal([3, 6, 10, 12], p.SpendingPlan.Select(c => c.Month));
            Assert.Equal(100m, p.SpendingPlan[^1].CumulativePercent);
            Assert.Equal(9, p.Indicators.Count);
            Assert.Equal(2, p.Goals.Count);
            Assert.Contains(p.Status, new[] { "Submitted", "Approved" });
        });
        Assert.Contains(projects, p => p.Indicators.Any(i => i.Warnings.Count > 0));
        Assert.All(document.Document.Units, u => Assert.NotEmpty(u.SubGoals));
        Assert.All(document.Document.Units, u => Assert.All(u.SubGoals, g => Assert.Equal(4, g.Bands.Count)));

        // Each plan's creation is in the audit trail, with its sub-goals and their bands, as the save would have put it.
        var planEntries = await VerbRunner.InScopeAsync(_db!, services => services.GetRequiredService<PerformanceTargets.Web.Infrastructure.Data.AppDbContext>()
            .AuditEntries.Where(e => e.EntityType == "UnitPlan").Select(e => new { e.Action, e.UserName, e.After }).ToListAsync());
        Assert.Equal(3, planEntries.Count);
        Assert.All(planEntries, e =>
        {
            Assert.Equal("Created", e.Action);
            Assert.Equal("cli:seed-demo", e.UserName);
            Assert.Contains("SubGoal", e.After, StringComparison.Ordinal);
            Assert.Contains("RatingBand", e.After, StringComparison.Ordinal);
        });

        var again = await VerbRunner.RunAsync(_db!, "seed-demo", "--units", "3", "--projects", "25", "--year", "2021");
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data()
    {
        await VerbRunner.RunAsync(_db!, "seed-demo", "--units", "2", "--projects", "10", "--year", "2022", "--seed", "3");
        await using var other = TestDatabase.CreateSqlite();
        await VerbRunner.RunAsync(other, "seed-demo", "--units", "2", "--projects", "10", "--year", "2022", "--seed", "3");

        var first = await VerbRunner.RunAsync(_db!, "export", "projects", "--year", "2022", "--format", "json", "--out", "-");
        var second = await VerbRunner.RunAsync(other, "export", "projects", "--year", "2022", "--format", "json", "--out", "-");
        Assert.Equal(first.Out, second.Out);
    }
}

public sealed class SqliteSeedDemoTests : SeedDemoTests
{
    protected override Task<TestDatabase> CreateAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresSeedDemoTests : SeedDemoTests
{
    protected override async Task<TestDatabase> CreateAsync()
    {
        return TestDatabase.PostgresServer is null ? TestDatabase.CreateSqlite() : await TestDatabase.CreatePostgresAsync();
    }
}
