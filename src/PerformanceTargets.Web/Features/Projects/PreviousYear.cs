using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// Last year's version of a project, shown beside this year's targets while editing and reviewing: the same unit's
/// project of the year before with the same 项目编码, else with the same 项目名称.
/// </summary>
public sealed class PreviousYear(AppDbContext db)
{
    public async Task<BudgetProject?> FindAsync(int unitId, int year, string? code, string? name, CancellationToken cancellationToken = default)
    {
        var previous = db.Projects.AsNoTracking().Include(p => p.Indicators).Where(p => p.UnitId == unitId && p.Year == year - 1);
        var trimmedCode = code?.Trim();
        if (!string.IsNullOrEmpty(trimmedCode) && await previous.FirstOrDefaultAsync(p => p.Code == trimmedCode, cancellationToken) is { } byCode)
        {
            return byCode;
        }

        var trimmedName = name?.Trim();
        return string.IsNullOrEmpty(trimmedName)
            ? null
            : await previous.OrderBy(p => p.Id).FirstOrDefaultAsync(p => p.Name == trimmedName, cancellationToken);
    }

    /// <summary>Last year's value of the indicator with the same 一级/二级/三级 (else the same 三级 name); null when none.</summary>
    public static Indicator? Match(BudgetProject? previous, string? level1, string? level2, string? name)
    {
        if (previous is null || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var n = name.Trim();
        return previous.Indicators.FirstOrDefault(i => i.Name == n && i.Level1 == level1?.Trim() && i.Level2 == level2?.Trim())
            ?? previous.Indicators.FirstOrDefault(i => i.Name == n);
    }
}
