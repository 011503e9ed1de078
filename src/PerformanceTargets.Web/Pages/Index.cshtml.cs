using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Pages;

/// <summary>Home: a unit's year — its projects (search, status filter, paging, 预算数 totals) and its overall goal and sub-goals.</summary>
public class IndexModel(AppDbContext db, UnitScope scope) : PageModel
{
    public const int PageSize = 20;

    private static readonly CompiledQuery<int, int, PlanVersion?> FindPlan = new(
        (context, unitId, year) => context.UnitPlans
            .Where(p => p.UnitId == unitId && p.Year == year)
            .Select(p => new PlanVersion(p.Id, p.Version))
            .FirstOrDefault());

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A unit picked by its code, where there are too many units to list.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UnitCode { get; set; }

    /// <summary>Up to this many units are offered in a list; more are picked by code.</summary>
    public const int UnitListLimit = 200;

    public int UnitCount { get; private set; }

    /// <summary>Search in 项目编码 and 项目名称.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProjectStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Unit? CurrentUnit { get; private set; }

    public int CurrentYear { get; private set; }

    /// <summary>The unit's overall goal of the year, if any: its id and version (the section is rendered once per version, see <see cref="LoadPlanAsync"/>).</summary>
    public PlanVersion? Plan { get; private set; }

    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public decimal BudgetTotal { get; private set; }

    /// <summary>Projects of the filtered set whose 财政资金/其他资金 split is unknown: left out of <see cref="FiscalTotal"/> and <see cref="OtherTotal"/>.</summary>

    public int SplitUnknownCount { get; private set; }


    public decimal FiscalTotal { get; private set; }

    public decimal OtherTotal { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync()
    {
        // Six small queries: one connection for all of them instead of an open and close (and a pool lock) each.
        await db.Database.OpenConnectionAsync();
        CurrentYear = await scope.ResolveYearAsync(Year);
        Years = await scope.YearsAsync(CurrentYear);
        UnitCount = await scope.CountVisibleUnitsAsync(User);
        Units = UnitCount <= UnitListLimit ? await scope.VisibleUnitsAsync(User) : [];
        CurrentUnit = await scope.ResolveUnitAsync(User, await scope.FindUnitIdAsync(UnitCode) ?? Unit);
        if (CurrentUnit is null)
        {
            return;
        }

        CanEdit = ProjectAccess.Can(User, WorkbenchAction.Edit, CurrentUnit.Id);
        Plan = await FindPlan.RunAsync(db, CurrentUnit.Id, CurrentYear);

        var query = db.Projects.AsNoTracking().Where(p => p.UnitId == CurrentUnit.Id && p.Year == CurrentYear);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = query.Where(p => p.Code.Contains(term) || p.Name.Contains(term));
        }

        if (Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        // Totals over the whole filtered set (not the page); summed here because SQLite cannot sum decimals.
        var amounts = await query.Select(p => new { p.Budget, p.FiscalFunds, p.OtherFunds, p.FundsSplitUnknown }).ToListAsync();
        SplitUnknownCount = amounts.Count(a => a.FundsSplitUnknown);
        Total = amounts.Count;
        BudgetTotal = Domain.Amounts.Sum(amounts, a => a.Budget);
        // A project whose split is unknown is in the budget total, not in the split totals (its 0 / 0 means nothing).

        FiscalTotal = Domain.Amounts.Sum(amounts, a => a.FiscalFunds);
        OtherTotal = Domain.Amounts.Sum(amounts, a => a.OtherFunds);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Projects = await query.OrderBy(p => p.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.Status,
                p.Status == ProjectStatus.Returned
                    ? p.History.Where(h => h.To == ProjectStatus.Returned).OrderByDescending(h => EF.Property<int>(h, "Id")).Select(h => h.Comment).FirstOrDefault()
                    : null, p.FundsSplitUnknown))
            .ToListAsync();
    }

    /// <summary>The overall goal with its sub-goals, loaded only when the cache has no rendering of this version yet.</summary>
    public async Task<UnitPlan> LoadPlanAsync() =>
        await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).FirstAsync(p => p.Id == Plan!.Id);

    /// <summary>The query string of this list with one value changed, for paging links.</summary>
    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["unit"] = CurrentUnit?.Id.ToString(WebUiSetup.Culture) ?? string.Empty,
        ["year"] = CurrentYear.ToString(WebUiSetup.Culture),
        ["q"] = Q ?? string.Empty,
        ["status"] = Status?.ToString() ?? string.Empty,
        ["p"] = page.ToString(WebUiSetup.Culture),
    };

    /// <summary>A plan's id and version token (renewed by every save of the plan or its sub-goals).</summary>
    public sealed record PlanVersion(int Id, Guid Version);

    /// <summary>A row of the project list; <paramref name="ReturnReason"/> is the head's latest reason of an 已退回 project.</summary>
    public sealed record ProjectRow(int Id, string Code, string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds, ProjectStatus Status, string? ReturnReason = null, bool FundsSplitUnknown = false);
}
