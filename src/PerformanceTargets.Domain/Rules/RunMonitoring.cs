using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// A light of mid-year 绩效运行监控 (双监控: goals and spending), in order of concern: a project shows the worst of its
/// indicators' and its funds' lights (<see cref="RunMonitoring.Worst"/>).
/// </summary>
public enum RunLight
{
    /// <summary>No light: nothing to measure (a zero budget, a value not filled in, units that cannot be reconciled).</summary>
    None = 0,

    /// <summary>绿灯: on track.</summary>
    Green = 1,

    /// <summary>蓝灯: the full-year target is already exceeded by the configured margin (20 %): possibly set too low.</summary>
    Blue = 2,

    /// <summary>黄灯: behind, 60–80 % (configurable) of where it should be.</summary>
    Yellow = 3,

    /// <summary>红灯: far behind, below 60 % (configurable), or a 反向/zero target already broken.</summary>
    Red = 4,
}

/// <summary>完成目标可能性: how likely the unit thinks the full-year target is.</summary>
public enum Likelihood
{
    /// <summary>确定能.</summary>
    Certain = 0,

    /// <summary>有可能.</summary>
    Possible = 1,

    /// <summary>完全不可能.</summary>
    Impossible = 2,
}

/// <summary>偏差原因: the kinds of cause a deviation is put down to (one or more, plus a note).</summary>
[Flags]
public enum DeviationCause
{
    None = 0,

    /// <summary>经费保障.</summary>
    Funding = 1,

    /// <summary>制度保障.</summary>
    Rules = 2,

    /// <summary>人员保障.</summary>
    Staff = 4,

    /// <summary>硬件条件保障.</summary>
    Equipment = 8,

    /// <summary>其他.</summary>
    Other = 16,
}

/// <summary>A light with the figure behind it (percent of the benchmark, when there is one) and a Chinese explanation.</summary>
public sealed record RunLightResult(RunLight Light, decimal? Percent, string Message);

/// <summary>
/// The lights of mid-year 绩效运行监控 at the end of month <c>m</c> of a round (e.g. 1–6月: m = 6), documented with worked
/// examples in docs/domain-rules.md §7:
/// <list type="bullet">
/// <item><b>Budget execution</b>: 截至期末执行数 ÷ budget against the benchmark — the project's own cumulative plan at the last
/// checkpoint passed, or linear 序时进度 m/12 when no checkpoint has passed or there is no plan; below 60 % of the benchmark
/// red, 60–80 % yellow, 80 % or more green. A zero budget gives no light; a zero benchmark is green.</item>
/// <item><b>正向 indicator</b> (≥, &gt;, =, a range's lower bound): 完成值 ÷ (年度指标值 × m/12) with the same bands, and blue when
/// 完成值 already exceeds the full-year target by 20 % or more. A zero target is green when met (完成值 ≤ 0), else red.</item>
/// <item><b>反向 indicator</b> (≤, &lt;): within the target green, else red.</item>
/// <item><b>定性 indicator</b>: the unit's tier choice — 达成 green, 部分达成 yellow, 未达成 red (the year's tiers, in order).</item>
/// </list>
/// </summary>
public static class RunMonitoring
{
    /// <summary>Blue when a 正向 完成值 is at or above this percent of the full-year target (default 120).</summary>
    public const decimal BlueAtPercentOfTarget = 120m;

    /// <summary>Chinese name of a light.</summary>
    public static string NameOf(RunLight light) => light switch
    {
        RunLight.Green => "绿灯",
        RunLight.Blue => "蓝灯",
        RunLight.Yellow => "黄灯",
        RunLight.Red => "红灯",
        _ => "不亮灯",
    };

    /// <summary>Chinese name of a likelihood.</summary>
    public static string NameOf(Likelihood likelihood) => likelihood switch
    {
        Likelihood.Certain => "确定能",
        Likelihood.Possible => "有可能",
        _ => "完全不可能",
    };

    /// <summary>The causes by their Chinese names, in the official order.</summary>
    public static readonly IReadOnlyList<(DeviationCause Cause, string Name)> Causes =
    [
        (DeviationCause.Funding, "经费保障"),
        (DeviationCause.Rules, "制度保障"),
        (DeviationCause.Staff, "人员保障"),
        (DeviationCause.Equipment, "硬件条件保障"),
        (DeviationCause.Other, "其他"),
    ];

    /// <summary>The worst light of a project's indicators and funds; <see cref="RunLight.None"/> when none is lit.</summary>
    public static RunLight Worst(IEnumerable<RunLight> lights) =>
        (lights ?? throw new ArgumentNullException(nameof(lights))).DefaultIfEmpty(RunLight.None).Max();

    /// <summary>
    /// Whether 偏差原因 and 纠偏措施 are mandatory: when the likelihood is not 确定能, or the light is red.
    /// </summary>
    public static bool NeedsExplanation(Likelihood likelihood, RunLight light) =>
        likelihood != Likelihood.Certain || light == RunLight.Red;

    /// <summary>The benchmark percent of the budget at the end of <paramref name="month"/>: the plan's last checkpoint passed, else m/12.</summary>
    public static decimal Benchmark(IReadOnlyList<SpendingCheckpoint> plan, int month) => PlannedOrLinear(plan, month) ?? month * 100m / 12m;

    /// <summary>The plan's last checkpoint passed by <paramref name="month"/>, or null when the benchmark is linear.</summary>
    private static decimal? PlannedOrLinear(IReadOnlyList<SpendingCheckpoint> plan, int month)
    {
        CheckMonth(month);
        return (plan ?? []).Where(c => c.Month <= month).OrderBy(c => c.Month).LastOrDefault()?.CumulativePercent;
    }

    /// <summary>The budget-execution light: <paramref name="executed"/> (截至期末执行数) of <paramref name="budget"/> against <see cref="Benchmark"/>.</summary>
    public static RunLightResult BudgetExecution(decimal budget, decimal executed, IReadOnlyList<SpendingCheckpoint> plan, int month, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (budget <= 0)
        {
            return new RunLightResult(RunLight.None, null, "预算数为 0，不计算预算执行进度。");
        }

        var planned = PlannedOrLinear(plan, month);
        var benchmark = planned ?? month * 100m / 12m;
        var rate = Math.Max(executed, 0m) * 100m / budget;
        if (benchmark <= 0)
        {
            return new RunLightResult(RunLight.Green, null, $"{month}月底计划累计支出 0%，执行 {Format(rate)}%，绿灯。");
        }

        // Linear: rate ÷ (m/12 × 100 %) computed as rate × 12 ÷ m, so 10 % at 2月底 is exactly 60 %.
        var percent = planned is null ? rate * 12m / month : rate * 100m / benchmark;
        var light = Band(percent, thresholds);
        return new RunLightResult(light, percent, $"{month}月底应执行 {Format(benchmark)}%，实际执行 {Format(rate)}%，为应执行进度的 {Format(percent)}%，{NameOf(light)}。");
    }

    /// <summary>
    /// The light of a quantitative or qualitative indicator: <paramref name="target"/> is the 年度指标值 as written,
    /// <paramref name="completed"/> the 截至期末完成值 as written (a number, with or without a unit; for a 定性 indicator the
    /// tier chosen, e.g. 达成).
    /// </summary>
    public static RunLightResult Indicator(string? target, string? completed, int month, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckMonth(month);
        if (string.IsNullOrWhiteSpace(completed))
        {
            return new RunLightResult(RunLight.None, null, "截至期末完成值未填写。");
        }

        return TargetValueParser.Parse(target) switch
        {
            QuantitativeTarget quantitative => Quantitative(quantitative, completed, month, settings.Monitoring),
            _ => Qualitative(completed, settings),
        };
    }

    private static RunLightResult Quantitative(QuantitativeTarget target, string completedText, int month, MonitoringThresholds thresholds)
    {
        if (TargetValueParser.Parse(completedText) is not QuantitativeTarget completed)
        {
            return new RunLightResult(RunLight.None, null, $"完成值“{completedText.Trim()}”不是数值，目标“{Describe(target)}”需要填写数值。");
        }

        if (!MeasureUnits.TryConvert(completed.Number, completed.Unit, target.Unit, out var value))
        {
            return new RunLightResult(RunLight.None, null, $"完成值的单位“{completed.Unit}”与目标的单位“{target.Unit}”无法换算。");
        }

        var written = $"完成值 {Format(value)}{target.Unit}";
        var full = target.Number; // a range counts from its lower bound
        if (target.IsReverse)
        {
            var cap = target.Number;
            return value <= cap
                ? new RunLightResult(RunLight.Green, null, $"{written}，在目标 {Describe(target)} 以内，绿灯。")
                : new RunLightResult(RunLight.Red, null, $"{written}，已超出目标 {Describe(target)}，红灯。");
        }

        if (full == 0)
        {
            return value <= 0
                ? new RunLightResult(RunLight.Green, null, $"{written}，零目标已达到，绿灯。")
                : new RunLightResult(RunLight.Red, null, $"{written}，零目标未达到，红灯。");
        }

        if (value * 100m >= full * BlueAtPercentOfTarget)
        {
            return new RunLightResult(RunLight.Blue, value * 100m / full, $"{written}，已超过全年目标 {Describe(target)} 的 {Format(BlueAtPercentOfTarget - 100m)}% 以上，蓝灯：目标可能偏低。");
        }

        var expected = full * month / 12m;
        var percent = Math.Max(value, 0m) * 1200m / (full * month);
        var light = Band(percent, thresholds);
        return new RunLightResult(light, percent, $"{written}，按序时应完成 {Format(expected)}{target.Unit}（全年 {Describe(target)} × {month}/12），为应完成的 {Format(percent)}%，{NameOf(light)}。");
    }

    private static RunLightResult Qualitative(string completed, EvaluationSettings settings)
    {
        var tier = settings.FindTier(completed);
        if (tier is null)
        {
            var names = string.Join("、", settings.QualitativeTiers.Select(t => t.Name));
            return new RunLightResult(RunLight.None, null, $"定性指标请选择 {names} 之一（填写的是“{completed.Trim()}”）。");
        }

        var index = settings.QualitativeTiers.ToList().IndexOf(tier);
        var light = index switch
        {
            0 => RunLight.Green,
            _ when index == settings.QualitativeTiers.Count - 1 => RunLight.Red,
            _ => RunLight.Yellow,
        };
        return new RunLightResult(light, null, $"定性指标完成情况“{tier.Name}”，{NameOf(light)}。");
    }

    private static RunLight Band(decimal percent, MonitoringThresholds thresholds) => thresholds.ColorOf(percent) switch
    {
        MonitoringColor.Red => RunLight.Red,
        MonitoringColor.Yellow => RunLight.Yellow,
        _ => RunLight.Green,
    };

    private static string Describe(QuantitativeTarget target)
    {
        var comparator = target.WrittenComparator switch
        {
            TargetValue.AtLeast => "≥",
            TargetValue.AtMost => "≤",
            TargetValue.Above => ">",
            TargetValue.Below => "<",
            TargetValue.Range => string.Empty,
            _ => "=",
        };
        return target.IsRange
            ? $"{Format(target.Number)}-{Format(target.Max ?? target.Number)}{target.Unit}"
            : $"{comparator}{Format(target.Number)}{target.Unit}";
    }

    private static string Format(decimal value) => Scores.Format(value);

    private static void CheckMonth(int month)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "A monitoring period ends in month 1 to 12.");
        }
    }
}
