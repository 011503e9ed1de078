using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Demo;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>seed-demo --units N --projects N --year YYYY [--seed S]</c>: deterministic, realistic demo data written in batches
/// with a progress bar through <see cref="BulkInserter"/>. The audit trail gets one summary entry for the run instead of
/// one per generated project.
/// </summary>
internal sealed class SeedDemoCommand : ICommand
{
    private const int BatchSize = 1000;

    public IReadOnlyList<string> Usage { get; } = ["seed-demo --units N --projects N --year YYYY [--seed S] [--previous-year]   deterministic demo data (--previous-year: the same projects a year earlier too, approved with actuals)"];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, flags: ["previous-year"]);
        options.AllowOnly("units", "projects", "year", "seed", "previous-year");
        var unitCount = options.GetInt("units") ?? throw new CommandLineException("missing --units");
        var projectCount = options.GetInt("projects") ?? throw new CommandLineException("missing --projects");
        var year = options.GetInt("year") ?? throw new CommandLineException("missing --year");
        var seed = options.GetInt("seed") ?? 1;
        var withPrevious = options.Has("previous-year");
        if (unitCount < 1 || projectCount < 0 || year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            throw new CommandLineException($"--units must be at least 1, --projects at least 0, --year within {FiscalYear.MinYear}–{FiscalYear.MaxYear}");
        }

        var clock = Stopwatch.StartNew();
        var data = new DemoData(seed, year);
        List<(int Id, string Code)> units;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Set("cli:seed-demo", $"seed-demo --units {unitCount} --projects {projectCount} --year {year} --seed {seed}");
            if (await db.Projects.AnyAsync(p => p.Year == year || (withPrevious && p.Year == year - 1)))
            {
                await stderr.WriteLineAsync($"{(withPrevious ? $"{year - 1} 或 " : "")}{year} 年度已有项目数据；seed-demo 只写入空年度。");
                return 1;
            }

            foreach (var y in withPrevious ? new[] { year - 1, year } : [year])
            {
                if (!await db.FiscalYears.AnyAsync(f => f.Year == y))
                {
                    db.FiscalYears.Add(new FiscalYear(y));
                }
            }

            var existing = await db.Units.Select(u => u.Code).ToListAsync();
            var known = existing.ToHashSet();
            db.Units.AddRange(data.Units(unitCount).Where(u => !known.Contains(u.Code)));
            await db.SaveChangesAsync();
            units = await db.Units.OrderBy(u => u.Code).Take(unitCount).Select(u => new ValueTuple<int, string>(u.Id, u.Code)).ToListAsync();

            // The plans the units have already, in one query (not one round trip per unit: 2,000 at 100,000 projects).
            var ids = units.Select(u => u.Id).ToList();
            var planned = (await db.UnitPlans.Where(p => ids.Contains(p.UnitId) && (p.Year == year || p.Year == year - 1))
                .Select(p => new { p.UnitId, p.Year }).ToListAsync()).Select(p => (p.UnitId, p.Year)).ToHashSet();
            var plans = new List<(UnitPlan Plan, string UnitCode)>();
            foreach (var (id, code) in units)
            {
                if (!planned.Contains((id, year)))
                {
                    plans.Add((data.Plan(id), code));
                }

                if (withPrevious && !planned.Contains((id, year - 1)))
                {
                    plans.Add((new DemoData(seed, year - 1).Plan(id), code));
                }
            }

            // Through the bulk path with the audit entries the save would have written for them, as an import's new plans
            // go (SQLite, PostgreSQL); elsewhere through the save.
            await using var writer = new BulkInserter(db);
            if (writer.InsertsNestedParts)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await writer.InsertCreatedPlansAsync(
                    plans, scope.ServiceProvider.GetRequiredService<AuditActor>(), scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
                await transaction.CommitAsync();
            }
            else
            {
                db.UnitPlans.AddRange(plans.Select(p => p.Plan));
                await db.SaveChangesAsync();
            }
        }

        var written = 0;
        while (written < projectCount)
        {
            var size = Math.Min(BatchSize, projectCount - written);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                // The batch's projects in one call, in the order they were inserted one by one (so with the same ids): one
                // statement or COPY a table, not a handful of round trips a project, which is what PostgreSQL pays for.
                await using var writer = new BulkInserter(db);
                var projects = new List<BudgetProject>(withPrevious ? 2 * size : size);
                for (var i = 0; i < size; i++)
                {
                    var index = written + i;
                    var project = data.Project(units[index % units.Count].Id, index);
                    projects.Add(project);
                    if (withPrevious)
                    {
                        projects.Add(DemoData.PreviousYearOf(project));
                    }
                }

                await writer.InsertGraphsAsync(projects);

                await transaction.CommitAsync();
            }

            written += size;
            Progress(stdout, written, projectCount, clock.Elapsed);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AuditEntries.Add(new AuditEntry
            {
                At = DateTimeOffset.UtcNow,
                UserName = "cli:seed-demo",
                Action = "Created",
                Operation = $"seed-demo --units {unitCount} --projects {projectCount} --year {year} --seed {seed}",
                EntityType = "BudgetProject",
                EntityKey = $"{year} 演示数据 {projectCount} 个项目",
                Year = year,
            });
            await db.SaveChangesAsync();
        }

        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync($"seeded {units.Count} units and {projectCount} projects for {year}{(withPrevious ? $" (and for {year - 1})" : "")} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static void Progress(TextWriter stdout, int done, int total, TimeSpan elapsed)
    {
        const int width = 30;
        var filled = total == 0 ? width : (int)((long)done * width / total);
        stdout.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} projects, {elapsed.TotalSeconds:F0} s");
        stdout.Flush();
    }
}
