using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// <c>Security:RequireHttps</c> (environment <c>Security__RequireHttps</c>; default true, except in Development), see
/// docs/security.md and docs/operations.md.
/// <list type="bullet">
/// <item>true: cookies are Secure-only and HTTPS answers carry HSTS. A plain-HTTP request (after <c>ForwardedHeaders</c>
/// has applied a trusted proxy's <c>X-Forwarded-Proto</c>) is redirected to HTTPS when the app knows its HTTPS port;
/// otherwise it is answered 403 with a Chinese page (problem+json under <c>/api</c>) saying how to deploy behind TLS or
/// switch the setting. <c>/healthz</c> answers on plain HTTP for health probes.</item>
/// <item>false (an intranet without TLS, a first look at the container): the app works fully over HTTP, cookies follow the
/// request's scheme, and start-up logs one warning.</item>
/// </list>
/// No combination ends a request in 500: the antiforgery and auth cookies are never asked to be Secure on a request that
/// the policy lets through over plain HTTP.
/// </summary>
public static class HttpsPolicy
{
    public const string Key = "Security:RequireHttps";

    public static bool RequireHttps(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(Key) ?? !environment.IsDevelopment();

    public static CookieSecurePolicy CookiePolicy(bool requireHttps) =>
        requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>HSTS and the plain-HTTP answer when HTTPS is required; one start-up warning when it is not.</summary>
    public static WebApplication UseHttpsPolicy(this WebApplication app)
    {
        if (!RequireHttps(app.Configuration, app.Environment))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpsPolicy));
            var level = app.Environment.IsDevelopment() ? LogLevel.Information : LogLevel.Warning;
            logger.Log(level, "Security:RequireHttps is false: the app serves plain HTTP and its cookies are not Secure-only. Use this only on a trusted network; see docs/operations.md");
            return app;
        }

        app.UseHsts();
        var port = new Lazy<int?>(() => FindHttpsPort(app), LazyThreadSafetyMode.ExecutionAndPublication);
        app.Use((context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            return port.Value is { } httpsPort ? Redirect(context, httpsPort) : Explain(context);
        });
        return app;
    }

    /// <summary>The HTTPS port as the framework's own redirection finds it: configured, or the server's one https address.</summary>
    private static int? FindHttpsPort(WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<HttpsRedirectionOptions>>().Value.HttpsPort
            ?? app.Configuration.GetValue<int?>("HTTPS_PORT")
            ?? app.Configuration.GetValue<int?>("ANCM_HTTPS_PORT");
        if (configured is not null)
        {
            return configured;
        }

        if (app.Configuration["HTTPS_PORTS"] is { Length: > 0 } ports && int.TryParse(ports.Split(';')[0], out var first))
        {
            return first;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var https = addresses
            .Select(a => BindingAddress.Parse(a))
            .Where(a => string.Equals(a.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Port)
            .Distinct()
            .ToList();
        return https.Count == 1 ? https[0] : null;
    }

    private static Task Redirect(HttpContext context, int port)
    {
        var request = context.Request;
        var host = port == 443 ? new HostString(request.Host.Host) : new HostString(request.Host.Host, port);
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = $"https://{host}{request.PathBase}{request.Path}{request.QueryString}";
        return Task.CompletedTask;
    }

    private const string Title = "需要使用 HTTPS 访问";

    private const string Detail =
        "本系统配置为只接受 HTTPS 连接（Security:RequireHttps=true），而这次请求是普通 HTTP。" +
        "请通过 HTTPS 地址访问；部署时请在前面放置终止 TLS 的反向代理并启用 ForwardedHeaders，或为应用配置证书。" +
        "仅在可信内网试用时，可设置环境变量 Security__RequireHttps=false 让应用直接使用 HTTP。";

    private static Task Explain(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(Detail, statusCode: StatusCodes.Status403Forbidden, title: Title).ExecuteAsync(context);
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Page);
    }

    private static readonly string Page = $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Title}} · 预算绩效目标管理</title></head>
        <body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
        <h1>{{Title}}</h1>
        <p>{{WebUtility.HtmlEncode(Detail)}}</p>
        <ul>
        <li>生产部署：由 Nginx、Caddy 等反向代理终止 TLS，并设置 <code>ForwardedHeaders__Enabled=true</code>；或用 <code>Kestrel__Certificates__Default__Path</code> 为应用配置证书。</li>
        <li>内网试用：设置 <code>Security__RequireHttps=false</code> 后重启应用。</li>
        </ul>
        </body>
        </html>
        """;
}
