using Microsoft.AspNetCore.Diagnostics;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// A 404 or 403 without a body (a missing record, a refusal) is answered with a Chinese page (<c>/Status/{code}</c>) that
/// offers a way back, keeping its status code. The JSON API (<c>/api</c>) and the health check keep their own answers.
/// </summary>
public static class StatusPages
{
    public static WebApplication UseStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.Use((context, next) =>
        {
            if ((context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/healthz"))
                && context.Features.Get<IStatusCodePagesFeature>() is { } feature)
            {
                feature.Enabled = false;
            }

            return next(context);
        });
        return app;
    }
}
