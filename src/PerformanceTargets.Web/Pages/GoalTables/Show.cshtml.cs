using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Documents;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.GoalTables;

/// <summary>
/// One project's goal table on its own, for the browser's print (A4, print.css) and as a .docx download. The page reads
/// one row (the project's unit, name and version) to decide access; the table itself is rendered once per project
/// version, from its second view on, and then served from the cache tag helper (see <see cref="CacheKey"/> and
/// <see cref="RenderedTableAdmission"/>), so a busy unit's goal tables cost one
/// indexed lookup a view (<see cref="GoalTableReader.ReadHeaderAsync"/>, on a kept connection on SQLite). A table's first
/// view reads the header and the table in one command (<see cref="GoalTableReader.ReadHeaderWithTableAsync"/>).
/// </summary>
public class ShowModel(AppDbContext db, GoalTableReader reader, RenderedTableAdmission admission) : PageModel
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public GoalTableHeader Header { get; private set; } = null!;

    /// <summary>
    /// What the rendered table depends on: the project's version (renewed by every save of the project or any of its
    /// parts) and the unit's code and name shown in its head row. A new version is a new key, so a cached table is never stale.
    /// </summary>
    public string CacheKey => $"{Header.Id}:{Header.Version:N}:{Header.UnitCode}:{Header.UnitName}";

    /// <summary>Whether this view keeps its rendering in the cache (a table's second view of a version on; see <see cref="RenderedTableAdmission"/>).</summary>
    public bool KeepRendered { get; private set; }

    /// <summary>The table when it was read with the header (a first view), else null.</summary>
    private GoalTable? _table;

    public async Task<IActionResult> OnGetAsync()
    {
        // A table not viewed yet will be read on this view: read it in the header's command (one round trip, not two).
        var (header, table) = admission.HasSeen(Id)
            ? (await reader.ReadHeaderAsync(Id, HttpContext.RequestAborted), null)
            : await reader.ReadHeaderWithTableAsync(Id, HttpContext.RequestAborted);
        if (header is null)
        {
            return NotFound();
        }

        if (this.Check(WorkbenchAction.Read, header.UnitId) is { } denied)
        {
            return denied;
        }

        Header = header;
        _table = table;
        KeepRendered = admission.Admit(header.Id, header.Version);
        return Page();
    }

    /// <summary>
    /// The full table, read (one command, <see cref="GoalTableReader"/>) only when the cache has no rendering of this version
    /// yet, unless it came with the header.
    /// </summary>
    public async Task<GoalTableView> LoadGoalTableAsync() =>
        new(_table ?? await reader.ReadAsync(Header.Id) ?? throw new InvalidOperationException($"project {Header.Id} was deleted while its goal table was shown"));


    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await LoadProjectAsync(Id) is not { } table)
        {
            return NotFound();
        }

        if (this.Check(WorkbenchAction.Read, table.Project.UnitId) is { } denied)
        {
            return denied;
        }

        return File(GoalDocuments.ProjectDocx(table.Unit, table.Project), DocxContentType, $"{table.Project.Code}-{table.Project.Name}绩效目标表.docx");
    }

    /// <summary>The project <paramref name="id"/> with its indicators and its unit; null when there is no such project.</summary>
    private async Task<(Unit Unit, BudgetProject Project)?> LoadProjectAsync(int id)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == id);
        return project is null ? null : (await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId), project);
    }
}

