using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// The projects waiting for a reviewer (已提交), level by level of the review chain: a head's own unit at 本单位审核 and
/// the units directly below it at 主管部门审核; a 财政审核 user's subtree at 财政审核; every unit at every level for an
/// admin. The review queue lists them by level; the navigation shows how many there are.
/// </summary>
public sealed class ReviewQueue(AppDbContext db, UnitHierarchy tree, ReviewBadge badge)
{
    /// <summary>Whether <paramref name="user"/> reviews at all (a department head, a 财政审核 user or an admin).</summary>
    public static bool Reviews(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DepartmentHead) || user.IsInRole(Roles.FinanceReviewer) || user.IsInRole(Roles.Admin);

    /// <summary>The submitted projects <paramref name="user"/> may decide now, at any of their levels.</summary>
    public IQueryable<BudgetProject> Of(ClaimsPrincipal user) => Of(user, null);

    /// <summary>The submitted projects waiting at <paramref name="stage"/> (null: any) that <paramref name="user"/> decides.</summary>
    public IQueryable<BudgetProject> Of(ClaimsPrincipal user, ReviewStage? stage)
    {
        ArgumentNullException.ThrowIfNull(user);
        var submitted = db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Submitted);
        if (user.IsInRole(Roles.Admin))
        {
            return stage switch
            {
                null => submitted,
                ReviewStage.Unit => submitted.Where(p => p.Stage == ReviewStage.Unit || p.Stage == ReviewStage.None),
                _ => submitted.Where(p => p.Stage == stage),
            };
        }

        if (user.GetUnitId() is not { } own)
        {
            return submitted.Where(_ => false);
        }

        var atUnit = (stage is null or ReviewStage.Unit) && user.IsInRole(Roles.DepartmentHead);
        var atParent = (stage is null or ReviewStage.Parent) && user.IsInRole(Roles.DepartmentHead);
        var atFinance = (stage is null or ReviewStage.Finance) && user.IsInRole(Roles.FinanceReviewer);
        var children = atParent ? tree.ChildrenOf(own).ToList() : [];
        var subtree = atFinance ? tree.SubtreeOf(own).ToList() : [];
        return submitted.Where(p =>
            (atUnit && p.UnitId == own && (p.Stage == ReviewStage.Unit || p.Stage == ReviewStage.None))
            || (atParent && p.Stage == ReviewStage.Parent && children.Contains(p.UnitId))
            || (atFinance && p.Stage == ReviewStage.Finance && subtree.Contains(p.UnitId)));
    }

    /// <summary>The most the navigation's badge counts: from there on it shows “99+”.</summary>
    public const int BadgeCap = 100;

    /// <summary>
    /// The navigation's badge on every page: how many projects wait, counted up to <see cref="BadgeCap"/> only (the query
    /// stops there), so an admin of a province with 20,000 submissions does not pay for counting them; and remembered
    /// until a project changes (<see cref="ReviewBadge"/>), so a page does not count at all.
    /// </summary>
    public async Task<int> CountForBadgeAsync(ClaimsPrincipal user) =>
        Reviews(user) ? await badge.CountAsync(user, () => Of(user).Take(BadgeCap).CountAsync()) : 0;

    /// <summary>The badge's text: the count, or “99+” from <see cref="BadgeCap"/> on.</summary>
    public static string BadgeText(int count) => count >= BadgeCap ? $"{BadgeCap - 1}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The levels <paramref name="user"/> reviews at, each with how many projects wait there.</summary>
    public async Task<IReadOnlyList<(ReviewStage Stage, int Count)>> CountsAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stages = new List<ReviewStage>();
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.DepartmentHead))
        {
            stages.Add(ReviewStage.Unit);
            stages.Add(ReviewStage.Parent);
        }

        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.FinanceReviewer))
        {
            stages.Add(ReviewStage.Finance);
        }

        var counts = new List<(ReviewStage, int)>();
        foreach (var stage in stages)
        {
            counts.Add((stage, await Of(user, stage).CountAsync()));
        }

        return counts;
    }
}
