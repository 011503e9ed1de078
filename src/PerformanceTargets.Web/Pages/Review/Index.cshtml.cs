using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>The review queue: submitted projects of the department head's own unit (an admin sees every unit's).</summary>
public class IndexModel(AppDbContext db, ReviewQueue queue) : PageModel
{
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Queue = await queue.Of(User)
            .OrderBy(p => p.Year).ThenBy(p => p.Code)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new QueueRow(p.Id, p.Year, u.Code + " " + u.Name, p.Code, p.Name, p.Budget))
            .ToListAsync();
    }

    public sealed record QueueRow(int Id, int Year, string Unit, string Code, string Name, decimal Budget);
}
