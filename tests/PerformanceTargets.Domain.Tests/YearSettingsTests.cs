using System.Collections.ObjectModel;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Domain.Tests;

public class YearSettingsStoringEvaluationSettings
{
    [Fact]
    public void The_national_defaults_round_trip_unchanged()
    {
        var national = EvaluationSettings.National(2026);

        var back = new YearSettings(1, national).ToEvaluationSettings(2026);

        Assert.Equal(2026, back.Year);
        Assert.Equal(10m, back.ExecutionWeight);
        Assert.Equal(national.GroupWeights.OrderBy(g => g.Key), back.GroupWeights.OrderBy(g => g.Key));
        Assert.Equal(national.QualitativeTiers, back.QualitativeTiers);
        Assert.Equal("优≥90，良≥80，中≥60，差≥0", back.GradeBands.ToString());
        Assert.Equal(130m, back.TargetTooLowPercent);
        Assert.Equal(new MonitoringThresholds(60m, 80m), back.Monitoring);
        Assert.Empty(back.Validate());
    }

    [Fact]
    public void Stored_rows_are_new_objects_not_the_shared_national_ones()
    {
        var settings = new YearSettings(1, EvaluationSettings.National(2026));

        Assert.DoesNotContain(settings.GradeBands, b => RatingBandSet.National.Bands.Any(n => ReferenceEquals(n, b)));
        Assert.DoesNotContain(settings.QualitativeTiers, t => EvaluationSettings.NationalTiers.Any(n => ReferenceEquals(n, t)));
    }

    [Fact]
    public void Groups_come_back_in_catalogue_order_and_bands_and_tiers_highest_first()
    {
        var settings = new YearSettings(1, EvaluationSettings.National(2026) with
        {
            GroupWeights = new ReadOnlyDictionary<string, decimal>(new Dictionary<string, decimal> { ["满意度指标"] = 10m, ["效益指标"] = 30m, ["成本指标"] = 10m, ["产出指标"] = 40m }),
            QualitativeTiers = [.. EvaluationSettings.NationalTiers.Reverse()],
        });

        Assert.Equal(["产出指标", "成本指标", "效益指标", "满意度指标"], settings.GroupWeights.Select(g => g.Group));
        Assert.Equal([QualitativeTier.Achieved, QualitativeTier.PartlyAchieved, QualitativeTier.NotAchieved], settings.QualitativeTiers.Select(t => t.Name));
        Assert.Equal(["优", "良", "中", "差"], settings.GradeBands.Select(b => b.Grade));
    }

    [Fact]
    public void Replace_changes_every_value()
    {
        var settings = new YearSettings(1, EvaluationSettings.National(2026));

        settings.Replace(EvaluationSettings.National(2026) with
        {
            ExecutionWeight = 20m,
            GroupWeights = new ReadOnlyDictionary<string, decimal>(new Dictionary<string, decimal> { ["产出指标"] = 40m, ["效益指标"] = 30m, ["满意度指标"] = 10m }),
            TargetTooLowPercent = 150m,
            GradeBands = RatingBandSet.Create([new("优", 95m), new("良", 85m), new("中", 70m), new("差", 0m)]),
            Monitoring = new MonitoringThresholds(50m, 75m),
        });

        Assert.Equal((20m, 150m, 50m, 75m), (settings.ExecutionWeight, settings.TargetTooLowPercent, settings.MonitoringRedBelowPercent, settings.MonitoringYellowBelowPercent));
        Assert.Equal(40m, settings.GroupWeights.Single(g => g.Group == "产出指标").Weight);
        Assert.Equal([95m, 85m, 70m, 0m], settings.GradeBands.Select(b => b.Min));
    }
}

public class YearSettingsRefusingInconsistentSettings
{
    private static readonly EvaluationSettings National = EvaluationSettings.National(2026);

    [Fact]
    public void Weights_that_do_not_add_up_to_100_are_refused_and_nothing_changes()
    {
        var settings = new YearSettings(1, National);

        var e = Assert.Throws<DomainException>(() => settings.Replace(National with { ExecutionWeight = 20m }));

        Assert.Contains("权重合计为 110，应为 100", e.Message, StringComparison.Ordinal);
        Assert.Equal(10m, settings.ExecutionWeight);
    }

    [Fact]
    public void A_new_record_with_inconsistent_settings_cannot_be_made()
    {
        Assert.Throws<DomainException>(() => new YearSettings(1, National with { TargetTooLowPercent = 90m }));
    }

    [Theory]
    [InlineData(0.8, 0.75, "定性档次应首尾相接：“部分达成”的上限（不含）应等于“达成”的下限 80%。")]
    [InlineData(0.8, 0.9, "定性档次应首尾相接：“部分达成”的上限（不含）应等于“达成”的下限 80%。")]
    [InlineData(0.6, 0.6, "定性档次“部分达成”的得分区间为空：下限 60% 应小于上限 60%。")]
    public void Qualitative_tiers_must_follow_one_another_without_gaps_or_overlaps(double achievedMin, double partlyMax, string message)
    {
        var tiers = new[]
        {
            new QualitativeTier(QualitativeTier.Achieved, (decimal)achievedMin, 1m, true, 1m),
            new QualitativeTier(QualitativeTier.PartlyAchieved, 0.6m, (decimal)partlyMax, false, 0.6m),
            new QualitativeTier(QualitativeTier.NotAchieved, 0m, 0.6m, false, 0.3m),
        };

        Assert.Contains(message, YearSettings.Check(National with { QualitativeTiers = tiers }));
    }

    [Fact]
    public void The_top_tier_must_reach_100_percent_inclusive_and_the_bottom_one_start_at_0()
    {
        var tiers = new[]
        {
            new QualitativeTier(QualitativeTier.Achieved, 0.8m, 1m, false, 0.9m),
            new QualitativeTier(QualitativeTier.PartlyAchieved, 0.6m, 0.8m, false, 0.7m),
            new QualitativeTier(QualitativeTier.NotAchieved, 0.1m, 0.6m, false, 0.3m),
        };

        var errors = YearSettings.Check(National with { QualitativeTiers = tiers });

        Assert.Contains("最高的定性档次“达成”的上限应为 100%（含）。", errors);
        Assert.Contains("最低的定性档次“未达成”的下限应为 0%。", errors);
    }

    [Fact]
    public void A_default_outside_its_tier_is_refused_by_the_rules_check()
    {
        var tiers = new[]
        {
            new QualitativeTier(QualitativeTier.Achieved, 0.8m, 1m, true, 1m),
            new QualitativeTier(QualitativeTier.PartlyAchieved, 0.6m, 0.8m, false, 0.8m),
            new QualitativeTier(QualitativeTier.NotAchieved, 0m, 0.6m, false, 0.3m),
        };

        Assert.Contains(YearSettings.Check(National with { QualitativeTiers = tiers }), e => e.Contains("“部分达成”", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(60, 80, true)]
    [InlineData(60, 100, true)]
    [InlineData(60, 101, false)]
    [InlineData(85, 80, false)]
    public void The_yellow_line_lies_between_the_red_line_and_100(int red, int yellow, bool valid)
    {
        var errors = YearSettings.Check(National with { Monitoring = new MonitoringThresholds(red, yellow) });

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void The_national_defaults_pass_every_check()
    {
        Assert.Empty(YearSettings.Check(National));
    }
}

public class UnitTreeLoops
{
    // 1 ← 2 ← 3 (3's parent is 2, 2's parent is 1); 4 stands alone.
    private static readonly Dictionary<int, int?> ParentOf = new() { [1] = null, [2] = 1, [3] = 2, [4] = null };

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, true)]
    [InlineData(1, 3, true)]
    [InlineData(3, 1, false)]
    [InlineData(2, 4, false)]
    [InlineData(4, 3, false)]
    public void A_unit_cannot_be_placed_under_itself_or_a_descendant(int unit, int parent, bool loop) =>
        Assert.Equal(loop, UnitTree.WouldCreateCycle(unit, parent, ParentOf));

    [Fact]
    public void No_parent_never_makes_a_loop() => Assert.False(UnitTree.WouldCreateCycle(1, null, ParentOf));
}

public class YearSettingsReadFromADatabaseColumn
{
    [Fact]
    public void Trailing_zeros_of_the_column_scale_do_not_reach_the_rules()
    {
        var settings = new YearSettings(1, EvaluationSettings.National(2026) with
        {
            GradeBands = RatingBandSet.Create([new("优", 95.0000m), new("良", 85.00m), new("中", 70.0m), new("差", 0.0000m)]),
            Monitoring = new MonitoringThresholds(60.0000m, 80.0000m),
        });

        var back = settings.ToEvaluationSettings(2026);

        Assert.Equal("优≥95，良≥85，中≥70，差≥0", back.GradeBands.ToString());
        Assert.Equal("80", back.Monitoring.YellowBelowPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
