using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>The current user's unit travels in the auth cookie as a claim, so access checks need no database round trip.</summary>
public static class UnitClaims
{
    public const string UnitId = "pt:unit";

    /// <summary>The unit of a Finance or DepartmentHead user; null for admins, auditors and users without a unit.</summary>
    public static int? GetUnitId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirstValue(UnitId);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}

/// <summary>Adds <see cref="UnitClaims.UnitId"/> (and the display name) to the principal Identity signs in.</summary>
public sealed class UnitClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitId is { } unitId)
        {
            identity.AddClaim(new Claim(UnitClaims.UnitId, unitId.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        return identity;
    }
}
