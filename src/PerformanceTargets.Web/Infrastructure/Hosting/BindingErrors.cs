using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// The model binder's message for text that is not a number (“abc”不是有效的值。) does not say which field it was. Forms
/// that know their fields' Chinese names rewrite those messages to name the field: 预算数：“abc”不是有效的数字。
/// </summary>
public static class BindingErrors
{
    /// <summary>
    /// Rewrites the binding errors of the keys <paramref name="labelOf"/> names; returns those keys, so later messages for
    /// the same field (e.g. “请填写预算数”) can be left out.
    /// </summary>
    public static IReadOnlySet<string> NameFields(ModelStateDictionary state, Func<string, string?> labelOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(labelOf);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in state.Where(e => e.Value is { Errors.Count: > 0, AttemptedValue: not null }).ToList())
        {
            if (entry is null || labelOf(key) is not { } label)
            {
                continue;
            }

            entry.Errors.Clear();
            entry.Errors.Add($"{label}：“{entry.AttemptedValue}”不是有效的数字。");
            named.Add(key);
        }

        return named;
    }
}
