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

/// <summary>
/// One unit's published package of a year: the 部门整体 goal, then every published goal table in the official layout
/// (the workbench's <c>_GoalTable</c> partial), and the .docx download of the same package. Read only from the
/// publication's snapshot; a unit and year without a live publication answers 404.
/// </summary>
[EnableRateLimiting(PublicSurface.Policy)]
[OutputCache(PolicyName = PublicSurface.Policy)]
public class UnitModel(PublicCatalog catalog) : PageModel
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public string UnitCode { get; set; } = string.Empty;

    public PublishedUnit Published { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await catalog.FindAsync(Year, UnitCode, HttpContext.RequestAborted) is not { } published)
        {
            return NotFound();
        }

        Published = published;
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await catalog.FindAsync(Year, UnitCode, HttpContext.RequestAborted) is not { } published)
        {
            return NotFound();
        }

        return File(PublicCatalog.PackageDocx(published), DocxContentType, PublicCatalog.PackageFileName(published));
    }

    /// <summary>The published tables as the goal-table partial renders them (domain objects built from the snapshot, never read from the live tables).</summary>
    /// <summary>The published 部门整体支出绩效目标表 as the official layout's partial reads it; null when none was published.</summary>
    public static (Unit Unit, Domain.Department.DepartmentTable Table)? DepartmentTable(PublishedUnit published)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (published.Content.DepartmentTable is not { } publishedTable)
        {
            return null;
        }

        var table = new Domain.Department.DepartmentTable(0, published.Year, publishedTable.UnitName ?? published.UnitName);
        DepartmentMapping.ApplyTo(table, publishedTable);
        return (DomainMapping.ToUnit(published.Content), table);
    }

    public static IReadOnlyList<(Unit Unit, BudgetProject Project, int Number)> Tables(PublishedUnit published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var unit = DomainMapping.ToUnit(published.Content);
        return [.. published.Content.Projects.Select((p, i) => (unit, DomainMapping.ToProject(p, 0, published.Year), i + 1))];
    }
}
