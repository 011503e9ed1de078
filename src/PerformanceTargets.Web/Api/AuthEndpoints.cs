using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

public sealed record AntiforgeryToken(string HeaderName, string Token);

public sealed record CurrentUser(string Email, string? DisplayName, IReadOnlyList<string> Roles, int? UnitId);

/// <summary>
/// Bearer tokens for scripts: Identity's bearer token scheme (<c>AddBearerToken</c>), but only login and refresh —
/// no registration or account endpoints (users are made by admins). Tokens are data-protected with the keys in the
/// database, so any instance accepts them.
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("认证");

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest login, HttpContext http, SignInManager<AppUser> signIn, LoginService logins, RefreshTokens refreshTokens) =>
            {
                if (string.IsNullOrWhiteSpace(login.Email) || string.IsNullOrEmpty(login.Password))
                {
                    return TypedResults.Problem("请输入邮箱和密码。", statusCode: StatusCodes.Status400BadRequest, title: "请求有误");
                }

                var attempt = await logins.CheckAsync(login.Email, login.Password, http);
                switch (attempt.Outcome)
                {
                    case LoginOutcome.Succeeded:
                        // The bearer handler writes the token response itself (accessToken, expiresIn, refreshToken).
                        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                        await signIn.SignInWithClaimsAsync(attempt.User!, isPersistent: false, await refreshTokens.StartAsync(attempt.User!, http.RequestAborted));
                        return TypedResults.Empty;
                    case LoginOutcome.Throttled:
                        http.Response.Headers.RetryAfter = attempt.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        return TypedResults.Problem(attempt.ThrottledMessage, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁");
                    case LoginOutcome.Disabled:
                        return TypedResults.Problem(LoginAttempt.DisabledMessage, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
                    default:
                        return TypedResults.Problem(LoginAttempt.FailedMessage, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
                }
            })
            .AllowAnonymous()
            .WithSummary("用邮箱和密码换取 Bearer 令牌")
            .Produces<AccessTokenResponse>();

        auth.MapPost("/refresh", async Task<Results<EmptyHttpResult, SignInHttpResult, ProblemHttpResult>> (
                RefreshRequest refresh, HttpContext http, SignInManager<AppUser> signIn, RefreshTokens refreshTokens, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock) =>
            {
                var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
                var ticket = string.IsNullOrEmpty(refresh.RefreshToken) ? null : protector.Unprotect(refresh.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                    || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user)
                    || await refreshTokens.RotateAsync(user, ticket.Principal, http.RequestAborted) is not { } rotated)
                {
                    return TypedResults.Problem("刷新令牌无效、已使用过或已过期，请重新登录。", statusCode: StatusCodes.Status401Unauthorized, title: "未登录");
                }

                var principal = await signIn.CreateUserPrincipalAsync(user);
                ((ClaimsIdentity)principal.Identity!).AddClaims(rotated);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .WithSummary("用刷新令牌换取新的 Bearer 令牌（刷新令牌只能使用一次）")
            .Produces<AccessTokenResponse>();

        auth.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken!));
            })
            .WithSummary("防伪令牌（使用登录 Cookie 调用写操作时放在请求头中）");

        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new CurrentUser(
                user.Identity?.Name ?? string.Empty,
                user.FindFirstValue(ClaimTypes.GivenName),
                [.. Roles.All.Where(user.IsInRole)],
                user.GetUnitId())))
            .WithTags("认证")
            .WithSummary("当前用户：邮箱、角色、所属单位");
    }
}
