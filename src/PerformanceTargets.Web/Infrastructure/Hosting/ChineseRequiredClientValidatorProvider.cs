using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// A value-type property (int, decimal) is implicitly required, and MVC gives it a client validator with the framework's
/// English message (“The X field is required.”) that no message provider reaches. This provider, run after MVC's own,
/// replaces those implicit validators (the ones without an attribute) with the same rule in Chinese.
/// </summary>
public sealed class ChineseRequiredClientValidatorProvider : IClientModelValidatorProvider
{
    public const string Message = "此项为必填项。";

    private static readonly RequiredAttributeAdapter Chinese = new(new RequiredAttribute { ErrorMessage = Message }, stringLocalizer: null);

    public void CreateValidators(ClientValidatorProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var item in context.Results)
        {
            if (item.ValidatorMetadata is null && item.Validator is RequiredAttributeAdapter)
            {
                item.Validator = Chinese;
                item.IsReusable = true;
            }
        }
    }
}
