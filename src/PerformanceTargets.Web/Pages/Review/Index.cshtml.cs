using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>
/// The review queue, level by level of the review chain: each level the user reviews at (本单位审核, 主管部门审核,
/// 财政审核) with its count, and the projects waiting at the chosen level (all of them by default).
/// </summary>
public class IndexModel(AppDbContext db, ReviewQueue queue, Features.Department.DepartmentTableService departmentTables, Features.Monitoring.MonitoringEntries monitoring) : PageModel
{
    /// <summary>The level shown; null for every level.</summary>
    [BindProperty(SupportsGet = true)]
    public ReviewStage? Level { get; set; }

    public IReadOnlyList<(ReviewStage Stage, int Count)> Levels { get; private set; } = [];

    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    /// <summary>Submitted 绩效运行监控表 of open rounds waiting at one of the user's levels.</summary>
    public IReadOnlyList<Features.Monitoring.MonitoringQueueRow> MonitoringQueue { get; private set; } = [];

    /// <summary>Submitted 部门整体支出绩效目标表, reviewed beside the projects.</summary>
    public IReadOnlyList<DepartmentRow> DepartmentQueue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DepartmentQueue = [.. (await departmentTables.QueueAsync(User)).Select(r => new DepartmentRow(r.Unit.Id, r.Table.Year, r.Unit.Code + " " + r.Unit.Name, r.Table.TotalBudget))];
        MonitoringQueue = await monitoring.QueueAsync(User);
        Levels = await queue.CountsAsync(User);
        if (Level is { } level && Levels.All(l => l.Stage != level))
        {
            Level = null;
        }

        Queue = await queue.Of(User, Level)
            .OrderBy(p => p.Year).ThenBy(p => p.Code)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new QueueRow(p.Id, p.Year, u.Code + " " + u.Name, p.Code, p.Name, p.Budget, p.Stage))
            .Take(MaxRows)
            .ToListAsync();
    }

    /// <summary>The most rows one page lists; the counts above say how many wait in all.</summary>
    public const int MaxRows = 500;

    public sealed record QueueRow(int Id, int Year, string Unit, string Code, string Name, decimal Budget, ReviewStage Stage);

    public sealed record DepartmentRow(int UnitId, int Year, string Unit, decimal Budget);
}
