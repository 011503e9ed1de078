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

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest login, SignInManager<AppUser> signIn) =>
            {
                if (string.IsNullOrWhiteSpace(login.Email) || string.IsNullOrEmpty(login.Password))
                {
                    return TypedResults.Problem("请输入邮箱和密码。", statusCode: StatusCodes.Status400BadRequest, title: "请求有误");
                }

                // The bearer handler writes the token response itself (accessToken, expiresIn, refreshToken).
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(login.Email.Trim(), login.Password, isPersistent: false, lockoutOnFailure: true);
                return result.Succeeded
                    ? TypedResults.Empty
                    : TypedResults.Problem(
                        result.IsLockedOut ? "登录失败次数过多，账户已锁定 15 分钟，请稍后再试。" : "邮箱或密码不正确。",
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "登录失败");
            })
            .AllowAnonymous()
            .WithSummary("用邮箱和密码换取 Bearer 令牌")
            .Produces<AccessTokenResponse>();

        auth.MapPost("/refresh", async Task<Results<EmptyHttpResult, SignInHttpResult, ProblemHttpResult>> (
                RefreshRequest refresh, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock) =>
            {
                var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
                var ticket = protector.Unprotect(refresh.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                    || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
                {
                    return TypedResults.Problem("刷新令牌无效或已过期，请重新登录。", statusCode: StatusCodes.Status401Unauthorized, title: "未登录");
                }

                var principal = await signIn.CreateUserPrincipalAsync(user);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .WithSummary("用刷新令牌换取新的 Bearer 令牌")
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
