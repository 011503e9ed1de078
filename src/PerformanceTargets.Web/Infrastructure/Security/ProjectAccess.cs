using System.Security.Claims;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// The one place that decides who may do what with a unit's projects and plan (issue 5):
/// <list type="bullet">
/// <item>Admin: everything, every unit.</item>
/// <item>Auditor: reads every unit and year, never writes.</item>
/// <item>Finance (财务人员) of the unit: reads, edits, submits, adjusts, records year-end actuals.</item>
/// <item>DepartmentHead (部门负责人) of the unit: reads, approves, returns.</item>
/// <item>DepartmentHead of an ancestor unit (a 主管部门 in the unit tree): reads, approves, returns the subtree's projects
/// (the review chain decides at which level; <see cref="Features.Review.ReviewDecisions"/>).</item>
/// <item>FinanceReviewer (财政审核) whose unit is the unit or one of its ancestors: reads, approves, returns.</item>
/// <item>Finance or DepartmentHead of another unit (or without a unit): 404, so the id is never confirmed.</item>
/// </list>
/// The ancestors come from <paramref name="ancestry"/>; without it only the unit's own users are recognised.
/// Every page and handler asks this class (through <see cref="Decide"/>); role-only policies in <see cref="Policies"/>
/// only keep whole page folders from the wrong roles. Workflow legality (which status allows which step) stays on the aggregate.
/// </summary>
public static class ProjectAccess
{
    public static AccessDecision Decide(ClaimsPrincipal user, WorkbenchAction action, int unitId, IUnitAncestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return AccessDecision.NotFound;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return AccessDecision.Allowed;
        }

        if (user.IsInRole(Roles.Auditor))
        {
            return action == WorkbenchAction.Read ? AccessDecision.Allowed : AccessDecision.Forbidden;
        }

        var own = user.GetUnitId();
        var isFinance = user.IsInRole(Roles.Finance);
        var isHead = user.IsInRole(Roles.DepartmentHead);
        var isFinanceReviewer = user.IsInRole(Roles.FinanceReviewer);
        if (own is { } ownUnit && own != unitId && (isHead || isFinanceReviewer) && ancestry is not null && ancestry.AncestorsOf(unitId).Contains(ownUnit))
        {
            return Reviews(action);
        }

        if (isFinanceReviewer && own == unitId)
        {
            return Reviews(action);
        }

        if ((!isFinance && !isHead) || own != unitId)
        {
            return AccessDecision.NotFound;
        }

        var allowed = action switch
        {
            WorkbenchAction.Read => true,
            WorkbenchAction.Edit or WorkbenchAction.Submit or WorkbenchAction.Adjust or WorkbenchAction.RecordActuals => isFinance,
            WorkbenchAction.Approve or WorkbenchAction.Return => isHead,
            _ => false,
        };
        return allowed ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    public static bool Can(ClaimsPrincipal user, WorkbenchAction action, int unitId, IUnitAncestry? ancestry = null) =>
        Decide(user, action, unitId, ancestry) == AccessDecision.Allowed;

    /// <summary>A reviewer above the unit (主管部门 head, 财政审核) reads and decides; everything else is the unit's own.</summary>
    private static AccessDecision Reviews(WorkbenchAction action) =>
        action is WorkbenchAction.Read or WorkbenchAction.Approve or WorkbenchAction.Return ? AccessDecision.Allowed : AccessDecision.Forbidden;

    /// <summary>True when the user sees every unit (Admin, Auditor); false when only their own unit.</summary>
    public static bool SeesAllUnits(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor);
    }
}
