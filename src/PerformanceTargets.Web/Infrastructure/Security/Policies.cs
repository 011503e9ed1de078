using Microsoft.AspNetCore.Authorization;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// Role policies for whole pages (coarse: which roles may open a page at all). The unit-level decision for each
/// project or plan is <see cref="ProjectAccess"/>; pages apply both.
/// </summary>
public static class Policies
{
    /// <summary>Only the 系统管理员 role; guards every page under <c>/Admin</c>.</summary>
    public const string AdminOnly = "AdminOnly";

    /// <summary>Finance or Admin: pages that write projects and plans.</summary>
    public const string Write = "workbench.write";

    /// <summary>DepartmentHead, FinanceReviewer (财政审核) or Admin: the review queue.</summary>
    public const string Review = "workbench.review";

    /// <summary>Admin or Auditor: the audit trail and its downloads.</summary>
    public const string Audit = "workbench.audit";

    /// <summary>
    /// 预算公开: who may publish and withdraw a unit's goal tables (<c>Features/Publishing/Publisher</c>): Admin, and
    /// 财政审核 for the units of its subtree (<c>Publisher.InScope</c>).
    /// </summary>
    public const string Publish = "workbench.publish";

    public static AuthorizationBuilder AddWorkbenchPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Write, p => p.RequireRole(Roles.Finance, Roles.Admin))
            .AddPolicy(Review, p => p.RequireRole(Roles.DepartmentHead, Roles.FinanceReviewer, Roles.Admin))
            .AddPolicy(Audit, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Publish, p => p.RequireRole(Roles.Admin, Roles.FinanceReviewer));
    }
}
