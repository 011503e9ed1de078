using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web;

/// <summary>The browser workbench's services: the unit claim, role policies on page folders, unit scoping, Chinese binding messages.</summary>
public static class WorkbenchSetup
{
    public static IServiceCollection AddWorkbench(this IServiceCollection services)
    {
        // Registered after AddIdentity, so it replaces Identity's default factory.
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, UnitClaimsPrincipalFactory>();
        services.AddAuthorizationBuilder().AddWorkbenchPolicies();
        services.AddScoped<UnitScope>();
        services.AddScoped<Features.Projects.ReviewQueue>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(options =>
            options.ClientModelValidatorProviders.Add(new Infrastructure.Hosting.ChineseRequiredClientValidatorProvider()));

        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizePage("/Projects/Edit", Policies.Write);
            options.Conventions.AuthorizePage("/Projects/Copy", Policies.Write);
            options.Conventions.AuthorizePage("/UnitPlans/Edit", Policies.Write);
            options.Conventions.AuthorizeFolder("/Review", Policies.Review);
            options.Conventions.AuthorizeFolder("/Import", Policies.Write);
            options.Conventions.AuthorizeFolder("/Audit", Policies.Audit);
            options.Conventions.AllowAnonymousToPage("/Status");
        });

        services.Configure<MvcOptions>(options =>
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”不是有效的值。");
            messages.SetValueMustBeANumberAccessor(_ => "请输入数字。");
            messages.SetValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
            messages.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效。");
            messages.SetMissingBindRequiredValueAccessor(_ => "此项为必填项。");
            messages.SetValueMustNotBeNullAccessor(_ => "此项为必填项。");
        });
        return services;
    }
}
