using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

/// <summary>Every API call made with a bearer token checks that the token still stands (docs/security.md, "Sessions and tokens").</summary>
internal static class BearerSessionFilter
{
    /// <summary>The API's endpoint filter: a bearer-authenticated call whose token no longer stands answers 401.</summary>
    public static async ValueTask<object?> ValidateBearerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (ApiSetup.IsBearer(http.Request) && http.User.Identity?.IsAuthenticated == true && !await SessionSecurity.BearerSessionStandsAsync(http))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return TypedResults.Problem("登录已失效（已退出、账户被锁定、角色或密码已更改，或令牌已被撤销），请重新登录。",
                statusCode: StatusCodes.Status401Unauthorized, title: "未登录");
        }

        return await next(context);
    }
}
