using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// The projects waiting for a head's review (已提交): of the head's own unit, or of every unit for an admin. The review
/// queue lists them; the navigation shows how many there are.
/// </summary>
public sealed class ReviewQueue(AppDbContext db)
{
    /// <summary>Whether <paramref name="user"/> reviews at all (a department head or an admin).</summary>
    public static bool Reviews(ClaimsPrincipal user) => user.IsInRole(Roles.DepartmentHead) || user.IsInRole(Roles.Admin);

    /// <summary>The submitted projects <paramref name="user"/> may review.</summary>
    public IQueryable<BudgetProject> Of(ClaimsPrincipal user)
    {
        var query = db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Submitted);
        if (!ProjectAccess.SeesAllUnits(user))
        {
            var unitId = user.GetUnitId() ?? -1;
            query = query.Where(p => p.UnitId == unitId);
        }

        return query;
    }

    /// <summary>How many projects wait for <paramref name="user"/>'s review; 0 for users who do not review (no query).</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user) => Reviews(user) ? await Of(user).CountAsync() : 0;
}
