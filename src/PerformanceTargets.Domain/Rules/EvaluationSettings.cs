using System.Collections.ObjectModel;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Every weight and threshold of self-evaluation and monitoring for one fiscal year, stored as data (domain.md §3–§5).
/// <see cref="National"/> gives the national defaults; a province or an admin changes them with <c>with { … }</c>
/// and checks the result with <see cref="Validate"/>.
/// </summary>
public sealed record EvaluationSettings
{
    public const string ExecutionGroup = "预算执行率";

    /// <summary>National default level-1 weights (2020 catalogue): 产出 50, 效益 30, 满意度 10.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> NationalGroupWeights = new ReadOnlyDictionary<string, decimal>(
        new Dictionary<string, decimal> { ["产出指标"] = 50m, ["效益指标"] = 30m, ["满意度指标"] = 10m });

    /// <summary>National default qualitative tiers: 达成 [0.8W, W] default W; 部分达成 [0.6W, 0.8W) default 0.7W; 未达成 [0, 0.6W) default 0.3W.</summary>
    public static readonly IReadOnlyList<QualitativeTier> NationalTiers =
    [
        new(QualitativeTier.Achieved, 0.8m, 1.0m, true, 1.0m),
        new(QualitativeTier.PartlyAchieved, 0.6m, 0.8m, false, 0.7m),
        new(QualitativeTier.NotAchieved, 0m, 0.6m, false, 0.3m),
    ];

    /// <summary>The fiscal year these settings apply to.</summary>
    public int Year { get; init; }

    /// <summary>Weight of 预算执行率 (default 10).</summary>
    public decimal ExecutionWeight { get; init; } = 10m;

    /// <summary>Weight of each level-1 group by its name (default 产出指标 50, 效益指标 30, 满意度指标 10).</summary>
    public IReadOnlyDictionary<string, decimal> GroupWeights { get; init; } = NationalGroupWeights;

    /// <summary>Qualitative tiers, as fractions of the indicator's weight.</summary>
    public IReadOnlyList<QualitativeTier> QualitativeTiers { get; init; } = NationalTiers;

    /// <summary>A 正向 actual at or above this percent of its target is flagged "target set too low?" (default 130).</summary>
    public decimal TargetTooLowPercent { get; init; } = 130m;

    /// <summary>Grade bands for the project total (default national 90/80/60).</summary>
    public RatingBandSet GradeBands { get; init; } = RatingBandSet.National;

    /// <summary>Monitoring traffic-light thresholds (default red below 60 %, yellow below 80 % of plan).</summary>
    public MonitoringThresholds Monitoring { get; init; } = MonitoringThresholds.National;

    /// <summary>The national defaults for <paramref name="year"/>.</summary>
    public static EvaluationSettings National(int year) => new() { Year = year };

    /// <summary>Total of execution and group weights; 100 when valid.</summary>
    public decimal TotalWeight => ExecutionWeight + GroupWeights.Values.Sum();

    /// <summary>The tier called <paramref name="name"/> (trimmed), or null.</summary>
    public QualitativeTier? FindTier(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        foreach (var tier in QualitativeTiers)
        {
            if (tier.Name == trimmed)
            {
                return tier;
            }
        }

        return null;
    }

    /// <summary>Chinese messages for every inconsistency; empty when the settings can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ExecutionWeight < 0 || GroupWeights.Values.Any(w => w < 0))
        {
            errors.Add("评分权重不能为负数。");
        }

        if (TotalWeight != 100m)
        {
            errors.Add($"预算执行率与各一级指标的权重合计为 {TotalWeight}，应为 100。");
        }

        if (QualitativeTiers.Count == 0)
        {
            errors.Add("定性指标至少要有一个评价档次。");
        }

        foreach (var tier in QualitativeTiers)
        {
            var defaultInside = tier.DefaultFraction >= tier.MinFraction
                && (tier.MaxInclusive ? tier.DefaultFraction <= tier.MaxFraction : tier.DefaultFraction < tier.MaxFraction);
            if (tier.MinFraction < 0 || tier.MaxFraction > 1 || tier.MinFraction > tier.MaxFraction || !defaultInside)
            {
                errors.Add($"定性档次“{tier.Name}”的得分比例区间或默认比例无效（应满足 0 ≤ 下限 ≤ 默认 ≤ 上限 ≤ 1）。");
            }
        }

        if (QualitativeTiers.Select(t => t.Name).Distinct().Count() != QualitativeTiers.Count)
        {
            errors.Add("定性档次名称重复。");
        }

        if (TargetTooLowPercent <= 100m)
        {
            errors.Add($"“目标偏低”提示阈值应大于 100%，现为 {TargetTooLowPercent}%。");
        }

        if (Monitoring.RedBelowPercent < 0 || Monitoring.RedBelowPercent > Monitoring.YellowBelowPercent)
        {
            errors.Add($"监控阈值应满足 0 ≤ 红灯线（{Monitoring.RedBelowPercent}%）≤ 黄灯线（{Monitoring.YellowBelowPercent}%）。");
        }

        return errors;
    }
}

/// <summary>
/// A qualitative evaluation tier: the score lies in [<see cref="MinFraction"/>×W, <see cref="MaxFraction"/>×W]
/// (upper end included only when <see cref="MaxInclusive"/>), <see cref="DefaultFraction"/>×W when no explicit score is given.
/// </summary>
public sealed record QualitativeTier(string Name, decimal MinFraction, decimal MaxFraction, bool MaxInclusive, decimal DefaultFraction)
{
    public const string Achieved = "达成";
    public const string PartlyAchieved = "部分达成";
    public const string NotAchieved = "未达成";

    /// <summary>True when <paramref name="score"/> lies inside this tier for weight <paramref name="weight"/>.</summary>
    public bool Contains(decimal score, decimal weight) =>
        score >= MinFraction * weight && (MaxInclusive ? score <= MaxFraction * weight : score < MaxFraction * weight);
}

/// <summary>Monitoring traffic light (domain.md §5): actual ÷ planned below <see cref="RedBelowPercent"/> is red, below <see cref="YellowBelowPercent"/> yellow, else green.</summary>
public sealed record MonitoringThresholds(decimal RedBelowPercent, decimal YellowBelowPercent)
{
    public static readonly MonitoringThresholds National = new(60m, 80m);

    /// <summary>The colour of a figure at <paramref name="percentOfBenchmark"/> % of where it should be: red below, yellow between, green from the thresholds.</summary>
    public MonitoringColor ColorOf(decimal percentOfBenchmark) =>
        percentOfBenchmark < RedBelowPercent ? MonitoringColor.Red
        : percentOfBenchmark < YellowBelowPercent ? MonitoringColor.Yellow
        : MonitoringColor.Green;
}
