using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PerformanceTargets.Web.Pages.Shared;

/// <summary>Copies validation failures and Identity errors into <see cref="ModelStateDictionary"/>, where the form shows them.</summary>
internal static class PageForms
{
    public static void AddFailures(this ModelStateDictionary modelState, ValidationResult result, string prefix)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }

    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string key = "")
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(key, error.Description);
        }
    }

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
