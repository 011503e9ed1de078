using System.Text.RegularExpressions;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// One point of the review assistant (审核要点): a stable <see cref="Code"/>, a Chinese <see cref="Message"/> (a warning to
/// the filler, a checklist line to the reviewer) and the indicator's order (null = project-level). Never blocks saving.
/// </summary>
public sealed record ReviewPoint(string Code, string Message, int? IndicatorOrder);

/// <summary>
/// Checks reviewers otherwise do by hand (issue 19 §3, docs/domain-rules.md §8), beyond the quality warnings of
/// <see cref="QualityReview"/>. Each is a pure rule over the project and, where it compares, last year's project of the
/// same code; each can be switched off for a year by its code.
/// </summary>
public static partial class ReviewAssistant
{
    /// <summary>目标值偏低: a 正向 target lower than last year's actual for the same indicator.</summary>
    public const string TargetBelowLastActual = "target-below-last-actual";

    /// <summary>与上年雷同: goals or indicators copied unchanged from last year.</summary>
    public const string CopiedFromLastYear = "copied-from-last-year";

    /// <summary>缺少时效或成本指标: no 时效 indicator, or no 成本 indicator.</summary>
    public const string NoTimelinessOrCost = "no-timeliness-or-cost";

    /// <summary>效益指标均为定性: every 效益 indicator is qualitative.</summary>
    public const string QualitativeBenefitsOnly = "qualitative-benefits-only";

    /// <summary>满意度目标低于 80%.</summary>
    public const string SatisfactionBelow80 = "satisfaction-below-80";

    /// <summary>成本指标超过预算数 (the quality rule <see cref="QualityReview.CostExceedsBudget"/>, listed for the reviewer too).</summary>
    public const string CostAboveBudget = QualityReview.CostExceedsBudget;

    /// <summary>目标中的数量无指标衡量: a quantity in the goals that no indicator measures.</summary>
    public const string GoalQuantityUnmeasured = "goal-quantity-unmeasured";

    /// <summary>Every check, in the order shown, with its short Chinese name.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Checks =
    [
        (TargetBelowLastActual, "目标值偏低"),
        (CopiedFromLastYear, "与上年雷同"),
        (NoTimelinessOrCost, "缺少时效或成本指标"),
        (QualitativeBenefitsOnly, "效益指标均为定性"),
        (SatisfactionBelow80, "满意度目标低于80%"),
        (CostAboveBudget, "成本指标超过预算"),
        (GoalQuantityUnmeasured, "目标数量无指标衡量"),
    ];

    /// <summary>The lowest 满意度 target that passes (percent).</summary>
    public const decimal SatisfactionFloorPercent = 80m;

    /// <summary>
    /// The review points of <paramref name="project"/>; <paramref name="lastYear"/> is last year's project of the same code
    /// (with its actuals), when there is one; codes in <paramref name="disabled"/> are not checked.
    /// </summary>
    public static IReadOnlyList<ReviewPoint> Review(BudgetProject project, BudgetProject? lastYear = null, IReadOnlySet<string>? disabled = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        var points = new List<ReviewPoint>();
        bool On(string code) => disabled is null || !disabled.Contains(code);

        if (lastYear is not null && On(TargetBelowLastActual))
        {
            points.AddRange(TargetsBelowLastActuals(project, lastYear));
        }

        if (lastYear is not null && On(CopiedFromLastYear))
        {
            points.AddRange(Copies(project, lastYear));
        }

        if (On(NoTimelinessOrCost))
        {
            points.AddRange(MissingTimelinessOrCost(project));
        }

        if (On(QualitativeBenefitsOnly))
        {
            var benefits = project.Indicators.Where(i => i.Level1.Trim() == "效益指标").ToList();
            if (benefits.Count > 0 && benefits.All(i => TargetValueParser.Parse(i.Value) is QualitativeTarget))
            {
                points.Add(new ReviewPoint(QualitativeBenefitsOnly, $"效益指标 {benefits.Count} 项均为定性表述，至少应有一项可量化的效益指标。", null));
            }
        }

        if (On(SatisfactionBelow80))
        {
            foreach (var indicator in project.Indicators.Where(i => i.Level1.Trim() == "满意度指标"))
            {
                if (TargetValueParser.Parse(indicator.Value) is QuantitativeTarget { IsPercent: true, IsReverse: false } target && target.Number < SatisfactionFloorPercent)
                {
                    points.Add(new ReviewPoint(SatisfactionBelow80, $"满意度指标“{indicator.Name.Trim()}”的目标 {indicator.Value.Trim()} 低于 {SatisfactionFloorPercent:0}%。", OrderOf(indicator)));
                }
            }
        }

        if (On(CostAboveBudget))
        {
            points.AddRange(project.Indicators
                .SelectMany(i => QualityReview.ReviewIndicator(i, project.Budget))
                .Where(w => w.Code == QualityReview.CostExceedsBudget)
                .Select(w => new ReviewPoint(CostAboveBudget, w.Message, w.IndicatorOrder)));
        }

        if (On(GoalQuantityUnmeasured))
        {
            points.AddRange(UnmeasuredGoalQuantities(project));
        }

        return points;
    }

    private static IEnumerable<ReviewPoint> TargetsBelowLastActuals(BudgetProject project, BudgetProject lastYear)
    {
        var lastByName = lastYear.Indicators
            .GroupBy(i => i.Name.Trim())
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var indicator in project.Indicators)
        {
            if (TargetValueParser.Parse(indicator.Value) is QuantitativeTarget { IsPositive: true } target
                && lastByName.TryGetValue(indicator.Name.Trim(), out var last)
                && ActualIn(last, target.Unit) is { } lastActual
                && target.Number < lastActual)
            {
                yield return new ReviewPoint(TargetBelowLastActual,
                    $"“{indicator.Name.Trim()}”的目标 {indicator.Value.Trim()} 低于上年实际完成值 {last.Actual!.Trim()}，目标值可能偏低。", OrderOf(indicator));
            }
        }
    }

    /// <summary>Last year's 实际完成值 in <paramref name="unit"/> (a bare number takes last year's target unit); null when not comparable.</summary>
    private static decimal? ActualIn(Indicator last, string unit)
    {
        if (TargetValueParser.Parse(last.Actual) is not QuantitativeTarget actual)
        {
            return null;
        }

        var actualUnit = actual.Unit.Length > 0 ? actual.Unit
            : TargetValueParser.Parse(last.Value) is QuantitativeTarget lastTarget ? lastTarget.Unit
            : string.Empty;
        return MeasureUnits.TryConvert(actual.Number, actualUnit, unit, out var converted) ? converted : null;
    }

    private static IEnumerable<ReviewPoint> Copies(BudgetProject project, BudgetProject lastYear)
    {
        static string Key(IEnumerable<string> parts) => string.Join("\u001f", parts.Select(TargetValueParser.Normalize));

        if (project.Goals.Count > 0 && Key(project.Goals.Select(g => g.Text)) == Key(lastYear.Goals.Select(g => g.Text)))
        {
            yield return new ReviewPoint(CopiedFromLastYear, "绩效目标与上年完全相同，请结合本年度工作任务更新。", null);
        }

        static string IndicatorKey(Indicator i) => Key([i.Level1, i.Level2, i.Name, i.Value]);
        if (project.Indicators.Count > 0
            && project.Indicators.Select(IndicatorKey).Order(StringComparer.Ordinal).SequenceEqual(lastYear.Indicators.Select(IndicatorKey).Order(StringComparer.Ordinal)))
        {
            yield return new ReviewPoint(CopiedFromLastYear, $"{project.Indicators.Count} 项绩效指标及指标值与上年完全相同，请核实是否体现本年度的变化。", null);
        }
    }

    private static IEnumerable<ReviewPoint> MissingTimelinessOrCost(BudgetProject project)
    {
        if (!project.Indicators.Any(i => i.Level2.Trim() == "时效指标"))
        {
            yield return new ReviewPoint(NoTimelinessOrCost, "项目没有时效指标，请说明完成时限。", null);
        }

        if (!project.Indicators.Any(IsCost))
        {
            yield return new ReviewPoint(NoTimelinessOrCost, "项目没有成本指标，请说明成本控制目标。", null);
        }
    }

    private static IEnumerable<ReviewPoint> UnmeasuredGoalQuantities(BudgetProject project)
    {
        var measured = project.Indicators
            .Select(i => TargetValueParser.Parse(i.Value))
            .OfType<QuantitativeTarget>()
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var goal in project.Goals)
        {
            foreach (Match match in GoalQuantity().Matches(TargetValueParser.Normalize(goal.Text)))
            {
                var number = decimal.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var unit = TargetValueParser.NormalizeUnit(match.Groups["unit"].Value);
                var written = match.Value;
                if (!seen.Add(written) || measured.Any(t => Measures(t, number, unit)))
                {
                    continue;
                }

                yield return new ReviewPoint(GoalQuantityUnmeasured, $"绩效目标提到“{written}”，但没有指标衡量它；请设置对应的数量或成本指标。", null);
            }
        }
    }

    private static bool Measures(QuantitativeTarget target, decimal number, string unit) =>
        MeasureUnits.TryConvert(number, unit, target.Unit, out var converted)
        && TargetValueParser.NormalizeUnit(target.Unit).Length > 0
        && (converted == target.Number || (target.Max is { } max && converted >= target.Number && converted <= max));

    private static bool IsCost(Indicator indicator) =>
        indicator.Level1.Trim() == "成本指标" || indicator.Level2.Trim().EndsWith("成本指标", StringComparison.Ordinal);

    private static int? OrderOf(Indicator indicator) => indicator.Order == 0 ? null : indicator.Order;

    /// <summary>A number with a counting or money unit in goal text: 8个, 3家, 1200人, 8万人次, 250万元, 95% — not 2021年.</summary>
    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?)\s*(?<unit>万人次|人次|万元|亿元|元|个|家|人|户|项|处|件|场|台|套|所|座|辆|篇|期|公里|平方米|亩|吨|%)")]
    private static partial Regex GoalQuantity();
}
