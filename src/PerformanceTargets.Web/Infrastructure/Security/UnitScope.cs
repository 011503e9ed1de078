using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// Which unit and year a page works on: Finance and DepartmentHead users always their own unit (a requested other unit is ignored);
/// Admins and Auditors the requested one, else the first. The year defaults to the latest open fiscal year, else this calendar year.
/// </summary>
public sealed class UnitScope(AppDbContext db, TimeProvider clock)
{
    // Every workbench page asks these; compiled once, they skip query translation on each request.
    private static readonly CompiledQuery<int, Unit?> FindUnit = new((context, id) => context.Units.AsNoTracking().FirstOrDefault(u => u.Id == id));
    private static readonly CompiledQuery<int> CountUnits = new(context => context.Units.Count());
    private static readonly CompiledQuery<int?> LatestOpenYear = new(context => context.FiscalYears.Where(y => y.IsOpen).Max(y => (int?)y.Year));

    public async Task<IReadOnlyList<Unit>> VisibleUnitsAsync(ClaimsPrincipal user)
    {
        if (ProjectAccess.SeesAllUnits(user))
        {
            return await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync();
        }

        var own = user.GetUnitId();
        return own is null ? [] : await db.Units.AsNoTracking().Where(u => u.Id == own).ToListAsync();
    }

    /// <summary>How many units the user may pick from (a province has thousands: pages then ask for a code instead of listing them).</summary>
    public async Task<int> CountVisibleUnitsAsync(ClaimsPrincipal user) =>
        ProjectAccess.SeesAllUnits(user) ? await CountUnits.RunAsync(db) : user.GetUnitId() is null ? 0 : 1;

    /// <summary>The id of the unit with this code, for users who pick a unit by code.</summary>
    public async Task<int?> FindUnitIdAsync(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : await db.Units.Where(u => u.Code == code.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync();

    public async Task<Unit?> ResolveUnitAsync(ClaimsPrincipal user, int? requested)
    {
        if (!ProjectAccess.SeesAllUnits(user))
        {
            var own = user.GetUnitId();
            return own is null ? null : await FindUnit.RunAsync(db, own.Value);
        }

        if (requested is { } id && await FindUnit.RunAsync(db, id) is { } unit)
        {
            return unit;
        }

        return await db.Units.AsNoTracking().OrderBy(u => u.Code).FirstOrDefaultAsync();
    }

    public async Task<int> ResolveYearAsync(int? requested)
    {
        if (requested is >= FiscalYear.MinYear and <= FiscalYear.MaxYear)
        {
            return requested.Value;
        }

        var open = await LatestOpenYear.RunAsync(db);
        return open ?? clock.GetLocalNow().Year;
    }

    /// <summary>Years to offer in a selector: fiscal years, years with projects, and <paramref name="current"/>.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(int current)
    {
        // Imports, seed-demo and the admin pages create the fiscal year, so its table is the list (scanning the
        // projects for their years costs a full index scan per page at province scale).
        return YearList(await db.FiscalYears.AsNoTracking().Select(y => y.Year).ToListAsync(), current);
    }

    /// <summary>The year picker's list: the stored fiscal years and <paramref name="current"/>, newest first, each once.</summary>
    public static IReadOnlyList<int> YearList(IEnumerable<int> stored, int current) => [.. stored.Append(current).Distinct().OrderDescending()];
}
