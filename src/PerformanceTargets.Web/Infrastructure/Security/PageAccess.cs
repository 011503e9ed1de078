using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>Turns an <see cref="AccessDecision"/> into the page result: 404 for another unit, 403 (the access-denied page) for a wrong role.</summary>
public static class PageAccess
{
    /// <summary>Null when allowed; otherwise the result the handler must return.</summary>
    public static IActionResult? Check(this PageModel page, WorkbenchAction action, int unitId)
    {
        ArgumentNullException.ThrowIfNull(page);
        return ProjectAccess.Decide(page.User, action, unitId, page.HttpContext.RequestServices.GetService<UnitHierarchy>()) switch
        {
            AccessDecision.Allowed => null,
            AccessDecision.Forbidden => page.Forbid(),
            _ => page.NotFound(),
        };
    }

    /// <summary>
    /// A unit named in the URL (<c>?unit=</c>) is checked too: Finance or a department head asking for another unit's
    /// page gets 404 instead of being quietly sent to their own unit. Null when no unit was requested or it is allowed.
    /// </summary>
    public static IActionResult? CheckRequestedUnit(this PageModel page, WorkbenchAction action, int? requestedUnitId) =>
        requestedUnitId is { } id ? page.Check(action, id) : null;

    /// <summary>
    /// The unit a page works on (<see cref="UnitScope.ResolveUnitAsync"/>) for <paramref name="action"/>: 404 when there
    /// is none, else the same read-then-action check as <see cref="LoadProjectAsync"/>.
    /// </summary>
    public static async Task<UnitLoad> ResolveUnitAsync(this PageModel page, UnitScope scope, int? requested, WorkbenchAction action)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(scope);
        var unit = await scope.ResolveUnitAsync(page.User, requested);
        if (unit is null)
        {
            return new UnitLoad(null, page.NotFound());
        }

        return (page.Check(WorkbenchAction.Read, unit.Id) ?? page.Check(action, unit.Id)) is { } denied
            ? new UnitLoad(null, denied)
            : new UnitLoad(unit, null);
    }

    /// <summary>
    /// Loads a project (with its indicator tree, tracked) and its unit for a page that will <paramref name="action"/> it:
    /// 404 when it does not exist or the user may not see its unit (read is checked first, so another unit's id is never
    /// confirmed), 403 when the user sees it but may not take the action.
    /// </summary>
    public static async Task<ProjectLoad> LoadProjectAsync(this PageModel page, AppDbContext db, int id, WorkbenchAction action)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        var project = await db.Projects.Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null)
        {
            return new ProjectLoad(null, null, page.NotFound());
        }

        if ((page.Check(WorkbenchAction.Read, project.UnitId) ?? page.Check(action, project.UnitId)) is { } denied)
        {
            return new ProjectLoad(null, null, denied);
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId);
        return new ProjectLoad(project, unit, null);
    }
}

/// <summary>A project a page may work on, with its unit; or the result to return instead (<see cref="Denied"/>).</summary>
public sealed record ProjectLoad(BudgetProject? Project, Unit? Unit, IActionResult? Denied);

/// <summary>A unit a page may work on; or the result to return instead (<see cref="Denied"/>).</summary>
public sealed record UnitLoad(Unit? Unit, IActionResult? Denied);
