using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Pages.Library;

/// <summary>
/// The indicator library (指标库): everyone signed in browses it; admins promote candidates (from imports and hand-written
/// indicators of saved projects) into standard indicators, edit an entry's description, or drop a candidate.
/// </summary>
public class IndexModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public LibraryStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<LibraryIndicator> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public int CandidateCount { get; private set; }

    public bool CanManage { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        CanManage = await IsAdminAsync();
        CandidateCount = await db.LibraryIndicators.CountAsync(e => e.Status == LibraryStatus.Candidate);
        var query = db.LibraryIndicators.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = query.Where(e => e.Name.Contains(term) || e.Description.Contains(term) || e.Level2.Contains(term) || e.Fields.Contains(term));
        }

        Total = await query.CountAsync();
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderBy(e => e.Status).ThenBy(e => e.Level1).ThenBy(e => e.Level2).ThenBy(e => e.Name)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
    }

    public async Task<IActionResult> OnPostPromoteAsync(int id)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        var entry = await db.LibraryIndicators.FirstOrDefaultAsync(e => e.Id == id);
        if (entry is null)
        {
            return NotFound();
        }

        entry.Promote();
        await db.SaveChangesAsync();
        Message = $"“{entry.Name}”已纳入指标库的标准指标。";
        return RedirectToPage(new { q = Q, status = Status });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        var entry = await db.LibraryIndicators.FirstOrDefaultAsync(e => e.Id == id);
        if (entry is null)
        {
            return NotFound();
        }

        if (entry.Status != LibraryStatus.Candidate)
        {
            Message = "标准指标不能删除。";
            return RedirectToPage(new { q = Q, status = Status });
        }

        db.LibraryIndicators.Remove(entry);
        await db.SaveChangesAsync();
        Message = $"候选指标“{entry.Name}”已删除。";
        return RedirectToPage(new { q = Q, status = Status });
    }

    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["q"] = Q ?? string.Empty,
        ["status"] = Status?.ToString() ?? string.Empty,
        ["p"] = page.ToString(WebUiSetup.Culture),
    };

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, Policies.AdminOnly)).Succeeded;
}
