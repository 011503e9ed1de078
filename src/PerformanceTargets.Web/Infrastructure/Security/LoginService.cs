using Microsoft.AspNetCore.Identity;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

public enum LoginOutcome
{
    Succeeded,

    /// <summary>Unknown e-mail or wrong password: one answer for both.</summary>
    Failed,

    /// <summary>Over a rate limit (<see cref="LoginThrottle"/>): 429 with Retry-After.</summary>
    Throttled,

    /// <summary>The right password for an account an admin has locked: said only to whoever knows the password.</summary>
    Disabled,
}

public sealed record LoginAttempt(LoginOutcome Outcome, AppUser? User = null, TimeSpan RetryAfter = default)
{
    public const string FailedMessage = "邮箱或密码不正确。";
    public const string DisabledMessage = "该账户已被管理员停用，请联系系统管理员。";

    public string ThrottledMessage => $"登录尝试过于频繁，请 {Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds))} 秒后再试。";

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// The one password check of the sign-in page and <c>POST /api/v1/auth/login</c>: rate limits first, then the same
/// work and the same answer whether or not the account exists (an unknown e-mail is checked against a dummy hash, so
/// the timing is comparable). Failed passwords do not lock the account (see docs/security.md: a stranger could
/// otherwise keep any account locked); the rate limits bound guessing instead. An admin's lock still applies.
/// </summary>
public sealed class LoginService(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginThrottle throttle, IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Dummy = new() { UserName = "dummy", Email = "dummy@invalid" };
    private static string? _dummyHash;

    public async Task<LoginAttempt> CheckAsync(string email, string password, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        email = (email ?? string.Empty).Trim();
        password ??= string.Empty;
        if (!throttle.TryAcquire(http.Connection.RemoteIpAddress, email, out var retryAfter))
        {
            return new LoginAttempt(LoginOutcome.Throttled, RetryAfter: retryAfter);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same password hashing an existing account costs, so the answer time does not tell the two apart.
            _dummyHash ??= hasher.HashPassword(Dummy, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Dummy, _dummyHash, password);
            return new LoginAttempt(LoginOutcome.Failed);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            return new LoginAttempt(LoginOutcome.Failed);
        }

        return await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user)
            ? new LoginAttempt(LoginOutcome.Disabled)
            : new LoginAttempt(LoginOutcome.Succeeded, user);
    }
}
