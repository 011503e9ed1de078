using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>
/// Who the user is: ASP.NET Core Identity on the EF Core stores, its Chinese error messages, the sign-in cookie, the unit
/// claim, the data-protection keys (kept in the database so cookies survive restarts and serve every instance), and the
/// first admin. What the user may do is <c>Security/AccessSetup</c>'s.
/// </summary>
public static class IdentitySetup
{
    public static IServiceCollection AddAppIdentity(this IServiceCollection services, CookieSecurePolicy cookieSecurity)
    {
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

        // Registered after AddIdentity, so it replaces Identity's default factory.
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, Security.UnitClaimsPrincipalFactory>();

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
        services.AddCookieReading();

        services.AddDataProtection()
            .SetApplicationName("PerformanceTargets")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddScoped<AdminBootstrapper>();
        return services;
    }
}
