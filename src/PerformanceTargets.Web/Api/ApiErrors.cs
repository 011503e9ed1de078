using Microsoft.AspNetCore.Authentication;

namespace PerformanceTargets.Web.Api;

/// <summary>
/// What the API answers when no endpoint handles a request, and the headers of every API answer (docs/api.md,
/// "Errors"; docs/security.md): an unknown route is 404 and a known route with another method 405 — but only for a
/// caller with valid credentials (cookie or bearer); without them it is 401. Every 4xx/5xx that would leave the API
/// without a body (401 and 403 from authentication, 404, 405, 413, 415, …) gets a Chinese problem+json body, and every
/// API answer carries <c>Cache-Control: no-store</c> (budget data must not sit in shared or browser caches).
/// Placed between <c>UseRouting</c> and <c>UseAuthentication</c>.
/// </summary>
public static class ApiErrors
{
    /// <summary>Routing's own endpoints for a known route with another method or content type (they carry no authorisation).</summary>
    private static bool IsRoutingRejection(Endpoint endpoint) =>
        endpoint.DisplayName is "405 HTTP Method Not Supported" or "415 HTTP Unsupported Media Type";

    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseWhen(context => ApiSetup.IsApi(context.Request), branch => branch.Use(HandleAsync));
        return app;
    }

    /// <summary>The Chinese title and a short explanation for a status the API answers without its own body.</summary>
    public static (string Title, string Detail) Describe(int status) => status switch
    {
        400 => ("请求有误", "请求无法处理，请检查参数和请求体。"),
        401 => ("未登录", "缺少或无效的登录凭据：请先登录（Cookie），或在 Authorization 请求头中提供有效的 Bearer 令牌。"),
        403 => ("无权操作", "您的角色不能执行此操作。"),
        404 => ("未找到", "请求的地址或资源不存在，或您无权查看。"),
        405 => ("不支持该请求方法", "该地址不支持此 HTTP 方法，允许的方法见 Allow 响应头。"),
        406 => ("无法提供所需格式", "服务器无法按 Accept 请求头要求的格式应答。"),
        409 => ("操作冲突", "请求与资源的当前状态冲突。"),
        413 => ("请求体过大", "上传的内容超过了服务器允许的大小（Uploads:MaxBytes）。"),
        415 => ("不支持的内容类型", "请求的 Content-Type 不受支持：JSON 请求体请用 application/json，上传文件请用 multipart/form-data。"),
        422 => ("无法处理", "请求的内容有误，未写入任何数据。"),
        429 => ("请求过于频繁", "请求过于频繁，请稍后再试。"),
        >= 500 => ("服务器错误", "服务器处理请求时出错，请稍后再试；如果问题持续，请联系系统管理员并提供请求编号。"),
        _ => ("请求有误", "请求无法处理。"),
    };

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });

        // A declared body over the limit is refused before anything reads it (Kestrel would refuse it too, without a body).
        if (context.Request.ContentLength > Infrastructure.Security.UploadLimits.MaxBytes(context.RequestServices.GetRequiredService<IConfiguration>()))
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null || IsRoutingRejection(endpoint))
        {
            var authenticated = await context.AuthenticateAsync(ApiSetup.Scheme);
            if (!authenticated.Succeeded)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteAsync(context, StatusCodes.Status401Unauthorized);
                return;
            }

            if (endpoint is null)
            {
                await WriteAsync(context, StatusCodes.Status404NotFound);
                return;
            }

            // Routing's 405/415 endpoint sets the status (and the Allow header); the body is written below.
            await endpoint.RequestDelegate!(context);
        }
        else
        {
            await next(context);
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted
            && context.Response.ContentLength is null or 0 && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await WriteAsync(context, context.Response.StatusCode);
        }
    }

    private static Task WriteAsync(HttpContext context, int status)
    {
        var (title, detail) = Describe(status);
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
