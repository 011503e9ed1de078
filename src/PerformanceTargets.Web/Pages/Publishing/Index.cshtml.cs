using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Publishing;

/// <summary>
/// 预算公开 for those the <see cref="Policies.Publish"/> policy lets in: per unit of a year, how many goal tables are
/// approved, whether they are published, and the publish (optionally with the self-evaluation results) and withdraw
/// buttons. The work is <see cref="Publisher"/>'s.
/// </summary>
public class IndexModel(AppDbContext db, UnitScope scope, Publisher publisher) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int CurrentYear { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<UnitRow> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPublishAsync(string unit, bool withResults)
    {
        CurrentYear = await scope.ResolveYearAsync(Year);
        var result = await publisher.PublishAsync(User, unit, CurrentYear, withResults, HttpContext.RequestAborted);
        return Answer(result, $"已公开 {unit} 的 {CurrentYear} 年度绩效目标（{result.Projects} 张项目表{(withResults ? "，含自评结果" : string.Empty)}）。");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string unit)
    {
        CurrentYear = await scope.ResolveYearAsync(Year);
        var result = await publisher.WithdrawAsync(User, unit, CurrentYear, HttpContext.RequestAborted);
        return Answer(result, $"已撤回 {unit} 的 {CurrentYear} 年度公开。");
    }

    private IActionResult Answer(PublishResult result, string done)
    {
        switch (result.Outcome)
        {
            case PublishOutcome.Forbidden:
                return Forbid();
            case PublishOutcome.NotFound:
                return NotFound();
            case PublishOutcome.NothingApproved:
                StatusMessage = "该单位本年度没有审核通过的项目绩效目标表，未公开。";
                break;
            default:
                StatusMessage = done;
                break;
        }

        return RedirectToPage(new { year = CurrentYear });
    }

    private async Task LoadAsync()
    {
        CurrentYear = await scope.ResolveYearAsync(Year);
        Years = await scope.YearsAsync(CurrentYear);
        var year = CurrentYear;
        var approved = await db.Projects.AsNoTracking()
            .Where(p => p.Year == year && p.Status == ProjectStatus.Approved)
            .GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count);
        var live = await db.Publications.AsNoTracking()
            .Where(p => p.Year == year && p.WithdrawnAt == null)
            .Select(p => new { p.UnitId, p.PublishedAt, HasResults = p.Results != null })
            .ToListAsync();
        var units = (await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync()).Where(u => publisher.InScope(User, u.Id)).ToList();
        Rows = [.. units.Select(u =>
        {
            var publication = live.Where(p => p.UnitId == u.Id).OrderByDescending(p => p.PublishedAt).FirstOrDefault();
            return new UnitRow(u.Code, u.Name, approved.GetValueOrDefault(u.Id), publication?.PublishedAt, publication?.HasResults == true);
        })];
    }

    public sealed record UnitRow(string Code, string Name, int Approved, DateTimeOffset? PublishedAt, bool ResultsPublished);
}
