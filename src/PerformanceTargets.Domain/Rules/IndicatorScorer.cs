using System.Globalization;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Scores one indicator at year end (domain.md §4). The formulas, for target T, actual A (negative counts as 0), weight W:
/// <list type="bullet">
/// <item>正向 (<c>&gt;=</c>, <c>&gt;</c>, <c>=</c>): A ≥ T → W; else W × A / T.</item>
/// <item>反向 (<c>&lt;=</c>, <c>&lt;</c>): A ≤ T → W; T &lt; A &lt; 2T → W × (1 − (A − T) / T); A ≥ 2T → 0. Never divides by A.</item>
/// <item>Zero target (<c>0起</c>, <c>=0</c>, <c>≤0</c>): A ≤ 0 → W, else 0.</item>
/// <item>Range a–b: inside → W; below a → W × A / a; above b → 反向 with T = b.</item>
/// <item>定性: the tier the evaluator picks (达成/部分达成/未达成), its default share of W or an explicit score inside the tier.</item>
/// </list>
/// User errors (units that cannot be reconciled, an actual that is not a number, a score outside its tier) are refusals
/// in the result, never exceptions.
/// </summary>
public static class IndicatorScorer
{
    /// <summary>Scores <paramref name="indicator"/> (its 指标值, 实际完成值, explicit score and 偏差原因) with weight <paramref name="weight"/>.</summary>
    public static IndicatorScore Score(Indicator indicator, decimal weight, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var score = Score(TargetValueParser.Parse(indicator.Value), indicator.Actual, weight, indicator.ActualScore, settings, indicator.DeviationReason);
        return score with { IndicatorOrder = indicator.Order, Name = indicator.Name };
    }

    /// <summary>Scores a parsed target against the actual as entered (a number with optional unit, or a tier name for a qualitative target).</summary>
    public static IndicatorScore Score(TargetValue target, string? actual, decimal weight, decimal? explicitScore, EvaluationSettings settings, string? deviationReason = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        if (weight < 0)
        {
            return Refused(weight, $"分值 {weight} 不能为负数。");
        }

        var notes = new List<ScoreNote>();
        var result = target switch
        {
            QuantitativeTarget quantitative => ScoreQuantitative(quantitative, actual, weight, settings, notes),
            QualitativeTarget qualitative => ScoreQualitative(qualitative, actual, weight, explicitScore, settings, notes),
            _ => Refused(weight, "无法识别的指标值。"),
        };

        if (result.IsBelowFullMarks && string.IsNullOrWhiteSpace(deviationReason))
        {
            result = result with
            {
                Notes = [.. result.Notes, new(ScoreNote.NeedsDeviationReason, $"得分 {Scores.Format(result.Points)} 低于满分 {Scores.Format(weight)}，请填写偏差原因分析及改进措施。")],
            };
        }

        return result;
    }

    /// <summary>正向: A ≥ T → W; else W × A / T.</summary>
    public static decimal Positive(decimal target, decimal actual, decimal weight)
    {
        actual = Math.Max(actual, 0m);
        return actual >= target ? weight : weight * actual / target;
    }

    /// <summary>反向: A ≤ T → W; T &lt; A &lt; 2T → W × (1 − (A − T) / T); A ≥ 2T → 0. A zero target scores by <see cref="ZeroTarget"/>.</summary>
    public static decimal Reverse(decimal target, decimal actual, decimal weight)
    {
        actual = Math.Max(actual, 0m);
        if (target <= 0)
        {
            return ZeroTarget(actual, weight);
        }

        if (actual <= target)
        {
            return weight;
        }

        return actual >= 2 * target ? 0m : weight * (1 - ((actual - target) / target));
    }

    /// <summary>Zero target (<c>0起</c>, <c>=0</c>): A ≤ 0 → W, else 0.</summary>
    public static decimal ZeroTarget(decimal actual, decimal weight) => actual <= 0 ? weight : 0m;

    /// <summary>Range a–b: inside → W; below a → W × A / a; above b → 反向 with T = b.</summary>
    public static decimal InRange(decimal min, decimal max, decimal actual, decimal weight)
    {
        actual = Math.Max(actual, 0m);
        if (actual < min)
        {
            return weight * actual / min;
        }

        return actual <= max ? weight : Reverse(max, actual, weight);
    }

    private static IndicatorScore ScoreQuantitative(QuantitativeTarget target, string? actualText, decimal weight, EvaluationSettings settings, List<ScoreNote> notes)
    {
        if (string.IsNullOrWhiteSpace(actualText))
        {
            return NotFilled(weight);
        }

        if (TargetValueParser.ParseActual(actualText) is not QuantitativeTarget { Max: null } actual)
        {
            return Refused(weight, $"实际完成值“{actualText.Trim()}”不是一个数值，无法与指标值（{Describe(target)}）比较。");
        }

        if (!MeasureUnits.TryConvert(actual.Number, actual.Unit, target.Unit, out var a))
        {
            return Refused(weight, $"实际完成值的单位“{actual.Unit}”与指标值的单位“{target.Unit}”无法换算，不能评分。");
        }

        if (a < 0)
        {
            notes.Add(new(ScoreNote.NegativeActual, $"实际完成值 {actualText.Trim()} 为负数，按 0 计。"));
            a = 0;
        }

        var t = target.Number;
        decimal points;
        if (target.IsRange)
        {
            points = InRange(t, target.Max!.Value, a, weight);
        }
        else if (t == 0 && target.Comparator != TargetValue.AtLeast)
        {
            points = ZeroTarget(a, weight);
        }
        else if (target.IsReverse)
        {
            points = Reverse(t, a, weight);
        }
        else
        {
            points = t <= 0 ? weight : Positive(t, a, weight);
            if (t > 0 && a * 100 >= t * settings.TargetTooLowPercent)
            {
                notes.Add(new(ScoreNote.TargetTooLow, $"实际完成值达到目标值的 {Scores.Format(a * 100 / t)}%（≥ {settings.TargetTooLowPercent}%），目标是否设置偏低？"));
            }
        }

        return new IndicatorScore(weight, points, null, notes);
    }

    private static IndicatorScore ScoreQualitative(QualitativeTarget target, string? actualText, decimal weight, decimal? explicitScore, EvaluationSettings settings, List<ScoreNote> notes)
    {
        if (string.IsNullOrWhiteSpace(actualText))
        {
            return explicitScore is null
                ? NotFilled(weight)
                : Refused(weight, $"定性指标“{target.Text}”给了得分但没有选择评价档次（{TierNames(settings)}）。");
        }

        var tier = settings.FindTier(actualText);
        if (tier is null)
        {
            return Refused(weight, $"定性指标的实际完成情况应为{TierNames(settings)}之一，现为“{actualText.Trim()}”。");
        }

        if (explicitScore is null)
        {
            return new IndicatorScore(weight, tier.DefaultFraction * weight, null, notes);
        }

        if (!tier.Contains(explicitScore.Value, weight))
        {
            var upper = tier.MaxInclusive ? "]" : ")";
            return Refused(weight, $"“{tier.Name}”的得分应在 [{Scores.Format(tier.MinFraction * weight)}, {Scores.Format(tier.MaxFraction * weight)}{upper} 之内，现为 {explicitScore.Value.ToString(CultureInfo.InvariantCulture)}。");
        }

        return new IndicatorScore(weight, explicitScore.Value, null, notes);
    }

    private static string TierNames(EvaluationSettings settings) => string.Join("、", settings.QualitativeTiers.Select(t => t.Name));

    private static IndicatorScore NotFilled(decimal weight) =>
        new(weight, 0m, null, [new(ScoreNote.NotFilled, "尚未填写实际完成值，暂按 0 分计。")]);

    private static IndicatorScore Refused(decimal weight, string error) => new(weight, 0m, error, []);

    private static string Describe(QuantitativeTarget target) => target.IsRange
        ? $"{target.Number}-{target.Max}{target.Unit}"
        : $"{target.WrittenComparator}{target.Number}{target.Unit}";
}
