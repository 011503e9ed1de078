using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// The browser workbench in Chinese: Razor Pages with the page authorisation table, the model binder's messages, the
/// client-side required messages, FluentValidation's validators, text written as text (not entities), and zh-CN
/// formatting of numbers and dates.
/// </summary>
public static class WebUiSetup
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages(options => options.Conventions.AuthorizePages())
            .AddMvcOptions(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                UseChineseBindingMessages(options);
            });

        services.Configure<MvcViewOptions>(options => options.ClientModelValidatorProviders.Add(new ChineseRequiredClientValidatorProvider()));

        // Chinese text is written as text, not as &#x…; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddFluentValidationClientsideAdapters();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        return services;
    }

    public static IApplicationBuilder UseChineseCulture(this IApplicationBuilder app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });

    /// <summary>A value that cannot be bound (e.g. letters in a number field) is reported in Chinese.</summary>
    private static void UseChineseBindingMessages(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”不是有效的值。");
        messages.SetValueMustBeANumberAccessor(_ => "请输入数字。");
        messages.SetValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效的值。");
        messages.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效。");
        messages.SetMissingBindRequiredValueAccessor(_ => "此项为必填项。");
        messages.SetValueMustNotBeNullAccessor(_ => "此项为必填项。");
    }
}
