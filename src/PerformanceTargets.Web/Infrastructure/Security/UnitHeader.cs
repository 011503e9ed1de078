using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// What <see cref="UnitScope"/> asks on every workbench page (how many units the user may pick from, the list of them when
/// there are at most a given number, the unit asked for, and optionally the fiscal years), as statements that go in front of
/// a page's own statements in one command: on PostgreSQL each of these was a round trip of its own (four of a page's seven).
/// The answers are those of <see cref="UnitScope.CountVisibleUnitsAsync"/>, <see cref="UnitScope.VisibleUnitsAsync"/>
/// (when the count is within the limit), the lookup of <see cref="UnitScope.ResolveUnitAsync"/> for the unit asked for (its
/// fallback to the first unit is not taken here: a caller whose unit was not found resolves it as before) and the fiscal
/// years' list of <see cref="UnitScope.YearsAsync"/>.
/// </summary>
public sealed class UnitHeader
{
    private readonly bool _seesAll;
    private readonly int? _unitId;
    private readonly bool _years;

    /// <param name="user">Whose picker: Admins and Auditors see every unit, others their own (if any).</param>
    /// <param name="requested">The unit asked for (by users who see every unit; others always get their own).</param>
    /// <param name="listLimit">Units are listed only when there are at most this many.</param>
    /// <param name="years">Whether to read the fiscal years too.</param>
    public UnitHeader(ClaimsPrincipal user, int? requested, int listLimit, bool years)
    {
        ArgumentNullException.ThrowIfNull(user);
        _seesAll = ProjectAccess.SeesAllUnits(user);
        _unitId = _seesAll ? requested : user.GetUnitId();
        _years = years;
        ListLimit = listLimit;
    }

    public int ListLimit { get; }

    /// <summary>The unit id looked up (the requested one, or the user's own), or null when none is.</summary>
    public int? UnitId => _unitId;

    /// <summary>The statements (each ended by ';' and a new line), to put first in a command.</summary>
    public string Sql(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var u = SqlTable.Of<Unit>(db, "hu");
        var columns = $"{u[nameof(Unit.Id)]}, {u[nameof(Unit.Code)]}, {u[nameof(Unit.Name)]}, {u[nameof(Unit.ParentId)]}";
        var sql = new System.Text.StringBuilder();
        if (_years)
        {
            var y = SqlTable.Of<FiscalYear>(db, "hy");
            sql.Append($"SELECT {y[nameof(FiscalYear.Year)]} FROM {y.From};\n");
        }

        if (_seesAll)
        {
            sql.Append($"SELECT COUNT(*) FROM {u.Name};\n");
            // At most one unit more than the limit, not "all of them when the count is within it": the count is the statement
            // above, and PostgreSQL plans a parameter's limit as a tenth of the table, so it reads the units in the order of
            // their code index instead of sorting all of them by the code's collation (~4× less of its time for 200 units).
            sql.Append($"SELECT {columns} FROM {u.From} ORDER BY {u[nameof(Unit.Code)]}{SqlTable.Page(db, "@hTake", "0")};\n");
        }

        if (_unitId is not null)
        {
            sql.Append($"SELECT {columns} FROM {u.From} WHERE {u[nameof(Unit.Id)]} = @hUnit;\n");
        }

        return sql.ToString();
    }

    /// <summary>Adds the statements' parameters.</summary>
    public void AddParameters(List<(string Name, object Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_seesAll)
        {
            parameters.Add(("@hTake", (long)ListLimit + 1));
        }

        if (_unitId is { } id)
        {
            parameters.Add(("@hUnit", id));
        }
    }

    /// <summary>Reads the statements' result sets, and moves the reader on to the first result set after them.</summary>
    public async Task<Result> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<int>? years = null;
        if (_years)
        {
            years = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                years.Add(reader.GetInt32(0));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        if (_seesAll)
        {
            await reader.ReadAsync(cancellationToken);
            var count = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await reader.NextResultAsync(cancellationToken);
            var units = await UnitsAsync(reader, cancellationToken);
            Unit? unit = null;
            if (_unitId is not null)
            {
                unit = (await UnitsAsync(reader, cancellationToken)).FirstOrDefault();
            }

            return new Result(count, count <= ListLimit ? units : [], unit, years);
        }

        if (_unitId is null)
        {
            return new Result(0, [], null, years);
        }

        var own = await UnitsAsync(reader, cancellationToken);
        return new Result(1, 1 <= ListLimit ? own : [], own.FirstOrDefault(), years);
    }

    private static async Task<List<Unit>> UnitsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var units = new List<Unit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var unit = NewUnit();
            SetId(unit, reader.GetInt32(0));
            SetCode(unit, reader.GetString(1));
            SetName(unit, reader.GetString(2));
            SetParentId(unit, reader.IsDBNull(3) ? null : reader.GetInt32(3));
            units.Add(unit);
        }

        await reader.NextResultAsync(cancellationToken);
        return units;
    }

    // A unit as EF Core materialises it: made by its parameterless constructor, its stored values set as they are.
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern Unit NewUnit();

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    private static extern void SetId(Unit unit, int value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Code")]
    private static extern void SetCode(Unit unit, string value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Name")]
    private static extern void SetName(Unit unit, string value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ParentId")]
    private static extern void SetParentId(Unit unit, int? value);

    /// <summary>
    /// What was read: the unit count and list (empty above the limit), the unit asked for (null when it does not exist or none
    /// was asked for) and the fiscal years (null unless asked for).
    /// </summary>
    public sealed record Result(int UnitCount, IReadOnlyList<Unit> Units, Unit? Unit, IReadOnlyList<int>? FiscalYears);
}
