using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// What a user may do, configured once: every page requires a signed-in user unless listed here as anonymous; the role
/// policies (<see cref="Policies"/>) and which page or folder each guards (<see cref="AuthorizePages"/>, the one table of
/// page authorisation); antiforgery cookies; the unit scope. The unit-level decision for each record is
/// <see cref="ProjectAccess"/>, shared by pages, the API and downloads (docs/security.md).
/// </summary>
public static class AccessSetup
{
    public static IServiceCollection AddAccessControl(this IServiceCollection services, CookieSecurePolicy cookieSecurity)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Identity.Roles.Admin))
            .AddWorkbenchPolicies();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pt.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity;
        });

        services.AddScoped<UnitScope>();
        services.AddSingleton<UnitHierarchy>();
        return services;
    }

    /// <summary>The page authorisation table: anonymous pages, then role policies by folder or page.</summary>
    public static PageConventionCollection AuthorizePages(this PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AllowAnonymousToPage("/Account/Login");
        conventions.AllowAnonymousToPage("/Account/AccessDenied");
        conventions.AllowAnonymousToPage("/Error");
        conventions.AllowAnonymousToPage("/Status");
        conventions.AllowAnonymousToFolder("/Public");

        conventions.AuthorizeFolder("/Admin", Policies.AdminOnly);
        conventions.AuthorizeFolder("/Publishing", Policies.Publish);
        conventions.AuthorizeFolder("/Audit", Policies.Audit);
        conventions.AuthorizeFolder("/Review", Policies.Review);
        conventions.AuthorizeFolder("/Import", Policies.Write);
        conventions.AuthorizePage("/Projects/Edit", Policies.Write);
        conventions.AuthorizePage("/Projects/Copy", Policies.Write);
        conventions.AuthorizePage("/UnitPlans/Edit", Policies.Write);
        conventions.AuthorizePage("/Department/Edit", Policies.Write);
        conventions.AuthorizePage("/Department/Actuals", Policies.Write);
        return conventions;
    }
}
