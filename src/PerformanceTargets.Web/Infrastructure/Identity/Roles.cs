namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>The four roles of the product card, and 财政审核 (the review chain's last level, issue 19).</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Finance = "Finance";
    public const string DepartmentHead = "DepartmentHead";
    public const string Auditor = "Auditor";

    /// <summary>财政审核: gives the final approval in a three-level review chain, for the units of a subtree (the user's unit and below).</summary>
    public const string FinanceReviewer = "FinanceReviewer";

    public static readonly IReadOnlyList<string> All = [Admin, Finance, DepartmentHead, Auditor, FinanceReviewer];

    public static string ToChinese(string role) => role switch
    {
        Admin => "系统管理员",
        Finance => "财务人员",
        DepartmentHead => "部门负责人",
        Auditor => "审计人员",
        FinanceReviewer => "财政审核",
        _ => role,
    };

    /// <summary>财务人员 and 部门负责人 work for one unit, and a 财政审核 user's unit is the root of the subtree it reviews; 系统管理员 and 审计人员 belong to none.</summary>
    public static bool RequiresUnit(string? role) => role is Finance or DepartmentHead or FinanceReviewer;

    /// <summary>Accepts the role name in any letter case; returns the canonical name or null.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
