using Microsoft.AspNetCore.Identity;

namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>A person who signs in. Finance staff and department heads belong to one unit; auditors and admins to none.</summary>
public class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string? DisplayName { get; set; }

    /// <summary>The unit this user works for (财务人员, 部门负责人); null for auditors and admins.</summary>
    public int? UnitId { get; set; }
}
