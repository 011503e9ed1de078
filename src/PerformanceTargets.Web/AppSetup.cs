using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using PerformanceTargets.Web.Api;
using PerformanceTargets.Web.Features;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Health;
using PerformanceTargets.Web.Infrastructure.Hosting;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web;

/// <summary>
/// The composition root: each concern's setup lives beside its code (logging and the web UI in Infrastructure/Hosting,
/// the database in Infrastructure/Data, who the user is in Infrastructure/Identity, what they may do and the transport
/// rules in Infrastructure/Security, the API in Api, the use cases in Features); this class only orders them, and orders
/// the request pipeline.
/// </summary>
public static class AppSetup
{
    public static WebApplicationBuilder AddPerformanceTargets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var cookieSecurity = HttpsPolicy.CookiePolicy(HttpsPolicy.RequireHttps(configuration, builder.Environment));

        builder.AddAppLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddAppIdentity(cookieSecurity);
        services.AddAccessControl(cookieSecurity);
        builder.AddSessionSecurity();
        builder.AddUploadLimits();
        services.AddForwardedHeadersFromConfiguration(configuration);

        services.AddWebUi();
        services.AddApi();
        services.AddFeatures(configuration, builder.Environment.ContentRootPath);
        services.AddPublicSurface(configuration);
        return builder;
    }

    /// <summary>Migrates (SQLite always; server databases when configured) and creates the first admin.</summary>
    public static async Task InitializeAsync(this WebApplication app, TextWriter console)
    {
        if (DatabaseInitializer.ShouldMigrateOnStartup(app.Configuration))
        {
            await DatabaseInitializer.MigrateAsync(app.Services);
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAsync(console);
    }

    public static WebApplication UsePerformanceTargets(this WebApplication app)
    {
        app.UseConfiguredForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseHttpsPolicy();

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseChineseCulture();
        app.UseStatusPages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePublicSurface();

        app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
        app.MapRazorPages();
        app.MapApi();
        return app;
    }
}
