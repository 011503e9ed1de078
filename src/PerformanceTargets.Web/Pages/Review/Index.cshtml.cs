using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>The review queue: submitted projects of the department head's own unit (an admin sees every unit's).</summary>
public class IndexModel(AppDbContext db, ReviewQueue queue, Features.Department.DepartmentTableService departmentTables) : PageModel
{
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    /// <summary>Submitted 部门整体支出绩效目标表, reviewed beside the projects.</summary>
    public IReadOnlyList<DepartmentRow> DepartmentQueue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DepartmentQueue = [.. (await departmentTables.QueueAsync(User)).Select(r => new DepartmentRow(r.Unit.Id, r.Table.Year, r.Unit.Code + " " + r.Unit.Name, r.Table.TotalBudget))];
        Queue = await queue.Of(User)
            .OrderBy(p => p.Year).ThenBy(p => p.Code)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new QueueRow(p.Id, p.Year, u.Code + " " + u.Name, p.Code, p.Name, p.Budget))
            .ToListAsync();
    }

    public sealed record DepartmentRow(int UnitId, int Year, string Unit, decimal Budget);

    public sealed record QueueRow(int Id, int Year, string Unit, string Code, string Name, decimal Budget);
}
