using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>Builds the interchange document of a year (optionally one unit, optionally some projects) from the database, for every export format.</summary>
public sealed class PlanExporter(AppDbContext db)
{
    /// <returns>The document, or null when <paramref name="unitCode"/> names no unit.</returns>
    public async Task<InterchangeDocument?> BuildAsync(int year, string? unitCode = null, IReadOnlyCollection<int>? projectIds = null, CancellationToken cancellationToken = default)
    {
        var unitsQuery = db.Units.AsNoTracking();
        if (unitCode is not null)
        {
            unitsQuery = unitsQuery.Where(u => u.Code == unitCode);
        }

        var units = await unitsQuery.OrderBy(u => u.Code).ToListAsync(cancellationToken);
        if (unitCode is not null && units.Count == 0)
        {
            return null;
        }

        var unitIds = units.Select(u => u.Id).ToList();
        var plans = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals)
            .Where(p => p.Year == year && unitIds.Contains(p.UnitId))
            .ToDictionaryAsync(p => p.UnitId, cancellationToken);
        var projectsQuery = db.Projects.AsNoTracking().AsSplitQuery().Include(p => p.Indicators)
            .Where(p => p.Year == year && unitIds.Contains(p.UnitId));
        if (projectIds is not null)
        {
            projectsQuery = projectsQuery.Where(p => projectIds.Contains(p.Id));
        }

        var projects = (await projectsQuery.ToListAsync(cancellationToken)).ToLookup(p => p.UnitId);

        // The 部门整体 table of each unit travels in the JSON as units[].departmentTable (the other formats leave it out).
        var departments = projectIds is not null ? [] : await db.DepartmentTables.AsNoTracking()
            .Where(t => t.Year == year && unitIds.Contains(t.UnitId))
            .ToDictionaryAsync(t => t.UnitId, cancellationToken);
        var result = new List<InterchangeUnit>();
        foreach (var unit in units)
        {
            var unitProjects = projects[unit.Id].OrderBy(p => p.Id).ToList();
            var plan = plans.GetValueOrDefault(unit.Id);
            var department = departments.GetValueOrDefault(unit.Id);
            if (unitCode is null && plan is null && unitProjects.Count == 0 && department is null)
            {
                continue;
            }

            if (projectIds is not null && unitProjects.Count == 0)
            {
                continue;
            }

            var interchange = DomainMapping.ToInterchange(unit, projectIds is null ? plan : null, unitProjects);
            interchange.DepartmentTable = department is null ? null : DepartmentMapping.ToInterchange(department);
            result.Add(interchange);
        }

        return DomainMapping.ToDocument(year, result);
    }

    public static string ContentType(DocumentKind format) => format switch
    {
        DocumentKind.Json => "application/json; charset=utf-8",
        DocumentKind.Text => "text/plain; charset=utf-8",
        DocumentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public static string Extension(DocumentKind format) => format switch
    {
        DocumentKind.Json => ".json",
        DocumentKind.Text => ".txt",
        DocumentKind.Xlsx => ".xlsx",
        _ => ".docx",
    };

    public static DocumentKind? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => DocumentKind.Json,
        "txt" or "text" => DocumentKind.Text,
        "docx" => DocumentKind.Docx,
        "xlsx" => DocumentKind.Xlsx,
        _ => null,
    };

    /// <summary>A readable name for the plan of a unit, used by pages that show whether a unit has a plan.</summary>
    public static string PlanTitle(UnitPlan plan) => $"{plan.Year} 年度部门整体绩效目标";
}
