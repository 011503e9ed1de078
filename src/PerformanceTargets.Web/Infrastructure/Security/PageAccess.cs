using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>Turns an <see cref="AccessDecision"/> into the page result: 404 for another unit, 403 (the access-denied page) for a wrong role.</summary>
public static class PageAccess
{
    /// <summary>Null when allowed; otherwise the result the handler must return.</summary>
    public static IActionResult? Check(this PageModel page, WorkbenchAction action, int unitId)
    {
        ArgumentNullException.ThrowIfNull(page);
        return ProjectAccess.Decide(page.User, action, unitId) switch
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
}
