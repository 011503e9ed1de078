using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Ratings;

/// <summary>
/// 评分结果: the stored scores and grades of a year, all units (Admin, Auditor) or the user's own unit, and the downloads
/// (json, csv, xlsx) for Auditors and Admins. Downloads are written to a temporary file while streamed from the database.
/// </summary>
public class IndexModel(AppDbContext db, UnitScope scope, RatingCalculator ratings, RatingsExporter exporter) : PageModel
{
    public const int PageSize = 200;

    /// <summary>A unit id; 0 or absent for all units (only for users who see every unit).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A unit picked by its code, where there are too many units to list (see <see cref="Pages.IndexModel.UnitListLimit"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? UnitCode { get; set; }

    public int UnitCount { get; private set; }

    public int CurrentYear { get; private set; }

    public Unit? CurrentUnit { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<ProjectRatingRow> Projects { get; private set; } = [];

    public IReadOnlyList<SubGoalRatingRow> SubGoals { get; private set; } = [];

    public bool CanDownload => User.IsInRole(Roles.Auditor) || User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync()
    {
        await db.Database.OpenConnectionAsync(); // one connection for the page's queries
        if (await ResolveAsync() is { } denied)
        {
            return denied;
        }

        UnitCount = await scope.CountVisibleUnitsAsync(User);
        Units = UnitCount <= Pages.IndexModel.UnitListLimit ? await scope.VisibleUnitsAsync(User) : [];
        if (CurrentUnit is { } unit)
        {
            await ratings.RefreshAsync(CurrentYear, unit.Id);
            Projects = [.. exporter.Projects(CurrentYear, unit.Id, withIndicators: false).Take(PageSize)];
            SubGoals = [.. exporter.SubGoals(CurrentYear, unit.Id).Take(PageSize)];
            return Page();
        }

        // All units: the page shows the first units in code order, so only they are brought up to date (a province's
        // 100,000 ratings are checked by the download, not by every view of the overview).
        var shown = await FirstUnitsAsync(CurrentYear);
        await ratings.RefreshUnitsAsync(CurrentYear, shown);

        Projects = [.. exporter.ProjectsOfUnits(CurrentYear, shown).Take(PageSize)];
        SubGoals = [.. exporter.SubGoalsOfUnits(CurrentYear, shown).Take(PageSize)];
        return Page();
    }

    /// <summary>The units, in code order, whose projects of <paramref name="year"/> fill the page (<see cref="PageSize"/> rows).</summary>
    private async Task<IReadOnlyList<int>> FirstUnitsAsync(int year)
    {
        const int chunk = 20;
        var chosen = new List<int>();
        var rows = 0;
        for (var skip = 0; rows < PageSize; skip += chunk)
        {
            var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).Skip(skip).Take(chunk)
                .Select(u => new { u.Id, Projects = db.Projects.Count(p => p.UnitId == u.Id && p.Year == year) })
                .ToListAsync();
            foreach (var u in units.Where(u => u.Projects > 0).TakeWhile(_ => rows < PageSize))
            {
                chosen.Add(u.Id);
                rows += u.Projects;
            }

            if (units.Count < chunk)
            {
                break;
            }
        }

        return chosen;
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? format)
    {
        if (await ResolveAsync() is { } denied)
        {
            return denied;
        }

        if (!CanDownload)
        {
            return Forbid();
        }

        if (RatingsExporter.ParseFormat(format) is not { } kind)
        {
            return BadRequest();
        }

        await ratings.RefreshAsync(CurrentYear, CurrentUnit?.Id);
        var path = Path.GetTempFileName();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            exporter.Write(file, CurrentYear, CurrentUnit?.Id, kind);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var name = $"ratings-{CurrentYear}{(CurrentUnit is null ? "" : "-" + CurrentUnit.Code)}.{RatingsExporter.Extension(kind)}";
        return File(stream, RatingsExporter.ContentType(kind), name);
    }

    private async Task<IActionResult?> ResolveAsync()
    {
        CurrentYear = await scope.ResolveYearAsync(Year);
        if (await scope.FindUnitIdAsync(UnitCode) is { } byCode)
        {
            Unit = byCode;
        }

        if (ProjectAccess.SeesAllUnits(User) && Unit is null or 0)
        {
            return null;
        }

        var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Read);
        if (denied is not null)
        {
            return denied;
        }

        var unit = resolved!;

        CurrentUnit = unit;
        return null;
    }
}
