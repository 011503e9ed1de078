using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Documents;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Review;

/// <summary>
/// The review chain at work (issue 19 §2, docs/domain-rules.md §9): who decides a submission at each level, and what an
/// approval or a return does. One level (the default) is the unit's head; two add the head of the parent unit (主管部门);
/// three add 财政审核 (FinanceReviewer, for the units of its subtree). An approval below the last level forwards the
/// project; the last level's approval is final; a return at any level goes back to the filling unit, the history
/// keeping the level. The review page, the API and the queue all ask this class.
/// </summary>
public sealed class ReviewDecisions(AppDbContext db, UnitHierarchy tree, TimeProvider clock)
{
    /// <summary>The review chain of <paramref name="year"/>: as an admin configured it, else one level.</summary>
    public async Task<ReviewChain> ChainAsync(int year) =>
        await db.FiscalYears.AsNoTracking().Where(y => y.Year == year).Select(y => (int?)y.ReviewLevels).FirstOrDefaultAsync() is { } levels
            && levels is >= ReviewChain.MinLevels and <= ReviewChain.MaxLevels
            ? new ReviewChain(levels)
            : ReviewChain.UnitOnly;

    /// <summary>The stage a submitted record waits at (records submitted before the chain existed wait at the unit's own level).</summary>
    public static ReviewStage WaitingAt(BudgetProject project) => ReviewChain.WaitingAt(project.Status == ProjectStatus.Submitted, project.Stage);

    /// <summary>Whether <paramref name="user"/> decides at <paramref name="stage"/> for unit <paramref name="unitId"/>. Admins decide at every level.</summary>
    public bool MayDecideAt(ClaimsPrincipal user, int unitId, ReviewStage stage)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return stage != ReviewStage.None;
        }

        var own = user.GetUnitId();
        return stage switch
        {
            ReviewStage.Unit => user.IsInRole(Roles.DepartmentHead) && own == unitId,
            ReviewStage.Parent => user.IsInRole(Roles.DepartmentHead) && own is { } o && tree.ParentOf(unitId) == o,
            ReviewStage.Finance => user.IsInRole(Roles.FinanceReviewer) && own is { } f && tree.IsInSubtree(f, unitId),
            _ => false,
        };
    }

    /// <summary>
    /// The units whose submissions <paramref name="user"/> decides at some level of the chain: a head their own unit (本单位)
    /// and the units directly below it (主管部门), 财政审核 its unit's subtree; null for an admin (every unit); empty for
    /// everyone else. The queues narrow by this first, then ask <see cref="MayDecideAt"/> for the exact level.
    /// </summary>
    public IReadOnlyList<int>? UnitsReviewedBy(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return null;
        }

        if (user.GetUnitId() is not { } own)
        {
            return [];
        }

        var units = new HashSet<int>();
        if (user.IsInRole(Roles.DepartmentHead))
        {
            units.Add(own);
            units.UnionWith(tree.ChildrenOf(own));
        }

        if (user.IsInRole(Roles.FinanceReviewer))
        {
            units.UnionWith(tree.SubtreeOf(own));
        }

        return [.. units];
    }

    /// <summary>Why <paramref name="user"/> cannot decide <paramref name="project"/> now; null when they can.</summary>
    public string? WhyNotDecide(ClaimsPrincipal user, BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var stage = WaitingAt(project);
        if (stage == ReviewStage.None)
        {
            return $"只有已提交的项目可以审核，当前状态为{project.Status.ToChinese()}。";
        }

        return MayDecideAt(user, project.UnitId, stage) ? null : $"该项目正在等待{stage.ToChinese()}，您不是这一级的审核人。";
    }

    /// <summary>
    /// For any record the chain reviews (a project, a 部门整体 table, a monitoring entry) of unit <paramref name="unitId"/>
    /// waiting at <paramref name="waitingAt"/>: throws <see cref="NotYourLevelException"/> unless <paramref name="user"/>
    /// is that level's reviewer.
    /// </summary>
    public void EnsureMayDecide(ClaimsPrincipal user, int unitId, ReviewStage waitingAt)
    {
        if (!MayDecideAt(user, unitId, waitingAt))
        {
            throw new NotYourLevelException($"正在等待{waitingAt.ToChinese()}，您不是这一级的审核人。");
        }
    }

    /// <summary>The stage after <paramref name="current"/> in <paramref name="year"/>'s chain for unit <paramref name="unitId"/>; <see cref="ReviewStage.None"/> when an approval there is final.</summary>
    public async Task<ReviewStage> NextAsync(int year, ReviewStage current, int unitId) =>
        (await ChainAsync(year)).After(current == ReviewStage.None ? ReviewStage.Unit : current, tree.ParentOf(unitId) is not null);

    /// <summary>
    /// Applies <paramref name="decision"/> by <paramref name="user"/> to <paramref name="project"/> of <paramref name="unit"/>
    /// (not saved); returns the Chinese outcome. Throws <see cref="DomainException"/> when the user is not the reviewer of
    /// the level the project waits at, or the step is not legal.
    /// </summary>
    public async Task<string> DecideAsync(BudgetProject project, Unit unit, ClaimsPrincipal user, Decision decision, string? comment)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(unit);
        if (WhyNotDecide(user, project) is { } why)
        {
            throw new DomainException(why);
        }

        var name = user.Identity?.Name ?? "?";
        var now = clock.GetUtcNow();
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var stage = WaitingAt(project);
        if (decision == Decision.Return)
        {
            project.Return(name, now, text ?? string.Empty);
            return $"已在{stage.ToChinese()}退回。";
        }

        var next = (await ChainAsync(project.Year)).After(stage, unit.ParentId is not null);
        if (next == ReviewStage.None)
        {
            project.Approve(name, now, text, GoalDocuments.Snapshot(unit, project));
            return "已审核通过。";
        }

        project.Forward(name, now, text, next);
        return $"已通过{stage.ToChinese()}，转{next.ToChinese()}。";
    }
}

/// <summary>The record waits for another level of the review chain: the user may look but not decide (403 on a page, 409 in the API).</summary>
public sealed class NotYourLevelException(string message) : DomainException(message);
