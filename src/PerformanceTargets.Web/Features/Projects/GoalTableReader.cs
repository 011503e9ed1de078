using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Data.Configurations;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// Reads one project's <see cref="GoalTable"/> with one command of four statements: the project with its unit, its
/// indicators, its spending plan, its goals. Loading the project through EF Core costs eight
/// queries (the project, each of its five collections split, the unit), each prepared and materialised on its own, and reads
/// the review history and monthly spending the table never shows; the goal table is the busiest page, and its first view of
/// each project paid for all of them. Table and column names come from the EF Core model (<see cref="SqlTable"/>).
/// </summary>
/// <remarks>
/// The project is a statement of its own rather than joined to each of its indicators: the database built the project's
/// thirteen columns again for every indicator row. The plan and the goals are put in order here, not by the database, which
/// sorted their handful of rows in a temporary b-tree (no index orders them). Together a first view cost ~8 % less.
/// </remarks>
public sealed class GoalTableReader(AppDbContext db, ReadConnections connections, GoalTableHeaders headers)
{
    // By context type (one per provider): the provider's name is worked out anew on every call.
    private static readonly ConcurrentDictionary<Type, string> SqlByProvider = new();
    private static readonly ConcurrentDictionary<Type, string> HeaderSqlByProvider = new();
    private static readonly ConcurrentDictionary<Type, string> HeaderAndTableSqlByProvider = new();

    /// <summary>The goal table of project <paramref name="projectId"/>, or null when there is no such project.</summary>
    public Task<GoalTable?> ReadAsync(int projectId, CancellationToken cancellationToken = default) =>
        connections.ReadAsync(db, SqlByProvider.GetOrAdd(db.GetType(), _ => BuildSql(db)), "@id", projectId, ReadAsync, cancellationToken);

    /// <summary>
    /// The one row the goal-table page reads on every view (access and the cache key: the project's unit and version, the
    /// unit's code and name), or null when there is no such project. On PostgreSQL it comes from <see cref="GoalTableHeaders"/>
    /// while the change feed is live, except inside a transaction (which must see its own changes, and must not leave them
    /// remembered if it rolls back).
    /// </summary>
    public async Task<GoalTableHeader?> ReadHeaderAsync(int projectId, CancellationToken cancellationToken = default) =>
        (await ReadRememberingAsync(projectId, withTable: false, cancellationToken)).Header;

    /// <summary>
    /// The header and, when it had to be read, the whole table with it in the same command (the header's columns in the
    /// project's statement): a first view of a project needs both, and on a database server the table's own round trip
    /// cost as much as everything else the page does. When the header is remembered
    /// (<see cref="ReadHeaderAsync(int, CancellationToken)"/>) the table is null and is read, if at all, by
    /// <see cref="ReadAsync(int, CancellationToken)"/>. Both null when there is no such project.
    /// </summary>
    public Task<(GoalTableHeader? Header, GoalTable? Table)> ReadHeaderWithTableAsync(int projectId, CancellationToken cancellationToken = default) =>
        ReadRememberingAsync(projectId, withTable: true, cancellationToken);

    /// <summary>
    /// The header from <see cref="GoalTableHeaders"/> when remembered (outside a transaction), else read (with the table when
    /// <paramref name="withTable"/>) and remembered unless a change overtook the read.
    /// </summary>
    private async Task<(GoalTableHeader? Header, GoalTable? Table)> ReadRememberingAsync(int projectId, bool withTable, CancellationToken cancellationToken)
    {
        var remembers = db.Database.CurrentTransaction is null;
        if (remembers && headers.TryGet(projectId, out var remembered))
        {
            return (remembered, null);
        }

        var generation = headers.Generation;
        var read = withTable
            ? await connections.ReadAsync(db, HeaderAndTableSqlByProvider.GetOrAdd(db.GetType(), _ => BuildSql(db, withHeader: true)), "@id", projectId,
                static async (reader, ct) => await reader.ReadAsync(ct)
                    ? (Header(reader), await ReadAfterHeadAsync(reader, HeaderColumns, ct))
                    : ((GoalTableHeader?)null, (GoalTable?)null),
                cancellationToken)
            : (await connections.ReadAsync(db, HeaderSqlByProvider.GetOrAdd(db.GetType(), _ => BuildHeaderSql(db)), "@id", projectId,
                ReadHeaderAsync, cancellationToken), null);
        if (remembers && read.Item1 is { } found)
        {
            headers.Remember(generation, found);
        }

        return read;
    }

    private static async Task<GoalTableHeader?> ReadHeaderAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? Header(reader) : null;

    /// <summary>The header's columns (<see cref="BuildHeaderSql"/>, or the first of <see cref="BuildSql"/> with the header).</summary>
    private const int HeaderColumns = 7;

    private static GoalTableHeader Header(DbDataReader reader) =>
        new(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetGuid(4), reader.GetString(5), reader.GetString(6));

    private static async Task<GoalTable?> ReadAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? await ReadAfterHeadAsync(reader, 0, cancellationToken) : null;

    /// <summary>The table, its project's row read already (its columns from <paramref name="at"/> on), then the other three statements.</summary>
    private static async Task<GoalTable> ReadAfterHeadAsync(DbDataReader reader, int at, CancellationToken cancellationToken)
    {
        // 1. The project and its unit.
        var head = (
            UnitCode: reader.GetString(at), UnitName: reader.GetString(at + 1), Code: reader.GetString(at + 2), CodeProvisional: reader.GetBoolean(at + 3),
            Name: reader.GetString(at + 4), AmountUnit: reader.GetString(at + 5), Budget: reader.GetDecimal(at + 6), FiscalFunds: reader.GetDecimal(at + 7),
            OtherFunds: reader.GetDecimal(at + 8), FundsSplitUnknown: reader.GetBoolean(at + 9), Purpose: reader.GetString(at + 10),
            MediumTermGoal: reader.GetStringOrNull(at + 11), ExtraFields: reader.GetStringOrNull(at + 12));

        // 2. Its indicators, in order (the index on project and order gives them so).
        await reader.NextResultAsync(cancellationToken);
        var indicators = new List<Indicator>();
        while (await reader.ReadAsync(cancellationToken))
        {
            indicators.Add(new Indicator(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetStringOrNull(4) ?? string.Empty,
                reader.GetStringOrNull(5) ?? string.Empty, reader.GetStringOrNull(6) ?? string.Empty)
            {
                Order = reader.GetInt32(0),
                ExtraFields = reader.GetStringOrNull(7),
            });
        }

        // 3. The spending plan, put in month order here: a handful of rows, and the database would sort them in a temporary b-tree.
        await reader.NextResultAsync(cancellationToken);
        var plan = new List<SpendingCheckpoint>(4);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(new SpendingCheckpoint(reader.GetInt32(0), reader.GetDecimal(1)));
        }

        plan.Sort(static (a, b) => a.Month.CompareTo(b.Month));

        // 4. The goals, put in order here likewise.
        await reader.NextResultAsync(cancellationToken);
        var goals = new List<ProjectGoal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            goals.Add(new ProjectGoal(reader.GetInt32(0), reader.GetString(1)));
        }

        goals.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return new GoalTable(head.UnitCode, head.UnitName, head.Code, head.CodeProvisional, head.Name, head.AmountUnit, head.Budget,
            head.FiscalFunds, head.OtherFunds, head.FundsSplitUnknown, head.Purpose, head.MediumTermGoal, head.ExtraFields, plan, goals, indicators);
    }

    private static string BuildHeaderSql(AppDbContext db)
    {
        var p = SqlTable.Of<BudgetProject>(db, "p");
        var u = SqlTable.Of<Unit>(db, "u");
        return $"SELECT {HeaderColumnList(p, u)} "
            + $"FROM {p.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {p[nameof(BudgetProject.UnitId)]} WHERE {p[nameof(BudgetProject.Id)]} = @id";
    }

    private static string HeaderColumnList(SqlTable p, SqlTable u) =>
        $"{p[nameof(BudgetProject.Id)]}, {p[nameof(BudgetProject.UnitId)]}, {p[nameof(BudgetProject.Year)]}, {p[nameof(BudgetProject.Name)]}, "
        + $"{p[nameof(BudgetProject.Version)]}, {u[nameof(Unit.Code)]}, {u[nameof(Unit.Name)]}";

    /// <summary>The table's four statements; <paramref name="withHeader"/> puts the header's columns first in the project's (one lookup for both).</summary>
    private static string BuildSql(AppDbContext db, bool withHeader = false)
    {
        var p = SqlTable.Of<BudgetProject>(db, "p");
        var u = SqlTable.Of<Unit>(db, "u");
        var i = SqlTable.Of<Indicator>(db, "i");
        var c = SqlTable.Of<SpendingCheckpoint>(db, "c");
        var g = SqlTable.Of<ProjectGoal>(db, "g");
        const string owner = ProjectConfiguration.ProjectForeignKey;
        return $"SELECT {(withHeader ? HeaderColumnList(p, u) + ", " : "")}{u[nameof(Unit.Code)]}, {u[nameof(Unit.Name)]}, {p[nameof(BudgetProject.Code)]}, {p[nameof(BudgetProject.CodeProvisional)]}, "
            + $"{p[nameof(BudgetProject.Name)]}, {p[nameof(BudgetProject.AmountUnit)]}, {p[nameof(BudgetProject.Budget)]}, {p[nameof(BudgetProject.FiscalFunds)]}, "
            + $"{p[nameof(BudgetProject.OtherFunds)]}, {p[nameof(BudgetProject.FundsSplitUnknown)]}, {p[nameof(BudgetProject.Purpose)]}, "
            + $"{p[nameof(BudgetProject.MediumTermGoal)]}, {p[nameof(BudgetProject.ExtraFields)]} "
            + $"FROM {p.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {p[nameof(BudgetProject.UnitId)]} WHERE {p[nameof(BudgetProject.Id)]} = @id;\n"
            + $"SELECT {i[nameof(Indicator.Order)]}, {i[nameof(Indicator.Level1)]}, {i[nameof(Indicator.Level2)]}, {i[nameof(Indicator.Name)]}, "
            + $"{i[nameof(Indicator.Description)]}, {i[nameof(Indicator.Value)]}, {i[nameof(Indicator.Basis)]}, {i[nameof(Indicator.ExtraFields)]} "
            + $"FROM {i.From} WHERE {i[owner]} = @id ORDER BY {i[nameof(Indicator.Order)]}, {i[nameof(Indicator.Id)]};\n"
            + $"SELECT {c[nameof(SpendingCheckpoint.Month)]}, {c[nameof(SpendingCheckpoint.CumulativePercent)]} FROM {c.From} WHERE {c[owner]} = @id;\n"
            + $"SELECT {g[nameof(ProjectGoal.Order)]}, {g[nameof(ProjectGoal.Text)]} FROM {g.From} WHERE {g[owner]} = @id";
    }
}

/// <summary>The one row the goal-table page reads on every view.</summary>
public sealed record GoalTableHeader(int Id, int UnitId, int Year, string Name, Guid Version, string UnitCode, string UnitName);
