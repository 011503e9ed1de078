using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerformanceTargets.Web.Pages.ApiDocs;

/// <summary>A browsable reference of the API, rendered in the browser from <c>/api/v1/openapi.json</c>; Development only, for signed-in users like every page.</summary>
public class IndexModel(IWebHostEnvironment environment) : PageModel
{
    public IActionResult OnGet() => environment.IsDevelopment() ? Page() : NotFound();
}
