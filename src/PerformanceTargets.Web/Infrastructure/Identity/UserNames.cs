using System.Security.Claims;

namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>How the pages name the signed-in user: the display name entered for them, else their sign-in name (e-mail).</summary>
public static class UserNames
{
    public static string ShownName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.GivenName) is { Length: > 0 } name ? name : user.Identity?.Name ?? string.Empty;
    }
}
