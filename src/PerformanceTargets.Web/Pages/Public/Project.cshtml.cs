using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Public;

/// <summary>One published goal table, by unit code, year and project code: 404 unless that project is in the unit's live publication.</summary>
[EnableRateLimiting(PublicSurface.Policy)]
[OutputCache(PolicyName = PublicSurface.Policy)]
public class ProjectModel(PublicCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public string UnitCode { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "project")]
    public string ProjectCode { get; set; } = string.Empty;

    public PublishedUnit Published { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public BudgetProject Project { get; private set; } = null!;

    public int Number { get; private set; }

    public PublishedResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await catalog.FindAsync(Year, UnitCode, HttpContext.RequestAborted) is not { } published || published.Project(ProjectCode) is not { } found)
        {
            return NotFound();
        }

        Published = published;
        Unit = DomainMapping.ToUnit(published.Content);
        Project = DomainMapping.ToProject(found.Project, 0, published.Year);
        Number = found.Number;
        Result = published.ResultOf(found.Project.Code);
        return Page();
    }
}
