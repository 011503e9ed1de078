using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.Units;

public class IndexModel(AppDbContext db) : PageModel
{
    public const int SearchMaxLength = 100;

    /// <summary>Part of a unit's code or name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<UnitRow> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var query = db.Units.AsNoTracking();
        var q = PageForms.Blank(Q);
        if (q is not null)
        {
            q = q.Length > SearchMaxLength ? q[..SearchMaxLength] : q;
            query = query.Where(u => u.Code.Contains(q) || u.Name.Contains(q));
        }

        var units = await query.OrderBy(u => u.Code).ToListAsync();
        var parentIds = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).Distinct().ToList();
        var parents = await db.Units.AsNoTracking()
            .Where(u => parentIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Code + " " + u.Name);
        Rows = [.. units.Select(u => new UnitRow(u.Id, u.Code, u.Name, u.ParentId is { } p ? parents.GetValueOrDefault(p) : null))];
    }

    public sealed record UnitRow(int Id, string Code, string Name, string? Parent);
}
