using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.GoalTables;

/// <summary>A unit's whole goal document for a year, as the official document lays it out: 第一部分 the unit plan, 第二部分 every project's goal table.</summary>
public class IndexModel(AppDbContext db, UnitScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Unit CurrentUnit { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    public UnitPlan? Plan { get; private set; }

    public IReadOnlyList<BudgetProject> Projects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Read);
        if (denied is not null)
        {
            return denied;
        }

        var unit = resolved!;

        CurrentUnit = unit;
        CurrentYear = await scope.ResolveYearAsync(Year);
        Plan = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals)
            .FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.Year == CurrentYear);
        Projects = await db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => p.UnitId == unit.Id && p.Year == CurrentYear)
            .OrderBy(p => p.Id)
            .ToListAsync();
        return Page();
    }
}
