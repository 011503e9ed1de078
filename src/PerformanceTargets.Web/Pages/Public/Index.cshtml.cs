using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Public;

/// <summary>预算公开: the units and years with published goal tables, for anyone (anonymous, read-only).</summary>
[EnableRateLimiting(PublicSurface.Policy)]
[OutputCache(PolicyName = PublicSurface.Policy)]
public class IndexModel(PublicCatalog catalog) : PageModel
{
    public IReadOnlyList<PublicationListItem> Publications { get; private set; } = [];

    public async Task OnGetAsync() => Publications = await catalog.ListAsync(HttpContext.RequestAborted);
}
