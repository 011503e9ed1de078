using System.Collections.ObjectModel;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Units;

/// <summary>
/// The evaluation settings an admin stored for one fiscal year (domain.md §3–§5): grade bands, self-evaluation weights,
/// qualitative tiers, the "target set too low?" threshold and the monitoring thresholds. It is the stored form of
/// <see cref="EvaluationSettings"/>: built from one with <see cref="Replace"/>, read back with <see cref="ToEvaluationSettings"/>.
/// A year without a stored record uses <see cref="EvaluationSettings.National"/>.
/// Always valid: every change goes through <see cref="Replace"/>, which refuses inconsistent settings with Chinese messages
/// (<see cref="Check"/>).
/// </summary>
public class YearSettings
{
    public const int NameMaxLength = 20;

    private List<RatingBand> _gradeBands = [];
    private List<GroupWeight> _groupWeights = [];
    private List<QualitativeTier> _qualitativeTiers = [];

    private YearSettings()
    {
    }

    /// <summary>Settings for the fiscal year with id <paramref name="fiscalYearId"/>; throws <see cref="DomainException"/> when <paramref name="settings"/> are inconsistent.</summary>
    public YearSettings(int fiscalYearId, EvaluationSettings settings)
    {
        FiscalYearId = fiscalYearId;
        Replace(settings);
    }

    /// <summary>The fiscal year (<see cref="FiscalYear.Id"/>) these settings belong to; one record per year.</summary>
    public int FiscalYearId { get; private set; }

    /// <summary>Weight of 预算执行率 (national default 10).</summary>
    public decimal ExecutionWeight { get; private set; }

    /// <summary>Weight of each level-1 indicator group, in catalogue order (产出, 成本, 效益, 满意度, then any other).</summary>
    public IReadOnlyList<GroupWeight> GroupWeights => [.. _groupWeights.OrderBy(g => GroupOrder(g.Group)).ThenBy(g => g.Group, StringComparer.Ordinal)];

    /// <summary>Qualitative tiers, highest first.</summary>
    public IReadOnlyList<QualitativeTier> QualitativeTiers => [.. _qualitativeTiers.OrderByDescending(t => t.MaxFraction).ThenByDescending(t => t.MinFraction)];

    /// <summary>Grade bands, highest lower bound first.</summary>
    public IReadOnlyList<RatingBand> GradeBands => [.. _gradeBands.OrderByDescending(b => b.Min)];

    /// <summary>A 正向 actual at or above this percent of its target is flagged "target set too low?" (national default 130).</summary>
    public decimal TargetTooLowPercent { get; private set; }

    /// <summary>Monitoring: actual ÷ plan below this percent is red (national default 60).</summary>
    public decimal MonitoringRedBelowPercent { get; private set; }

    /// <summary>Monitoring: actual ÷ plan below this percent (and not red) is yellow (national default 80).</summary>
    public decimal MonitoringYellowBelowPercent { get; private set; }

    /// <summary>
    /// Chinese messages for everything that makes <paramref name="settings"/> unfit to store: the rules engine's own checks
    /// (<see cref="EvaluationSettings.Validate"/>), plus: the qualitative tiers must be non-empty ranges that follow one another
    /// from 100 % down to 0 % (the top one including 100 %), names fit in <see cref="NameMaxLength"/> characters, and the
    /// yellow line is at most 100 %. Empty when they can be stored.
    /// </summary>
    public static IReadOnlyList<string> Check(EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate().ToList();

        var tiers = settings.QualitativeTiers.OrderByDescending(t => t.MaxFraction).ThenByDescending(t => t.MinFraction).ToList();
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinFraction >= tier.MaxFraction)
            {
                errors.Add($"定性档次“{tier.Name}”的得分区间为空：下限 {Percent(tier.MinFraction)}% 应小于上限 {Percent(tier.MaxFraction)}%。");
            }

            if (i == 0 && (tier.MaxFraction != 1m || !tier.MaxInclusive))
            {
                errors.Add($"最高的定性档次“{tier.Name}”的上限应为 100%（含）。");
            }

            if (i > 0 && (tier.MaxFraction != tiers[i - 1].MinFraction || tier.MaxInclusive))
            {
                errors.Add($"定性档次应首尾相接：“{tier.Name}”的上限（不含）应等于“{tiers[i - 1].Name}”的下限 {Percent(tiers[i - 1].MinFraction)}%。");
            }
        }

        if (tiers.Count > 0 && tiers[^1].MinFraction != 0m)
        {
            errors.Add($"最低的定性档次“{tiers[^1].Name}”的下限应为 0%。");
        }

        var names = tiers.Select(t => t.Name)
            .Concat(settings.GroupWeights.Keys)
            .Concat(settings.GradeBands.Bands.Select(b => b.Grade));
        foreach (var name in names.Where(n => string.IsNullOrWhiteSpace(n) || n.Length > NameMaxLength).Distinct())
        {
            errors.Add($"名称“{name}”为空或超过 {NameMaxLength} 个字符。");
        }

        if (settings.Monitoring.YellowBelowPercent > 100m)
        {
            errors.Add($"监控黄灯线不能超过 100%，现为 {settings.Monitoring.YellowBelowPercent}%。");
        }

        return errors;
    }

    /// <summary>Replaces every value with those of <paramref name="settings"/>; throws <see cref="DomainException"/> (all messages) when <see cref="Check"/> finds a problem.</summary>
    public void Replace(EvaluationSettings settings)
    {
        var errors = Check(settings);
        if (errors.Count > 0)
        {
            throw new DomainException(string.Join(Environment.NewLine, errors));
        }

        ExecutionWeight = settings.ExecutionWeight;
        TargetTooLowPercent = settings.TargetTooLowPercent;
        MonitoringRedBelowPercent = settings.Monitoring.RedBelowPercent;
        MonitoringYellowBelowPercent = settings.Monitoring.YellowBelowPercent;

        // New instances: the national defaults are shared static objects, and each stored row must be its own.
        _groupWeights = [.. settings.GroupWeights.Select(g => new GroupWeight(g.Key, g.Value))];
        _qualitativeTiers = [.. settings.QualitativeTiers.Select(t => t with { })];
        _gradeBands = [.. settings.GradeBands.Bands.Select(b => b with { })];
    }

    /// <summary>These settings as the rules engine uses them, for fiscal year <paramref name="year"/> (the calendar year, e.g. 2026).</summary>
    /// <remarks>Numbers come back without the trailing zeros a database column's scale adds (80.0000 → 80), so messages and displays read as entered.</remarks>
    public EvaluationSettings ToEvaluationSettings(int year) => new()
    {
        Year = year,
        ExecutionWeight = Plain(ExecutionWeight),
        GroupWeights = new ReadOnlyDictionary<string, decimal>(GroupWeights.ToDictionary(g => g.Group, g => Plain(g.Weight))),
        QualitativeTiers = [.. QualitativeTiers.Select(t => t with
        {
            MinFraction = Plain(t.MinFraction),
            MaxFraction = Plain(t.MaxFraction),
            DefaultFraction = Plain(t.DefaultFraction),
        })],
        TargetTooLowPercent = Plain(TargetTooLowPercent),
        GradeBands = RatingBandSet.Create(GradeBands.Select(b => b with { Min = Plain(b.Min) })),
        Monitoring = new MonitoringThresholds(Plain(MonitoringRedBelowPercent), Plain(MonitoringYellowBelowPercent)),
    };

    /// <summary>The same value with the smallest scale: 80.0000 → 80, 0.8000 → 0.8.</summary>
    internal static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    internal static int GroupOrder(string group)
    {
        var index = IndicatorCatalog.Style2021.Level1Names.ToList().IndexOf(group);
        return index < 0 ? int.MaxValue : index;
    }

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The weight of one level-1 indicator group (一级指标, e.g. 产出指标 50) in a year's self-evaluation.</summary>
public sealed record GroupWeight(string Group, decimal Weight);
