using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Ratings;

/// <summary>
/// 评分结果: the stored scores and grades of a year, all units (Admin, Auditor) or the user's own unit, and the downloads
/// (json, csv, xlsx) for Auditors and Admins. Downloads are written to a temporary file while streamed from the database.
/// </summary>
public class IndexModel(AppDbContext db, UnitScope scope, RatingsQuery ratings) : PageModel
{
    public const int PageSize = 200;

    /// <summary>Rows a page of the all-units overview shows (in unit-code, project-code order).</summary>
    public const int OverviewPageSize = 50;

    /// <summary>The page of the all-units overview, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>
    /// Keyset paging of the all-units overview: the unit code and project code of the last row of the previous page. A page
    /// after it costs the same wherever it is (the last page of a province as the first), instead of counting from the first unit.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "au")]
    public string? AfterUnit { get; set; }

    [BindProperty(SupportsGet = true, Name = "ap")]
    public string? AfterProject { get; set; }

    /// <summary>
    /// Keyset paging backwards (the "previous" link): the unit code and project code of the first row of the page the link
    /// was on. The page before it costs the same wherever it is, as a page after a key does.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "bu")]
    public string? BeforeUnit { get; set; }

    [BindProperty(SupportsGet = true, Name = "bp")]
    public string? BeforeProject { get; set; }

    /// <summary>True when the all-units overview has rows after this page.</summary>
    public bool HasNextPage { get; private set; }

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
        if (Year is >= FiscalYear.MinYear and <= FiscalYear.MaxYear && string.IsNullOrWhiteSpace(UnitCode) && await ReadWithPickerAsync(Year.Value))
        {
            return Page();
        }

        if (await ResolveAsync() is { } denied)
        {
            return denied;
        }

        UnitCount = await scope.CountVisibleUnitsAsync(User);
        Units = UnitCount <= Pages.IndexModel.UnitListLimit ? await scope.VisibleUnitsAsync(User) : [];
        if (CurrentUnit is { } unit)
        {
            (Projects, SubGoals) = await ratings.OfUnitAsync(CurrentYear, unit.Id, PageSize);
            return Page();
        }

        // All units, a page at a time in unit-code order: only the units on this page are brought up to date (a
        // province's 100,000 ratings are checked by the download, not by every view of the overview).
        PageNumber = Math.Max(1, PageNumber);
        var (shown, skip) = await UnitsOfThisPageAsync(CurrentYear);
        (Projects, SubGoals) = await ratings.OfUnitsAsync(CurrentYear, shown, skip, OverviewPageSize, PageSize);
        return Page();
    }

    /// <summary>
    /// The page when the year is given and no unit is picked by code (as its links and the filter open it), with the unit
    /// picker (<see cref="UnitHeader"/>) read in the same command as the ratings: on PostgreSQL a unit's report is then one
    /// round trip instead of four, a page of the overview two (its units, then the rest) instead of four. False, having
    /// rated and shown nothing, when the unit asked for is not found or may not be read: the page is resolved as before
    /// (not found, forbidden, or the first unit).
    /// </summary>
    private async Task<bool> ReadWithPickerAsync(int year)
    {
        CurrentYear = year;
        if (ProjectAccess.SeesAllUnits(User) && Unit is null or 0)
        {
            PageNumber = Math.Max(1, PageNumber);
            var (shown, skip) = await UnitsOfThisPageAsync(year);
            var (page, picker) = await ratings.OfUnitsAsync(year, shown, skip, OverviewPageSize, PageSize, new UnitHeader(User, null, Pages.IndexModel.UnitListLimit, years: false));
            (UnitCount, Units) = (picker.UnitCount, picker.Units);
            (Projects, SubGoals) = (page.Projects, page.SubGoals);
            return true;
        }

        var header = new UnitHeader(User, Unit, Pages.IndexModel.UnitListLimit, years: false);
        if (header.UnitId is not { } unitId)
        {
            return false;
        }

        var (read, found) = await ratings.OfUnitAsync(year, unitId, PageSize, header,
            picker => picker.Unit is { } unit && this.Check(WorkbenchAction.Read, unit.Id) is null);
        if (read is null)
        {
            return false;
        }

        (UnitCount, Units, CurrentUnit) = (found!.UnitCount, found.Units, found.Unit);
        (Projects, SubGoals) = (read.Projects, read.SubGoals);
        return true;
    }

    /// <summary>
    /// The units, in code order, whose projects of <paramref name="year"/> hold the rows of this page, and how many rows of
    /// the first of them belong to earlier pages. Sets <see cref="HasNextPage"/>.
    /// </summary>
    private async Task<(IReadOnlyList<int> Units, int Skip)> UnitsOfPageAsync(int year)
    {
        const int chunk = 20;
        var before = (long)(PageNumber - 1) * OverviewPageSize;
        if (before == 0)
        {
            // The first page (the overview as opened): the units of its rows, without counting any unit's projects.
            var (first, more) = await RatingsPageReader.UnitsOfFirstRowsAsync(db, year, OverviewPageSize);
            HasNextPage = more;
            return (first, 0);
        }

        var chosen = new List<int>();
        long seen = 0;
        var skip = 0;
        for (var offset = 0; ; offset += chunk)
        {
            var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).Skip(offset).Take(chunk)
                .Select(u => new { u.Id, Projects = db.Projects.Count(p => p.UnitId == u.Id && p.Year == year) })
                .ToListAsync();
            foreach (var unit in units.Where(u => u.Projects > 0))
            {
                if (seen + unit.Projects <= before)
                {
                    seen += unit.Projects; // wholly on an earlier page
                    continue;
                }

                if (seen >= before + OverviewPageSize)
                {
                    HasNextPage = true;
                    return (chosen, skip);
                }

                if (chosen.Count == 0)
                {
                    skip = (int)(before - seen);
                }

                chosen.Add(unit.Id);
                seen += unit.Projects;
            }

            if (units.Count < chunk)
            {
                HasNextPage = seen > before + OverviewPageSize;
                return (chosen, skip);
            }
        }
    }

    /// <summary>
    /// The units of this page of the overview and the rows of the first of them it skips: after a key (the "next" link),
    /// before one (the "previous" link), or by page number (a typed address). Sets <see cref="HasNextPage"/>.
    /// </summary>
    private async Task<(IReadOnlyList<int> Units, int Skip)> UnitsOfThisPageAsync(int year)
    {
        if (!string.IsNullOrEmpty(AfterUnit))
        {
            var (units, skip, more) = await RatingsPageReader.UnitsAfterRowAsync(db, year, AfterUnit, AfterProject ?? string.Empty, OverviewPageSize);
            HasNextPage = more;
            return (units, skip);
        }

        if (!string.IsNullOrEmpty(BeforeUnit) && PageNumber > 1)
        {
            var (before, skip) = await RatingsPageReader.UnitsBeforeRowAsync(db, year, BeforeUnit, BeforeProject ?? string.Empty, OverviewPageSize);
            if (before.Count > 0)
            {
                HasNextPage = true; // the key's row, at least, comes after this page
                return (before, skip);
            }

            PageNumber = 1; // nothing before the key (an edited link): the first page
        }

        return await UnitsOfPageAsync(year);
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

        var path = Path.GetTempFileName();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await ratings.WriteAsync(file, CurrentYear, CurrentUnit?.Id, kind);
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
