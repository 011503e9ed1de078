using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Review;

/// <summary>
/// The review assistant (审核要点, issue 19 §3) for one project: <see cref="ReviewAssistant"/>'s points against last
/// year's project of the same code (or name), without the checks an admin switched off for the year. The filler sees
/// them as warnings on the project page; the reviewer as a checklist on the review page; the API at
/// <c>GET /api/v1/projects/{id}/review-points</c>.
/// </summary>
public sealed class ReviewChecklist(AppDbContext db, PreviousYear previousYear)
{
    /// <summary>The checks switched off for <paramref name="year"/> (none when the year has no record).</summary>
    public async Task<IReadOnlySet<string>> DisabledChecksAsync(int year)
    {
        var stored = await db.FiscalYears.AsNoTracking().Where(y => y.Year == year).Select(y => y.DisabledReviewChecks).FirstOrDefaultAsync();
        return (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The points of <paramref name="project"/>; <paramref name="lastYear"/> when the caller already has it, else it is looked up.</summary>
    public async Task<IReadOnlyList<ReviewPoint>> ForAsync(BudgetProject project, BudgetProject? lastYear = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        lastYear ??= await previousYear.FindAsync(project.UnitId, project.Year, project.Code, project.Name);
        return ReviewAssistant.Review(project, lastYear, await DisabledChecksAsync(project.Year));
    }
}
