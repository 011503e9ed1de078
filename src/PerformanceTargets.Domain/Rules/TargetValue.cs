namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// An indicator value (指标值) as a finance officer reads it: either <see cref="QuantitativeTarget"/> or
/// <see cref="QualitativeTarget"/>. Produced by <see cref="TargetValueParser.Parse"/>, which never throws.
/// </summary>
public abstract record TargetValue
{
    /// <summary>Comparators as scored (<see cref="QuantitativeTarget.Comparator"/>).</summary>
    public const string AtLeast = ">=";
    public const string AtMost = "<=";
    public const string Equal = "=";
    public const string Range = "range";

    /// <summary>Comparators only written (<see cref="QuantitativeTarget.WrittenComparator"/>); they score like <see cref="AtLeast"/>/<see cref="AtMost"/>.</summary>
    public const string Above = ">";
    public const string Below = "<";
}

/// <summary>
/// A quantitative value such as <c>≥90百分比</c> (comparator <c>&gt;=</c>, number 90, unit <c>%</c>).
/// </summary>
/// <param name="Comparator">As scored: <c>&gt;=</c>, <c>&lt;=</c>, <c>=</c> or <c>range</c>.</param>
/// <param name="WrittenComparator">As written: <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>=</c> or <c>range</c>.</param>
/// <param name="Number">The number; for a range its lower bound.</param>
/// <param name="Unit">Normalised unit: <c>百分比</c>/<c>％</c> become <c>%</c>; otherwise as written (人, 个, 万元 …); empty when none.</param>
/// <param name="Max">A range's upper bound; null otherwise.</param>
public sealed record QuantitativeTarget(string Comparator, string WrittenComparator, decimal Number, string Unit, decimal? Max) : TargetValue
{
    /// <summary>True for <c>&gt;=</c>, <c>&gt;</c>, <c>=</c> (正向: more is better).</summary>
    public bool IsPositive => Comparator is AtLeast or Equal;

    /// <summary>True for <c>&lt;=</c>, <c>&lt;</c> (反向: less is better, typically costs and accident rates).</summary>
    public bool IsReverse => Comparator == AtMost;

    public bool IsRange => Comparator == Range;

    public bool IsPercent => Unit == "%";
}

/// <summary>A qualitative (定性) value such as <c>及时</c>, <c>是</c>, <c>控制在预算资金内</c>; the text is trimmed.</summary>
public sealed record QualitativeTarget(string Text) : TargetValue;
