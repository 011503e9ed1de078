using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

internal static class Scoring
{
    public static readonly EvaluationSettings Settings = EvaluationSettings.National(2021);

    public static IndicatorScore Score(string target, string? actual, decimal weight = 10m, decimal? explicitScore = null, string? reason = null) =>
        IndicatorScorer.Score(TargetValueParser.Parse(target), actual, weight, explicitScore, Settings, reason);
}

public class ScoringAPositiveIndicator
{
    [Theory]
    [InlineData("≥90%", "90", 10)]
    [InlineData("≥90%", "90%", 10)]
    [InlineData("≥90%", "100%", 10)]
    [InlineData("≥90%", "45%", 5)]
    [InlineData("≥90%", "0", 0)]
    [InlineData("＞90%", "45%", 5)]
    [InlineData("≧９０％", "45%", 5)]
    [InlineData("≥90百分比", "72百分比", 8)]
    [InlineData("2人", "1人", 5)]
    [InlineData("2人", "2人", 10)]
    [InlineData("=28处", "21处", 7.5)]
    [InlineData("≥2个", "3个", 10)]
    public void At_or_above_target_scores_the_weight_else_in_proportion(string target, string actual, double points)
    {
        var score = Scoring.Score(target, actual);
        Assert.Null(score.Error);
        Assert.Equal((decimal)points, score.Points);
    }

    [Fact]
    public void The_formula_is_exact_decimal_arithmetic() =>
        Assert.Equal(10m * 89.99m / 90m, Scoring.Score("≥90%", "89.99%").Points);
}

public class ScoringAReverseIndicator
{
    [Theory]
    [InlineData("≤100万元", "50万元", 10)]
    [InlineData("≤100万元", "100万元", 10)]
    [InlineData("≤100万元", "100.01万元", 9.999)]
    [InlineData("≤100万元", "150万元", 5)]
    [InlineData("≤100万元", "199.99万元", 0.001)]
    [InlineData("≤100万元", "200万元", 0)]
    [InlineData("≤100万元", "350万元", 0)]
    [InlineData("＜5%", "7.5%", 5)]
    [InlineData("不超过5%", "5%", 10)]
    [InlineData("5%以内", "10%", 0)]
    public void At_or_below_target_scores_the_weight_then_falls_to_zero_at_twice_the_target(string target, string actual, double points) =>
        Assert.Equal((decimal)points, Scoring.Score(target, actual).Points);

    [Fact]
    public void A_zero_actual_never_divides_by_the_actual() =>
        Assert.Equal(10m, Scoring.Score("≤100万元", "0").Points);
}

public class ScoringAZeroTarget
{
    [Theory]
    [InlineData("0起", "0起", 10)]
    [InlineData("0起", "0", 10)]
    [InlineData("0起", "1起", 0)]
    [InlineData("=0", "0.5", 0)]
    [InlineData("≤0起", "0", 10)]
    [InlineData("≤0起", "2起", 0)]
    [InlineData("0起", "-1起", 10)]
    [InlineData("≥0个", "0个", 10)]
    public void Nothing_happened_scores_the_weight_anything_else_zero(string target, string actual, double points) =>
        Assert.Equal((decimal)points, Scoring.Score(target, actual).Points);
}

public class ScoringARange
{
    [Theory]
    [InlineData("90-100%", "90%", 10)]
    [InlineData("90-100%", "95%", 10)]
    [InlineData("90-100%", "100%", 10)]
    [InlineData("90-100%", "45%", 5)]
    [InlineData("90-100%", "0%", 0)]
    [InlineData("90-100%", "110%", 9)]
    [InlineData("90-100%", "200%", 0)]
    [InlineData("3～5个", "6个", 8)]
    public void Inside_scores_the_weight_below_in_proportion_above_as_a_reverse_target_at_the_top(string target, string actual, double points) =>
        Assert.Equal((decimal)points, Scoring.Score(target, actual).Points);
}

public class ScoringNegativeAndBlankActuals
{
    [Theory]
    [InlineData("≥90%", "-5%", 0)]
    [InlineData("≤100万元", "-5万元", 10)]
    [InlineData("90-100%", "-1", 0)]
    public void A_negative_actual_counts_as_zero_and_is_noted(string target, string actual, double points)
    {
        var score = Scoring.Score(target, actual);
        Assert.Equal((decimal)points, score.Points);
        Assert.True(score.HasNote(ScoreNote.NegativeActual));
    }

    [Theory]
    [InlineData("≥90%", null)]
    [InlineData("≥90%", "")]
    [InlineData("≥90%", "  ")]
    [InlineData("及时", null)]
    public void A_blank_actual_is_not_filled_not_silently_zero(string target, string? actual)
    {
        var score = Scoring.Score(target, actual);
        Assert.Equal(0m, score.Points);
        Assert.True(score.IsNotFilled);
        Assert.False(score.IsRefused);
        Assert.False(score.IsBelowFullMarks);
    }
}

public class ReconcilingUnits
{
    [Theory]
    [InlineData("≤1.6万元", "16000元", 10)]
    [InlineData("≤1.6万元", "17600元", 9)]
    [InlineData("≤16000元", "1.76万元", 9)]
    [InlineData("≥2万人次", "20000人次", 10)]
    [InlineData("≥20000人次", "1万人次", 5)]
    [InlineData("≥95%", "95", 10)]
    [InlineData("≥95%", "95百分比", 10)]
    [InlineData("=28", "28处", 10)]
    public void Scales_of_the_same_unit_are_converted(string target, string actual, double points)
    {
        var score = Scoring.Score(target, actual);
        Assert.Null(score.Error);
        Assert.Equal((decimal)points, score.Points);
    }

    [Theory]
    [InlineData("≥90%", "2人")]
    [InlineData("≤1.6万元", "3人次")]
    [InlineData("≥2个", "2人")]
    public void Units_that_cannot_be_reconciled_are_refused_with_a_clear_message(string target, string actual)
    {
        var score = Scoring.Score(target, actual);
        Assert.True(score.IsRefused);
        Assert.Equal(0m, score.Points);
        Assert.Contains("无法换算", score.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("≥90%", "达成")]
    [InlineData("≥90%", "基本完成")]
    [InlineData("≥90%", "80-90%")]
    public void An_actual_that_is_not_a_number_is_refused(string target, string actual) =>
        Assert.Contains("不是一个数值", Scoring.Score(target, actual).Error, StringComparison.Ordinal);
}

public class ScoringAQualitativeIndicator
{
    [Theory]
    [InlineData("达成", 10)]
    [InlineData("部分达成", 7)]
    [InlineData("未达成", 3)]
    [InlineData(" 达成 ", 10)]
    public void A_tier_without_explicit_score_gets_its_default_share(string tier, double points) =>
        Assert.Equal((decimal)points, Scoring.Score("及时", tier).Points);

    [Theory]
    [InlineData("达成", 8)]
    [InlineData("达成", 10)]
    [InlineData("部分达成", 6)]
    [InlineData("部分达成", 7.99)]
    [InlineData("未达成", 0)]
    [InlineData("未达成", 5.99)]
    public void An_explicit_score_inside_its_tier_is_used(string tier, double points)
    {
        var score = Scoring.Score("是", tier, explicitScore: (decimal)points);
        Assert.Null(score.Error);
        Assert.Equal((decimal)points, score.Points);
    }

    [Theory]
    [InlineData("达成", 7.99)]
    [InlineData("达成", 10.01)]
    [InlineData("部分达成", 8)]
    [InlineData("部分达成", 5.99)]
    [InlineData("未达成", 6)]
    [InlineData("未达成", -1)]
    public void An_explicit_score_outside_its_tier_is_refused(string tier, double points)
    {
        var score = Scoring.Score("是", tier, explicitScore: (decimal)points);
        Assert.True(score.IsRefused);
        Assert.Contains($"“{tier}”的得分应在", score.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tier_ranges_scale_with_the_weight()
    {
        Assert.Null(Scoring.Score("是", "部分达成", weight: 5m, explicitScore: 3m).Error);
        Assert.NotNull(Scoring.Score("是", "部分达成", weight: 5m, explicitScore: 4m).Error);
    }

    [Theory]
    [InlineData("完成")]
    [InlineData("是")]
    [InlineData("95%")]
    public void An_actual_that_is_not_a_tier_is_refused(string actual) =>
        Assert.Contains("达成、部分达成、未达成之一", Scoring.Score("及时", actual).Error, StringComparison.Ordinal);

    [Fact]
    public void A_score_without_a_tier_is_refused() =>
        Assert.Contains("没有选择评价档次", Scoring.Score("及时", null, explicitScore: 9m).Error, StringComparison.Ordinal);
}

public class FlaggingDeviationsAndLowTargets
{
    [Fact]
    public void Below_full_marks_without_a_reason_needs_a_deviation_reason()
    {
        var score = Scoring.Score("≥90%", "45%");
        Assert.True(score.IsBelowFullMarks);
        Assert.True(score.HasNote(ScoreNote.NeedsDeviationReason));
    }

    [Fact]
    public void Below_full_marks_with_a_reason_is_not_flagged_again()
    {
        var score = Scoring.Score("≥90%", "45%", reason: "疫情影响，已调整计划");
        Assert.True(score.IsBelowFullMarks);
        Assert.False(score.HasNote(ScoreNote.NeedsDeviationReason));
    }

    [Fact]
    public void Full_marks_need_no_reason() =>
        Assert.False(Scoring.Score("≥90%", "95%").HasNote(ScoreNote.NeedsDeviationReason));

    [Theory]
    [InlineData("≥100人", "130人", true)]
    [InlineData("≥100人", "129.99人", false)]
    [InlineData("100人", "200人", true)]
    [InlineData("＞1万人次", "13000人次", true)]
    [InlineData("≤100万元", "10万元", false)]
    [InlineData("90-100%", "130%", false)]
    [InlineData("≥0个", "5个", false)]
    public void At_least_130_percent_of_a_positive_target_asks_whether_it_was_set_too_low(string target, string actual, bool flagged) =>
        Assert.Equal(flagged, Scoring.Score(target, actual).TargetMayBeTooLow);

    [Fact]
    public void The_too_low_threshold_comes_from_the_settings()
    {
        var settings = Scoring.Settings with { TargetTooLowPercent = 150m };
        var score = IndicatorScorer.Score(TargetValueParser.Parse("≥100人"), "140人", 10m, null, settings);
        Assert.False(score.TargetMayBeTooLow);
    }
}

public class AScoreIsNeverAboveItsWeightNorNegative
{
    private static readonly string[] Targets = ["≥90%", "＞90%", "≤100万元", "＜5%", "0起", "=0", "90-100%", "3～5个", "2人", "≥2万人次", "及时", "≥0个", "≤0起", "0-0个"];
    private static readonly string[] Tiers = ["达成", "部分达成", "未达成"];

    [Fact]
    public void For_random_targets_actuals_and_weights()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var target = Targets[random.Next(Targets.Length)];
            var weight = random.Next(0, 5000) / 100m;
            var parsed = TargetValueParser.Parse(target);
            string actual;
            decimal? explicitScore = null;
            if (parsed is QualitativeTarget)
            {
                actual = Tiers[random.Next(Tiers.Length)];
                explicitScore = random.Next(3) == 0 ? null : random.Next(-100, 1100) / 1000m * weight;
            }
            else
            {
                var unit = parsed is QuantitativeTarget { Unit: "万人次" } && random.Next(2) == 0 ? "人次" : ((QuantitativeTarget)parsed).Unit;
                actual = (random.Next(-10_000, 100_000) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;
            }

            var score = IndicatorScorer.Score(parsed, actual, weight, explicitScore, Scoring.Settings);
            Assert.InRange(score.Points, 0m, weight);
        }
    }
}
