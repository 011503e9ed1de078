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
}
