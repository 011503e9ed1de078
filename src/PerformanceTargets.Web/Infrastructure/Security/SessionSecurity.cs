using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// Sessions end (docs/security.md, "Sessions and tokens"): signing out, an admin's lock, a role change and a password
/// change renew the user's security stamp; cookies are checked against it every
/// <see cref="ValidationIntervalKey"/> (default one minute) by Identity's <c>SecurityStampValidator</c>, and bearer
/// tokens by <see cref="BearerSessionStandsAsync"/> on every API call (the API's <c>BearerSessionFilter</c>) (the answer cached for the same interval): a stale
/// stamp, a locked user or a revoked refresh family answers 401. Also registers the login checks
/// (<see cref="LoginService"/>, <see cref="LoginThrottle"/>) and the refresh token families (<see cref="RefreshTokens"/>).
/// </summary>
public static class SessionSecurity
{
    public const string ValidationIntervalKey = "Security:SessionValidationInterval";

    public static readonly TimeSpan DefaultValidationInterval = TimeSpan.FromMinutes(1);

    public static TimeSpan ValidationInterval(IConfiguration configuration) =>
        configuration.GetValue<TimeSpan?>(ValidationIntervalKey) is { } value && value >= TimeSpan.Zero ? value : DefaultValidationInterval;

    public static WebApplicationBuilder AddSessionSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var interval = ValidationInterval(builder.Configuration);
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = interval);

        // No Server header: it only tells a prober which server and version to target.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<RefreshTokens>();
        builder.Services.AddScoped<LoginService>();
        builder.Services.AddSingleton(sp => new LoginThrottle(LoginThrottle.Limits.From(builder.Configuration)));
        return builder;
    }

    /// <summary>Whether a bearer-authenticated caller's token still stands: same security stamp, not locked, its refresh family live.</summary>
    public static async Task<bool> BearerSessionStandsAsync(HttpContext http)
    {
        var principal = http.User;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }

        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        var key = ("bearer-session", userId, stamp, principal.FindFirstValue(RefreshTokens.FamilyClaim));
        var cache = services.GetRequiredService<IMemoryCache>();
        if (cache.TryGetValue(key, out bool cached))
        {
            return cached;
        }

        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.ValidateSecurityStampAsync(principal);
        var stands = user is not null
            && !await users.IsLockedOutAsync(user)
            && await signIn.CanSignInAsync(user)
            && await services.GetRequiredService<RefreshTokens>().IsLiveAsync(userId, principal, http.RequestAborted);
        var interval = ValidationInterval(services.GetRequiredService<IConfiguration>());
        if (interval > TimeSpan.Zero)
        {
            cache.Set(key, stands, interval);
        }

        return stands;
    }
}
