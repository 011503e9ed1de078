using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerformanceTargets.Web.Pages.Account;

/// <summary>Where a signed-in user with the wrong role lands: the page says so in Chinese and answers 403, not 200.</summary>
public class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
