using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Data.Configurations;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Ratings;

/// <summary>
/// Reads a page of ratings (the ratings page: one unit, or the units of a page of the all-units overview) with one command
/// of three statements: what is stale among the units' ratings (the check <see cref="YearEnd.RatingCalculator.RefreshUnitsAsync"/>
/// makes: a project without a rating or rated at another version or with other settings, by its id; a unit plan whose
/// sub-goals were not rated at its version, by its unit's id negated), the project rows, the sub-goal rows. Through EF Core
/// these were three queries, each translated, sent and materialised on its own (on PostgreSQL, each planned too); the page
/// is read on every view. When something is stale the caller rates it and reads again. Table and column names come from
/// the EF Core model (<see cref="SqlTable"/>).
/// </summary>
public sealed class RatingsPageReader(AppDbContext db)
{
    // By context type (one per provider; EF works the provider's name out anew on every call) and number of units.
    private static readonly ConcurrentDictionary<(Type Context, int Units), string> SqlByShape = new();

    /// <summary>What <see cref="ReadAsync"/> read: the stale projects and unit plans (by unit), and the rows.</summary>
    public sealed record Result(IReadOnlyList<int> StaleProjects, IReadOnlyList<int> StalePlans, IReadOnlyList<ProjectRatingRow> Projects, IReadOnlyList<SubGoalRatingRow> SubGoals)
    {
        /// <summary>What the unit picker's statements read, when they were sent in front (see <see cref="ReadAsync"/>).</summary>
        public UnitHeader.Result? Header { get; init; }

        public bool IsStale => StaleProjects.Count > 0 || StalePlans.Count > 0;
    }

    /// <summary>
    /// The ratings of <paramref name="year"/> of the units <paramref name="unitIds"/>: their projects in unit-code,
    /// project-code order from the <paramref name="skip"/>th, at most <paramref name="take"/>, and at most
    /// <paramref name="takeSubGoals"/> sub-goals in unit-code order; and which of their ratings are stale when the year's
    /// settings are described by <paramref name="settings"/> (<see cref="ProjectRating.Describe"/>). With a
    /// <paramref name="header"/>, the page's unit picker is read in the same command, first (<see cref="Result.Header"/>).
    /// </summary>
    public async Task<Result> ReadAsync(int year, IReadOnlyCollection<int> unitIds, string settings, int skip, int take, int takeSubGoals,
        CancellationToken cancellationToken = default, UnitHeader? header = null)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        if (unitIds.Count == 0)
        {
            if (header is null)
            {
                return new Result([], [], [], []);
            }

            var only = new List<(string Name, object Value)>();
            header.AddParameters(only);
            var picker = await ReadConnections.OnContextAsync(db, header.Sql(db), only, header.ReadAsync, cancellationToken);
            return new Result([], [], [], []) { Header = picker };
        }

        var sql = SqlByShape.GetOrAdd((db.GetType(), unitIds.Count), shape => BuildSql(db, shape.Units));
        if (header is not null)
        {
            sql = header.Sql(db) + sql;
        }

        var parameters = new List<(string Name, object Value)>(5 + unitIds.Count)
        {
            ("@year", year), ("@settings", settings), ("@skip", skip), ("@take", take), ("@takeSubGoals", takeSubGoals),
        };
        var k = 0;
        foreach (var unitId in unitIds)
        {
            parameters.Add(("@u" + k.ToString(CultureInfo.InvariantCulture), unitId));
            k++;
        }

        header?.AddParameters(parameters);

        return await ReadConnections.OnContextAsync(db, sql, parameters, async (reader, ct) =>
        {
            var picker = header is null ? null : await header.ReadAsync(reader, ct);

            // 1. Stale: a project by its id, a unit plan by its unit's id negated (keys are positive).
            var staleProjects = new List<int>();
            var stalePlans = new List<int>();
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt32(0);
                if (id > 0)
                {
                    staleProjects.Add(id);
                }
                else
                {
                    stalePlans.Add(-id);
                }
            }

            // 2. The project rows.
            await reader.NextResultAsync(ct);
            var projects = new List<ProjectRatingRow>(Math.Min(take, 256));
            while (await reader.ReadAsync(ct))
            {
                projects.Add(new ProjectRatingRow(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetDecimal(5),
                    reader.GetDecimalOrNull(6), reader.GetDecimalOrNull(7), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetStringOrNull(10),
                    reader.GetStringOrNull(11)));
            }

            // 3. The sub-goal rows.
            await reader.NextResultAsync(ct);
            var subGoals = new List<SubGoalRatingRow>();
            while (await reader.ReadAsync(ct))
            {
                subGoals.Add(new SubGoalRatingRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimalOrNull(3), reader.GetStringOrNull(4)));
            }

            return new Result(staleProjects, stalePlans, projects, subGoals) { Header = picker };
        }, cancellationToken);
    }

    // By context type (as above) and number of rows.
    private static readonly ConcurrentDictionary<(Type Context, int Rows), string> FirstRowsSql = new();

    /// <summary>
    /// The units, in code order, that hold the first <paramref name="rows"/> projects of <paramref name="year"/> in unit-code,
    /// project-code order (the first page of the all-units overview), and whether any project comes after them. One
    /// statement reads the keys of those rows and one more: both providers walk the units' code index and each unit's
    /// (unit, year, code) index and stop there, where counting the projects of the first units a chunk at a time counted every
    /// project of twenty units (and on PostgreSQL was planned anew on every view: its skip and take were parameters). The
    /// number of rows is written into the statement, so the database plans it once.
    /// </summary>
    public static async Task<(IReadOnlyList<int> Units, bool More)> UnitsOfFirstRowsAsync(AppDbContext db, int year, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var sql = FirstRowsSql.GetOrAdd((db.GetType(), rows), shape =>
        {
            var p = SqlTable.Of<BudgetProject>(db, "p");
            var u = SqlTable.Of<Unit>(db, "u");
            return $"SELECT {p[nameof(BudgetProject.UnitId)]} FROM {p.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {p[nameof(BudgetProject.UnitId)]} "
                + $"WHERE {p[nameof(BudgetProject.Year)]} = @year ORDER BY {u[nameof(Unit.Code)]}, {p[nameof(BudgetProject.Code)]}"
                + SqlTable.Page(db, (shape.Rows + 1).ToString(CultureInfo.InvariantCulture), "0");
        });
        return await ReadConnections.OnContextAsync(db, sql, [("@year", year)], async (reader, ct) =>
        {
            var units = new List<int>();
            var read = 0;
            while (await reader.ReadAsync(ct))
            {
                if (++read > rows)
                {
                    return ((IReadOnlyList<int>)units, true);
                }

                var unitId = reader.GetInt32(0);
                if (units.Count == 0 || units[^1] != unitId)
                {
                    units.Add(unitId);
                }
            }

            return ((IReadOnlyList<int>)units, false);
        }, cancellationToken);
    }

    // By context type (as above) and number of rows.
    private static readonly ConcurrentDictionary<(Type Context, int Rows), string> RowsAfterSql = new();

    /// <summary>
    /// As <see cref="UnitsOfFirstRowsAsync"/>, for the page after the row (<paramref name="afterUnit"/>, <paramref name="afterProject"/>)
    /// of the overview (keyset paging: unit code, then project code; project codes are unique in a year, so the pair is a
    /// key): the units that hold the next <paramref name="rows"/> projects, how many projects of the first of them come
    /// before the key (the rows of that unit the page skips), and whether any project comes after them. One statement, as
    /// for the first page: it walks the units' code index from the key's unit and each unit's (unit, year, code) index, and
    /// counts the key unit's earlier projects once. Before, the units after the key were read twenty at a time through
    /// EF Core with two counts each, and the last page of the overview was a quarter slower than the first.
    /// </summary>
    public static async Task<(IReadOnlyList<int> Units, int Skip, bool More)> UnitsAfterRowAsync(AppDbContext db, int year, string afterUnit, string afterProject,
        int rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(afterUnit);
        ArgumentNullException.ThrowIfNull(afterProject);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var sql = RowsAfterSql.GetOrAdd((db.GetType(), rows), shape =>
        {
            var p = SqlTable.Of<BudgetProject>(db, "p");
            var u = SqlTable.Of<Unit>(db, "u");
            var p0 = SqlTable.Of<BudgetProject>(db, "p0");
            var u0 = SqlTable.Of<Unit>(db, "u0");
            var before = $"(SELECT COUNT(*) FROM {p0.From} JOIN {u0.From} ON {u0[nameof(Unit.Id)]} = {p0[nameof(BudgetProject.UnitId)]} "
                + $"WHERE {u0[nameof(Unit.Code)]} = @afterUnit AND {p0[nameof(BudgetProject.Year)]} = @year AND {p0[nameof(BudgetProject.Code)]} <= @afterProject)";

            // (code > key unit) or (code = key unit and project code > key project), with the range on the unit code spelt
            // out so that both providers seek the units' code index instead of scanning it.
            return $"SELECT {p[nameof(BudgetProject.UnitId)]}, {u[nameof(Unit.Code)]}, {before} FROM {p.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {p[nameof(BudgetProject.UnitId)]} "
                + $"WHERE {p[nameof(BudgetProject.Year)]} = @year AND {u[nameof(Unit.Code)]} >= @afterUnit "
                + $"AND ({u[nameof(Unit.Code)]} > @afterUnit OR {p[nameof(BudgetProject.Code)]} > @afterProject) "
                + $"ORDER BY {u[nameof(Unit.Code)]}, {p[nameof(BudgetProject.Code)]}"
                + SqlTable.Page(db, (shape.Rows + 1).ToString(CultureInfo.InvariantCulture), "0");
        });
        return await ReadConnections.OnContextAsync(db, sql, [("@year", year), ("@afterUnit", afterUnit), ("@afterProject", afterProject)], async (reader, ct) =>
        {
            var units = new List<int>();
            var skip = 0;
            var read = 0;
            while (await reader.ReadAsync(ct))
            {
                if (++read > rows)
                {
                    return ((IReadOnlyList<int>)units, skip, true);
                }

                var unitId = reader.GetInt32(0);
                if (units.Count == 0)
                {
                    // The key's own unit goes on after the key: its earlier projects are skipped.
                    skip = reader.GetString(1) == afterUnit ? Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture) : 0;
                }

                if (units.Count == 0 || units[^1] != unitId)
                {
                    units.Add(unitId);
                }
            }

            return ((IReadOnlyList<int>)units, skip, false);
        }, cancellationToken);
    }

    // By context type (as above) and number of rows.
    private static readonly ConcurrentDictionary<(Type Context, int Rows), string> RowsBeforeSql = new();

    /// <summary>
    /// The page before the row (<paramref name="beforeUnit"/>, <paramref name="beforeProject"/>) of the overview (the
    /// "previous" link, keyed by the first row of the page it is on): the units that hold the <paramref name="rows"/>
    /// projects before the key, in unit-code order, and how many projects of the first of them come before the page (the
    /// rows of that unit the page skips). The rows are read backwards from the key, as <see cref="UnitsAfterRowAsync"/> reads
    /// forwards; counting the pages from the first unit cost a query per twenty units, every one of them on a late page.
    /// </summary>
    public static async Task<(IReadOnlyList<int> Units, int Skip)> UnitsBeforeRowAsync(AppDbContext db, int year, string beforeUnit, string beforeProject,
        int rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(beforeUnit);
        ArgumentNullException.ThrowIfNull(beforeProject);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var sql = RowsBeforeSql.GetOrAdd((db.GetType(), rows), shape =>
        {
            var p = SqlTable.Of<BudgetProject>(db, "p");
            var u = SqlTable.Of<Unit>(db, "u");
            return $"SELECT {p[nameof(BudgetProject.UnitId)]}, {p[nameof(BudgetProject.Code)]} FROM {p.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {p[nameof(BudgetProject.UnitId)]} "
                + $"WHERE {p[nameof(BudgetProject.Year)]} = @year AND {u[nameof(Unit.Code)]} <= @beforeUnit "
                + $"AND ({u[nameof(Unit.Code)]} < @beforeUnit OR {p[nameof(BudgetProject.Code)]} < @beforeProject) "
                + $"ORDER BY {u[nameof(Unit.Code)]} DESC, {p[nameof(BudgetProject.Code)]} DESC"
                + SqlTable.Page(db, shape.Rows.ToString(CultureInfo.InvariantCulture), "0");
        });
        var (units, first) = await ReadConnections.OnContextAsync(db, sql, [("@year", year), ("@beforeUnit", beforeUnit), ("@beforeProject", beforeProject)], async (reader, ct) =>
        {
            var backwards = new List<int>();
            (int UnitId, string Code)? earliest = null;
            while (await reader.ReadAsync(ct))
            {
                earliest = (reader.GetInt32(0), reader.GetString(1));
                if (backwards.Count == 0 || backwards[^1] != earliest.Value.UnitId)
                {
                    backwards.Add(earliest.Value.UnitId);
                }
            }

            backwards.Reverse();
            return ((IReadOnlyList<int>)backwards, earliest);
        }, cancellationToken);
        if (first is not { } row)
        {
            return (units, 0);
        }

        // The page's first unit may have projects before the page: those are skipped.
        var skip = await db.Projects.AsNoTracking()
            .CountAsync(x => x.UnitId == row.UnitId && x.Year == year && string.Compare(x.Code, row.Code) < 0, cancellationToken);
        return (units, skip);
    }

    private static string BuildSql(AppDbContext db, int units)
    {
        var p = SqlTable.Of<BudgetProject>(db, "p");
        var r = SqlTable.Of<ProjectRating>(db, "r");
        var u = SqlTable.Of<Unit>(db, "u");
        var plan = SqlTable.Of<UnitPlan>(db, "pl");
        var goal = SqlTable.Of<SubGoal>(db, "g");
        var s = SqlTable.Of<SubGoalRating>(db, "s");

        // One unit (the unit's page): a plain equality, which every provider plans as an index seek.
        string OfUnits(string column) => units == 1
            ? $"{column} = @u0"
            : $"{column} IN ({string.Join(", ", Enumerable.Range(0, units).Select(k => "@u" + k.ToString(CultureInfo.InvariantCulture)))})";
        string Page(string take, string skip) => SqlTable.Page(db, take, skip);

        return $"SELECT {p[nameof(BudgetProject.Id)]} FROM {p.From} LEFT JOIN {r.From} ON {r[nameof(ProjectRating.ProjectId)]} = {p[nameof(BudgetProject.Id)]} "
            + $"WHERE {p[nameof(BudgetProject.Year)]} = @year AND {OfUnits(p[nameof(BudgetProject.UnitId)])} "
            + $"AND ({r[nameof(ProjectRating.Id)]} IS NULL OR {r[nameof(ProjectRating.ProjectVersion)]} <> {p[nameof(BudgetProject.Version)]} "
            + $"OR {r[nameof(ProjectRating.Settings)]} <> @settings) "
            + $"UNION ALL SELECT -{plan[nameof(UnitPlan.UnitId)]} FROM {plan.From} "
            + $"WHERE {plan[nameof(UnitPlan.Year)]} = @year AND {OfUnits(plan[nameof(UnitPlan.UnitId)])} "
            + $"AND EXISTS (SELECT 1 FROM {goal.From} WHERE {goal[UnitPlanConfiguration.PlanForeignKey]} = {plan[nameof(UnitPlan.Id)]}) "
            + $"AND NOT EXISTS (SELECT 1 FROM {s.From} WHERE {s[nameof(SubGoalRating.Year)]} = @year AND {s[nameof(SubGoalRating.UnitId)]} = {plan[nameof(UnitPlan.UnitId)]} "
            + $"AND {s[nameof(SubGoalRating.PlanVersion)]} = {plan[nameof(UnitPlan.Version)]});\n"
            + $"SELECT {r[nameof(ProjectRating.Id)]}, {u[nameof(Unit.Code)]}, {u[nameof(Unit.Name)]}, {p[nameof(BudgetProject.Code)]}, {p[nameof(BudgetProject.Name)]}, "
            + $"{r[nameof(ProjectRating.Budget)]}, {r[nameof(ProjectRating.Executed)]}, {r[nameof(ProjectRating.ExecutionRate)]}, {r[nameof(ProjectRating.ExecutionScore)]}, "
            + $"{r[nameof(ProjectRating.Score)]}, {r[nameof(ProjectRating.Grade)]}, {r[nameof(ProjectRating.Errors)]} "
            + $"FROM {r.From} JOIN {p.From} ON {p[nameof(BudgetProject.Id)]} = {r[nameof(ProjectRating.ProjectId)]} "
            + $"JOIN {u.From} ON {u[nameof(Unit.Id)]} = {r[nameof(ProjectRating.UnitId)]} "
            + $"WHERE {r[nameof(ProjectRating.Year)]} = @year AND {OfUnits(r[nameof(ProjectRating.UnitId)])} "
            + $"ORDER BY {u[nameof(Unit.Code)]}, {p[nameof(BudgetProject.Code)]}, {r[nameof(ProjectRating.Id)]}{Page("@take", "@skip")};\n"
            + $"SELECT {u[nameof(Unit.Code)]}, {u[nameof(Unit.Name)]}, {s[nameof(SubGoalRating.Indicator)]}, {s[nameof(SubGoalRating.CompletionRate)]}, {s[nameof(SubGoalRating.Grade)]} "
            + $"FROM {s.From} JOIN {u.From} ON {u[nameof(Unit.Id)]} = {s[nameof(SubGoalRating.UnitId)]} "
            + $"WHERE {s[nameof(SubGoalRating.Year)]} = @year AND {OfUnits(s[nameof(SubGoalRating.UnitId)])} "
            + $"ORDER BY {u[nameof(Unit.Code)]}, {s[nameof(SubGoalRating.Order)]}{Page("@takeSubGoals", "0")}";
    }
}
