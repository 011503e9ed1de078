using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Admin.ReviewSettings;

/// <summary>
/// How one fiscal year's goal tables are reviewed (issue 19 §2–§3): the review chain's levels (1 本单位; 2 + 主管部门;
/// 3 + 财政审核) and which review-assistant checks are on. A closed year's settings are read-only.
/// </summary>
public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    /// <summary>1–3.</summary>
    [BindProperty]
    public int Levels { get; set; } = ReviewChain.MinLevels;

    /// <summary>The codes of the checks that stay on.</summary>
    [BindProperty]
    public List<string> Enabled { get; set; } = [];

    public bool IsOpen { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == Year) is not { } year)
        {
            return NotFound();
        }

        IsOpen = year.IsOpen;
        Levels = year.Chain.Levels;
        var disabled = year.DisabledChecks;
        Enabled = [.. ReviewAssistant.Checks.Select(c => c.Code).Where(c => !disabled.Contains(c))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await db.FiscalYears.FirstOrDefaultAsync(y => y.Year == Year) is not { } year)
        {
            return NotFound();
        }

        IsOpen = year.IsOpen;
        if (!year.IsOpen)
        {
            ModelState.AddModelError(string.Empty, $"{Year} 年度已关闭，审核设置不能修改；请先重新打开该年度。");
            return Page();
        }

        try
        {
            year.ConfigureReview(Levels, ReviewAssistant.Checks.Select(c => c.Code).Where(c => !Enabled.Contains(c)));
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Levels), ex.Message);
            return Page();
        }

        StatusMessage = $"已保存 {Year} 年度的审核设置：{year.Chain.Describe()}，审核要点开启 {Enabled.Distinct().Count(c => ReviewAssistant.Checks.Any(k => k.Code == c))} 项。";
        return RedirectToPage(new { year = Year });
    }
}
