using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerformanceTargets.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
