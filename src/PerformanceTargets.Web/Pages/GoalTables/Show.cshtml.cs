using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Documents;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.GoalTables;

/// <summary>One project's goal table on its own, for the browser's print (A4, print.css) and as a .docx download.</summary>
public class ShowModel(AppDbContext db) : PageModel
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public BudgetProject Project { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        return File(GoalDocuments.ProjectDocx(Unit, Project), DocxContentType, $"{Project.Code}-{Project.Name}绩效目标表.docx");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == Id);
        if (project is null)
        {
            return NotFound();
        }

        if (this.Check(WorkbenchAction.Read, project.UnitId) is { } denied)
        {
            return denied;
        }

        Project = project;
        Unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId);
        return null;
    }
}
