namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Only the 系统管理员 role; guards every page under <c>/Admin</c>.</summary>
    public const string AdminOnly = "AdminOnly";
}
