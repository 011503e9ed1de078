using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using Serilog;
using PerformanceTargets.Web.Api;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Health;
using PerformanceTargets.Web.Infrastructure.Hosting;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web;

/// <summary>Service registration and the request pipeline, in one place.</summary>
public static class AppSetup
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static WebApplicationBuilder AddPerformanceTargets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var cookieSecurity = HttpsPolicy.CookiePolicy(HttpsPolicy.RequireHttps(configuration, builder.Environment));

        builder.AddAppLogging();

        services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(TimeProvider.System);

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Failed passwords do not lock accounts (LoginService; docs/security.md); admins lock users explicitly.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "pt.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

        services.AddDataProtection()
            .SetApplicationName("PerformanceTargets")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Roles.Admin));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pt.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity;
        });

        services.AddRazorPages(options =>
            {
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AuthorizeFolder("/Admin", Policies.AdminOnly);
            })
            .AddMvcOptions(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;

                // A value that cannot be bound (e.g. letters in a number field) is reported in Chinese too.
                options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”不是有效的值。");
                options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
                options.ModelBindingMessageProvider.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效。");
                options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => "请输入数字。");
            });

        // Chinese text is written as text, not as &#x…; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddFluentValidationClientsideAdapters();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddScoped<AdminBootstrapper>();
        services.AddScoped<Features.Documents.PlanImporter>();
        services.AddSingleton<Features.Documents.ImportPreviewStore>();

        // The tolerant reader's label dictionary: the embedded one, extended by the file Import:LabelDictionary names
        // (relative to the content root); a synonym is added there without code (docs/formats.md §4a).
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton(_ => PerformanceTargets.Documents.Parsing.LabelDictionary.FromFile(
            configuration["Import:LabelDictionary"] is { Length: > 0 } path ? Path.Combine(contentRoot, path) : null));
        services.AddScoped<Features.Documents.PlanExporter>();
        services.AddScoped<Features.Library.IndicatorLibrary>();
        services.AddScoped<Features.Projects.ProjectWriter>();
        services.AddScoped<Features.Projects.PreviousYear>();
        services.AddScoped<IYearSettingsProvider, YearSettingsProvider>();
        services.AddWorkbench();
        services.AddApi();
        services.AddForwardedHeadersFromConfiguration(configuration);
        builder.AddUploadLimits();
        builder.AddSessionSecurity();
        services.AddYearEnd();

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
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        app.UseStatusPages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
        app.MapRazorPages();
        app.MapApi();
        return app;
    }
}
