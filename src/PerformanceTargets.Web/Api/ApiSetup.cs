using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;

namespace PerformanceTargets.Web.Api;

/// <summary>
/// The JSON API under <c>/api/v1</c> (docs/api.md): authentication by the Identity cookie (browser) or an Identity bearer
/// token (scripts), one authorisation path with the pages (<c>ProjectAccess</c>), antiforgery for cookie writes, 401/403
/// instead of login redirects, Chinese problem details, and the OpenAPI document at <c>/api/v1/openapi.json</c>.
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api";

    /// <summary>Authenticates an API request by its bearer token when it carries one, else by the Identity cookie.</summary>
    public const string Scheme = "api";

    /// <summary>Any signed-in user, by cookie or bearer token; the unit- and role-level decision is <c>ProjectAccess</c>'s.</summary>
    public const string Policy = "api";

    public const string DocumentName = "v1";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the request authenticates with <c>Authorization: Bearer …</c> (then the cookie is ignored).</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = TimeSpan.FromDays(14);
            })
            .AddPolicyScheme(Scheme, "Identity cookie or bearer token", options =>
                options.ForwardDefaultSelector = context => IsBearer(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());

        // An API call without a valid cookie answers 401 (403 for a wrong role), never a redirect to the login page.
        services.ConfigureApplicationCookie(options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context =>
            {
                if (!IsApi(context.Request))
                {
                    return toLogin(context);
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                if (!IsApi(context.Request))
                {
                    return toDenied(context);
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        services.AddOpenApi(DocumentName, options =>
        {
            options.AddContractRules();
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "预算绩效目标管理 API",
                    Version = "v1",
                    Description = "单位、年度、项目及其指标树、审核流程、导入导出与指标库。认证：浏览器用登录 Cookie（写操作须带 RequestVerificationToken 请求头），脚本用 Bearer 令牌（POST /api/v1/auth/login）。错误为中文的 RFC 7807 problem details。详见 docs/api.md。",
                };

                // The document is the same wherever the app runs (it is checked into docs/openapi.json).
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["Bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "POST /api/v1/auth/login 得到的 accessToken。",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        // A body or query that cannot be read answers a Chinese 400 problem, not an exception page.
        app.UseWhen(context => IsApi(context.Request), branch => branch.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                var (title, detail) = ApiErrors.Describe(ex.StatusCode);
                await TypedResults.Problem(ex.StatusCode == StatusCodes.Status400BadRequest ? $"请求无法解析：{ex.Message}" : detail, statusCode: ex.StatusCode, title: title).ExecuteAsync(context);
            }
        }));

        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policy)
            .AddEndpointFilter(BearerSessionFilter.ValidateBearerAsync)
            .AddEndpointFilter(RequireAntiforgeryForCookieWrites)
            .AddEndpointFilter(ApiContract.CheckYearAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapAuthEndpoints();
        api.MapUnitEndpoints();
        api.MapProjectEndpoints();
        api.MapDocumentEndpoints();
        api.MapYearEndEndpoints();
        api.MapLibraryEndpoints();
        api.MapReviewEndpoints();
        api.MapDepartmentSettingsEndpoints();
        api.MapPublicEndpoints();
        api.MapMonitoringEndpoints();
        api.MapDepartmentEndpoints();
        return app;
    }

    /// <summary>
    /// A write (POST, PUT, PATCH, DELETE) authenticated by the cookie must carry the antiforgery token in the
    /// <c>RequestVerificationToken</c> header (or the form field), so another site cannot make the browser call the API.
    /// Bearer calls are exempt: a browser never adds that header by itself.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryForCookieWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && !IsBearer(http.Request) && http.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(
                    "使用登录 Cookie 调用写操作时须在 RequestVerificationToken 请求头中提供防伪令牌（GET /api/v1/auth/antiforgery）；脚本请改用 Bearer 令牌。",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "防伪令牌无效");
            }
        }

        return await next(context);
    }
}
