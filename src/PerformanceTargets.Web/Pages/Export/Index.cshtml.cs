using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Export;

/// <summary>
/// Downloads a unit's goal documents of a year (GET <c>/Export?unit=ID&amp;year=YYYY&amp;format=docx|txt|json</c>), or one
/// project's (<c>&amp;project=ID</c>). Without a unit, Admins and Auditors get every unit of the year.
/// </summary>
public class IndexModel(AppDbContext db, PlanExporter exporter) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? unit, int year, string? format, int? project, CancellationToken cancellationToken)
    {
        var kind = PlanExporter.ParseFormat(format ?? "docx");
        if (kind is null || year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            return BadRequest();
        }

        string? unitCode = null;
        int[]? projectIds = null;
        if (project is int projectId)
        {
            var owner = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => (int?)p.UnitId).FirstOrDefaultAsync(cancellationToken);
            if (owner is null)
            {
                return NotFound();
            }

            unit = owner;
            projectIds = [projectId];
        }

        if (unit is int unitId)
        {
            if (this.Check(WorkbenchAction.Read, unitId) is { } denied)
            {
                return denied;
            }

            unitCode = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Code).FirstOrDefaultAsync(cancellationToken);
            if (unitCode is null)
            {
                return NotFound();
            }
        }
        else if (!ProjectAccess.SeesAllUnits(User))
        {
            return NotFound();
        }

        var document = await exporter.BuildAsync(year, unitCode, projectIds, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        var name = $"绩效目标-{year}-{unitCode ?? "全部单位"}{(projectIds is null ? string.Empty : "-" + document.Units.FirstOrDefault()?.Projects.FirstOrDefault()?.Code)}{PlanExporter.Extension(kind.Value)}";
        return File(PlanDocuments.Write(document, kind.Value), PlanExporter.ContentType(kind.Value), name);
    }
}
