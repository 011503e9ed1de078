using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record UnitDto(int Id, string Code, string Name, int? ParentId);

public sealed record YearDto(int Year, bool IsOpen, bool IsFiscalYear);

/// <summary>The units a user may see (all for admins and auditors, their own for unit staff) and the years there are data for.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/units", async (ClaimsPrincipal user, UnitScope scope) =>
                TypedResults.Ok((await scope.VisibleUnitsAsync(user)).Select(u => new UnitDto(u.Id, u.Code, u.Name, u.ParentId)).ToList()))
            .WithTags("单位与年度")
            .WithSummary("可见的单位");

        api.MapGet("/years", async (AppDbContext db, UnitScope scope) =>
            {
                var fiscal = await db.FiscalYears.AsNoTracking().ToDictionaryAsync(y => y.Year, y => y.IsOpen);
                var current = await scope.ResolveYearAsync(null);
                var years = await scope.YearsAsync(current);
                return TypedResults.Ok(years.Select(y => new YearDto(y, fiscal.GetValueOrDefault(y, !fiscal.ContainsKey(y)), fiscal.ContainsKey(y))).ToList());
            })
            .WithTags("单位与年度")
            .WithSummary("年度（财年及有项目的年度，新的在前）");
    }
}
