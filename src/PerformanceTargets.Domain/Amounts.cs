using System.Globalization;

namespace PerformanceTargets.Domain;

/// <summary>
/// The one rule for money amounts (元): every amount the product stores is a <c>decimal(18,2)</c>, so it lies between
/// −<see cref="Max"/> and <see cref="Max"/> (9,999,999,999,999,999.99) and has at most two decimals. Forms, the API and
/// every import reach the aggregate through <see cref="Require"/>; validators ask <see cref="IsValid"/>. Totals over
/// stored amounts go through <see cref="Sum(IEnumerable{decimal})"/>, which never throws.
/// </summary>
public static class Amounts
{
    /// <summary>The largest amount a <c>decimal(18,2)</c> column holds: 16 digits before the point, two after.</summary>
    public const decimal Max = 9_999_999_999_999_999.99m;

    public const int Decimals = 2;

    /// <summary>The bound as users read it: 「0 至 9,999,999,999,999,999.99 元，最多两位小数」.</summary>
    public static readonly string Range = $"0 至 {Max.ToString("N2", CultureInfo.InvariantCulture)} 元，最多两位小数";

    /// <summary>True when the amount fits the column: |value| ≤ <see cref="Max"/> and at most two decimals (trailing zeros do not count).</summary>
    public static bool IsValid(decimal value) => Math.Abs(value) <= Max && decimal.Round(value, Decimals) == value;

    /// <summary>The same check for an optional amount (null passes).</summary>
    public static bool IsValid(decimal? value) => value is not { } v || IsValid(v);

    /// <summary>The Chinese message for an amount outside the rule, naming the field (e.g. 预算数).</summary>
    public static string Message(string field) => $"{field}超出允许范围（{Range}）。";

    /// <summary>Throws a <see cref="DomainException"/> with <see cref="Message"/> when <paramref name="value"/> breaks the rule.</summary>
    public static decimal Require(decimal value, string field) =>
        IsValid(value) ? value : throw new DomainException(Message(field));

    /// <summary>
    /// A total that never throws: bounded amounts cannot overflow a decimal sum, but data stored before the rule (or
    /// written around it) may, and a page or export must still answer; the total then saturates at decimal's limit.
    /// </summary>
    public static decimal Sum(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var total = 0m;
        foreach (var value in values)
        {
            total = Add(total, value);
        }

        return total;
    }

    public static decimal Sum<T>(IEnumerable<T> items, Func<T, decimal> selector) => Sum(items.Select(selector));

    /// <summary><paramref name="a"/> + <paramref name="b"/>, saturating at <see cref="decimal.MaxValue"/>/<see cref="decimal.MinValue"/> instead of throwing.</summary>
    public static decimal Add(decimal a, decimal b)
    {
        if (b > 0 && a > decimal.MaxValue - b)
        {
            return decimal.MaxValue;
        }

        if (b < 0 && a < decimal.MinValue - b)
        {
            return decimal.MinValue;
        }

        return a + b;
    }

    /// <summary><paramref name="a"/> × <paramref name="b"/>, saturating instead of throwing.</summary>
    public static decimal Multiply(decimal a, decimal b)
    {
        try
        {
            return a * b;
        }
        catch (OverflowException)
        {
            return (a < 0) ^ (b < 0) ? decimal.MinValue : decimal.MaxValue;
        }
    }
}
