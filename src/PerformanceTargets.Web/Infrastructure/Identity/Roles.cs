namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>The four roles of the product card.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Finance = "Finance";
    public const string DepartmentHead = "DepartmentHead";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Finance, DepartmentHead, Auditor];

    public static string ToChinese(string role) => role switch
    {
        Admin => "系统管理员",
        Finance => "财务人员",
        DepartmentHead => "部门负责人",
        Auditor => "审计人员",
        _ => role,
    };

    /// <summary>财务人员 and 部门负责人 work for one unit; 系统管理员 and 审计人员 belong to none.</summary>
    public static bool RequiresUnit(string? role) => role is Finance or DepartmentHead;

    /// <summary>Accepts the role name in any letter case; returns the canonical name or null.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
