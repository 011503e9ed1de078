using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// The anonymous surface of 预算公开 (the <c>/public</c> pages, their .docx download and <c>GET /api/v1/public/…</c>):
/// rate limited per client address (a fixed window, 429 with a Chinese message and Retry-After) and output cached for
/// anonymous requests under one tag that publishing and withdrawing evict, so a withdrawn table disappears at once.
/// Configured under <c>Public:</c> (docs/operations.md). The limits and the cache are per instance (in memory).
/// </summary>
public static class PublicSurface
{
    public const string Section = "Public";

    /// <summary>The rate-limiter policy and output-cache policy the public endpoints name.</summary>
    public const string Policy = "public";

    /// <summary>The output-cache tag of every public response; <c>Publisher</c> evicts it.</summary>
    public const string CacheTag = "public";

    public const string TooManyRequests = "请求过于频繁，请稍后再试。";

    public sealed record Options(int PermitLimit, TimeSpan Window, TimeSpan CacheDuration)
    {
        public static Options From(IConfiguration configuration)
        {
            var section = configuration.GetSection(Section);
            return new Options(
                section.GetValue<int?>("PermitLimit") ?? 120,
                section.GetValue<TimeSpan?>("Window") ?? TimeSpan.FromMinutes(1),
                section.GetValue<TimeSpan?>("CacheDuration") ?? TimeSpan.FromMinutes(5));
        }
    }

    public static IServiceCollection AddPublicSurface(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Options.From(configuration);
        // The eviction reaches this instance's cache only: several instances keep CacheDuration short, or 0 (no cache).
        services.AddOutputCache(cache => cache.AddPolicy(Policy, policy =>
        {
            if (options.CacheDuration <= TimeSpan.Zero)
            {
                policy.NoCache();
            }
            else
            {
                policy.Expire(options.CacheDuration).Tag(CacheTag);
            }
        }));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "(none)",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : options.Window;
                response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await TypedResults.Problem(TooManyRequests, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁").ExecuteAsync(context.HttpContext);
                    return;
                }

                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(TooManyRequests, cancellationToken);
            };
        });
        return services;
    }

    /// <summary>After authentication (the output cache serves only anonymous requests: a signed-in user's page is never cached or served from the cache).</summary>
    public static IApplicationBuilder UsePublicSurface(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }
}
