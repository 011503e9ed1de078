namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Reconciles scales of the same unit (domain.md §2): <c>万元</c> = 10,000 <c>元</c>, <c>万人次</c> = 10,000 <c>人次</c>,
/// and generally a 千/万/百万/千万/亿 prefix on the same base unit. <c>百分比</c> ≡ <c>%</c>.
/// Units that are not scales of one another (人 and %, 元 and 人次) cannot be reconciled.
/// </summary>
public static class MeasureUnits
{
    /// <summary>Scale prefixes, longest first.</summary>
    private static readonly (string Prefix, decimal Factor)[] Scales =
    [
        ("百万", 1_000_000m), ("千万", 10_000_000m), ("亿", 100_000_000m), ("万", 10_000m), ("千", 1_000m),
    ];

    /// <summary>Units that start with a scale character but are not scaled forms of a shorter unit.</summary>
    private static readonly HashSet<string> Unscaled = ["千克", "千米", "千瓦", "千瓦时"];

    /// <summary>Money units (元 scaled): used to compare a 成本指标 with the project's 预算数 in 元.</summary>
    public static bool IsMoney(string unit) => Split(TargetValueParser.NormalizeUnit(unit)).Base == "元";

    /// <summary>
    /// Converts <paramref name="value"/> written in <paramref name="fromUnit"/> to <paramref name="toUnit"/>.
    /// An empty unit on either side takes the other side's unit (an actual of <c>95</c> against <c>≥95%</c>).
    /// </summary>
    public static bool TryConvert(decimal value, string? fromUnit, string? toUnit, out decimal converted)
    {
        var from = TargetValueParser.NormalizeUnit(fromUnit);
        var to = TargetValueParser.NormalizeUnit(toUnit);
        converted = value;
        if (from.Length == 0 || to.Length == 0 || from == to)
        {
            return true;
        }

        var (fromBase, fromFactor) = Split(from);
        var (toBase, toFactor) = Split(to);
        if (fromBase != toBase)
        {
            return false;
        }

        converted = value * fromFactor / toFactor;
        return true;
    }

    /// <summary>Splits <c>万人次</c> into (<c>人次</c>, 10,000); a unit without a scale prefix is its own base with factor 1.</summary>
    public static (string Base, decimal Factor) Split(string unit)
    {
        if (Unscaled.Contains(unit))
        {
            return (unit, 1m);
        }

        foreach (var (prefix, factor) in Scales)
        {
            if (unit.Length > prefix.Length && unit.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (unit[prefix.Length..], factor);
            }
        }

        return (unit, 1m);
    }
}
