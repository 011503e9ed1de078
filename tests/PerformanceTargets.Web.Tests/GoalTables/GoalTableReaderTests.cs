using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.GoalTables;

/// <summary>
/// The goal table's own read (<see cref="GoalTableReader"/>, one command) gives what the project loaded through EF Core
/// gives (<see cref="GoalTable.From"/>): every field the table shows, the plan in month order, goals and indicators in order.
/// </summary>
public abstract class GoalTableReaderTests(AppFixture fixture)
{
    [Fact]
    public async Task The_one_command_read_equals_the_table_of_the_loaded_project()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = WorkbenchData.SampleProject(unit.Id);
        project.SetImportDetails(codeProvisional: true, mediumTermGoal: "三年内建成综合服务平台", extraFields: "[{\"label\":\"主管部门\",\"value\":\"开发区管委会\"}]");
        project.SetSpendingPlan([new(12, 100m), new(3, 12.5m), new(6, 40m)]);
        var indicators = project.Indicators.ToList();
        indicators[1].ExtraFields = "[{\"label\":\"分值\",\"value\":\"10\"}]";
        project.SetIndicators(indicators);
        await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        var bare = await app.CreateProjectAsync(unit.Id);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == bare.Id);
            stored.SetSpendingPlan([]);
            stored.SetGoals([]);
            stored.SetIndicators([]);
            return await db.SaveChangesAsync();
        });

        foreach (var id in new[] { project.Id, bare.Id })
        {
            var (read, loaded) = await app.WithDbAsync(async db =>
            {
                var read = await Reader(app, db).ReadAsync(id);
                var entity = await db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == id);
                return (read, GoalTable.From(await db.Units.SingleAsync(u => u.Id == entity.UnitId), entity));
            });

            Assert.NotNull(read);
            Assert.Equal(Describe(loaded), Describe(read));
        }

        var full = (await app.WithDbAsync(db => Reader(app, db).ReadAsync(project.Id)))!;
        Assert.Equal([3, 6, 12], full.SpendingPlan.Select(c => c.Month));
        Assert.Equal(12.5m, full.SpendingPlan[0].CumulativePercent);
        Assert.True(full.CodeProvisional);
        Assert.Equal("三年内建成综合服务平台", full.MediumTermGoal);
        Assert.Equal([1, 2, 3, 4, 5], full.Indicators.Select(i => i.Order));
        Assert.Contains("分值", full.Indicators[1].ExtraFields);
        Assert.Equal(unit.Code, full.UnitCode);
        Assert.Null(await app.WithDbAsync(db => Reader(app, db).ReadAsync(int.MaxValue)));
    }

    [Fact]
    public async Task Goals_come_in_their_order_whatever_order_the_rows_were_stored_in()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);

        // The reader puts the plan and the goals in order itself: swap the stored order of the first two goals' rows.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"ProjectGoals\" SET \"Order\" = 3 - \"Order\" WHERE \"ProjectId\" = {0} AND \"Order\" IN (1, 2)", project.Id));
        var (read, loaded) = await app.WithDbAsync(async db =>
        {
            var read = await Reader(app, db).ReadAsync(project.Id);
            var entity = await db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id);
            return (read!, GoalTable.From(await db.Units.SingleAsync(u => u.Id == entity.UnitId), entity));
        });

        Assert.Equal([1, 2], read.Goals.Select(g => g.Order));
        Assert.Equal(loaded.Goals[0].Text, read.Goals[0].Text);
        Assert.Equal(Describe(loaded), Describe(read));
    }

    [Fact]
    public async Task The_header_is_read_fresh_on_every_view_and_inside_a_transaction_sees_its_changes()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);

        var first = await app.WithDbAsync(db => Reader(app, db).ReadHeaderAsync(project.Id));
        Assert.Equal(new GoalTableHeader(project.Id, unit.Id, project.Year, project.Name, project.Version, unit.Code, unit.Name), first);
        Assert.Null(await app.WithDbAsync(db => Reader(app, db).ReadHeaderAsync(int.MaxValue)));

        // A save renews the version; the next read (on a kept connection, on SQLite) sees the commit, not an old snapshot.
        var renamed = await app.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.Id);
            Rename(stored, "改名后的项目");
            await db.SaveChangesAsync();
            return stored.Version;
        });
        var second = (await app.WithDbAsync(db => Reader(app, db).ReadHeaderAsync(project.Id)))!;
        Assert.Equal("改名后的项目", second.Name);
        Assert.Equal(renamed, second.Version);
        Assert.NotEqual(first!.Version, second.Version);
        if (KeepsConnections)
        {
            var connections = app.Services.GetRequiredService<ReadConnections>();
            Assert.InRange(connections.Idle, 1, ReadConnections.Capacity);

            // A kept connection reads the file through memory-mapped I/O (SQLite reports the size it took).
            var mapped = await app.WithDbAsync(db => connections.ReadAsync(db, "PRAGMA mmap_size", "@unused", 0,
                async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetInt64(0) : -1));
            Assert.True(mapped > 0, $"mmap_size {mapped}");
        }

        // Inside a transaction the read runs on the transaction's connection and sees what it has not committed yet.
        var inside = await InsideUncommittedRenameAsync(app, project.Id, "未提交的名称", reader => reader.ReadHeaderAsync(project.Id));
        Assert.Equal("未提交的名称", inside!.Name);
        Assert.Equal("改名后的项目", (await app.WithDbAsync(db => Reader(app, db).ReadHeaderAsync(project.Id)))!.Name);
    }

    [Fact]
    public async Task A_first_view_reads_the_header_and_the_table_in_one_command_and_both_equal_their_own_reads()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);

        var (header, table) = await app.WithDbAsync(db => Reader(app, db).ReadHeaderWithTableAsync(project.Id));
        var (ownHeader, ownTable) = await app.WithDbAsync(async db => (await Reader(app, db).ReadHeaderAsync(project.Id), await Reader(app, db).ReadAsync(project.Id)));
        Assert.Equal(new GoalTableHeader(project.Id, unit.Id, project.Year, project.Name, project.Version, unit.Code, unit.Name), header);
        Assert.Equal(ownHeader, header);
        Assert.NotNull(table);
        Assert.Equal(Describe(ownTable!), Describe(table));
        Assert.Equal((null, null), await app.WithDbAsync(db => Reader(app, db).ReadHeaderWithTableAsync(int.MaxValue)));

        // Inside a transaction both see what it has not committed yet.
        var inside = await InsideUncommittedRenameAsync(app, project.Id, "未提交的名称", reader => reader.ReadHeaderWithTableAsync(project.Id));
        Assert.Equal("未提交的名称", inside.Header!.Name);
        Assert.Equal("未提交的名称", inside.Table!.Name);
    }

    /// <summary>Whether reads run on kept connections (a SQLite file) rather than the context's own.</summary>
    protected abstract bool KeepsConnections { get; }

    /// <summary>What <paramref name="read"/> gives inside a transaction that has renamed the project, saved, and is then rolled back.</summary>
    private static Task<T> InsideUncommittedRenameAsync<T>(AppFactory app, int projectId, string name, Func<GoalTableReader, Task<T>> read) =>
        app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Rename(await db.Projects.SingleAsync(p => p.Id == projectId), name);
            await db.SaveChangesAsync();
            var result = await read(Reader(app, db));
            await transaction.RollbackAsync();
            return result;
        });

    private static void Rename(BudgetProject project, string name) =>
        project.SetBasics(project.Code, name, project.Budget, project.FiscalFunds, project.OtherFunds, project.Purpose, project.AmountUnit, project.FundsSplitUnknown);

    private static GoalTableReader Reader(AppFactory app, AppDbContext db) =>
        new(db, app.Services.GetRequiredService<ReadConnections>(), app.Services.GetRequiredService<GoalTableHeaders>());

    private static string Describe(GoalTable table) => string.Join("\n", [
        $"{table.UnitCode}|{table.UnitName}|{table.Code}|{table.CodeProvisional}|{table.Name}|{table.AmountUnit}|{table.Budget}|{table.FiscalFunds}|{table.OtherFunds}|{table.FundsSplitUnknown}|{table.Purpose}|{table.MediumTermGoal}|{table.ExtraFields}",
        .. table.SpendingPlan.Select(c => $"plan {c.Month} {c.CumulativePercent}"),
        .. table.Goals.Select(g => $"goal {g.Order} {g.Text}"),
        .. table.Indicators.Select(i => $"indicator {i.Order} {i.Level1}|{i.Level2}|{i.Name}|{i.Description}|{i.Value}|{i.Basis}|{i.ExtraFields}"),
    ]);
}

public sealed class SqliteGoalTableReaderTests(SqliteAppFixture fixture) : GoalTableReaderTests(fixture), IClassFixture<SqliteAppFixture>
{
    protected override bool KeepsConnections => true;
}

public sealed class PostgresGoalTableReaderTests(PostgresAppFixture fixture) : GoalTableReaderTests(fixture), IClassFixture<PostgresAppFixture>
{
    protected override bool KeepsConnections => false;
}
