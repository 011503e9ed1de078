using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// Binds the four spending-plan checkpoints (<c>Input.Plan[0]</c> … <c>[3]</c>) one by one. The default list binder stops
/// at the first value that is not a number, so 20 / abc / 80 / 100 came back as 20 / abc / blank / blank; here every
/// checkpoint keeps what was typed, and one that is not a number gets its own error (named by the page).
/// </summary>
public sealed class CheckpointListBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = new List<decimal?>(SpendingCheckpoint.StandardMonths.Count);
        for (var k = 0; k < SpendingCheckpoint.StandardMonths.Count; k++)
        {
            var key = $"{bindingContext.ModelName}[{k.ToString(CultureInfo.InvariantCulture)}]";
            var posted = bindingContext.ValueProvider.GetValue(key);
            if (posted == ValueProviderResult.None)
            {
                values.Add(null);
                continue;
            }

            bindingContext.ModelState.SetModelValue(key, posted);
            var text = posted.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                values.Add(null);
            }
            else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out var value)
                     || decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value))
            {
                values.Add(value);
            }
            else
            {
                values.Add(null);
                bindingContext.ModelState.TryAddModelError(key, $"“{text}”不是有效的数字。");
            }
        }

        bindingContext.Result = ModelBindingResult.Success(values);
        return Task.CompletedTask;
    }
}
