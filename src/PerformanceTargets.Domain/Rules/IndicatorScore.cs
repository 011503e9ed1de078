namespace PerformanceTargets.Domain.Rules;

/// <summary>A flag raised while scoring, with a stable code and a Chinese message.</summary>
public sealed record ScoreNote(string Code, string Message)
{
    /// <summary>Blank 实际完成值 or 执行数: 0 points until filled.</summary>
    public const string NotFilled = "not-filled";

    /// <summary>Below full marks and no 偏差原因分析及改进措施 written.</summary>
    public const string NeedsDeviationReason = "needs-deviation-reason";

    /// <summary>A 正向 actual at or above 130 % (configurable) of the target: was the target set too low?</summary>
    public const string TargetTooLow = "target-too-low";

    /// <summary>A negative actual, counted as 0.</summary>
    public const string NegativeActual = "negative-actual";

    /// <summary>A zero (or negative) budget: 预算执行率 cannot be computed and scores 0.</summary>
    public const string ZeroBudget = "zero-budget";

    /// <summary>A level-1 group with a weight but no indicators: its weight cannot be earned.</summary>
    public const string EmptyGroup = "empty-group";
}

/// <summary>
/// The score of one indicator: <see cref="Points"/> out of <see cref="Weight"/> (unrounded), or a refusal
/// (<see cref="Error"/>, a Chinese message; 0 points) when it cannot be scored.
/// </summary>
public sealed record IndicatorScore(decimal Weight, decimal Points, string? Error, IReadOnlyList<ScoreNote> Notes)
{
    /// <summary>The indicator's <c>Order</c> in its project, when scored from an <see cref="Projects.Indicator"/>.</summary>
    public int? IndicatorOrder { get; init; }

    /// <summary>The indicator's name, when scored from an <see cref="Projects.Indicator"/>.</summary>
    public string Name { get; init; } = string.Empty;

    public bool IsRefused => Error is not null;

    public bool IsNotFilled => HasNote(ScoreNote.NotFilled);

    /// <summary>Scored below full marks, so a 偏差原因 is required (domain.md §4).</summary>
    public bool IsBelowFullMarks => !IsRefused && !IsNotFilled && Points < Weight;

    public bool TargetMayBeTooLow => HasNote(ScoreNote.TargetTooLow);

    /// <summary>Points for display: 2 decimals, half away from zero.</summary>
    public decimal DisplayPoints => Scores.Display(Points);

    public bool HasNote(string code) => Notes.Any(n => n.Code == code);
}

/// <summary>Display rounding shared by every score: 2 decimals, half away from zero. Classification never uses it.</summary>
public static class Scores
{
    public static decimal Display(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary><see cref="Display"/> as text with exactly two decimals, e.g. <c>89.99</c>, <c>60.00</c>.</summary>
    public static string Format(decimal value) => Display(value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
