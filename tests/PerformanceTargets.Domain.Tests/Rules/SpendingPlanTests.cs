using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

internal static class Plans
{
    public static List<SpendingCheckpoint> Standard(params double[] percents) =>
        [.. percents.Select((p, k) => new SpendingCheckpoint(SpendingCheckpoint.StandardMonths[k], (decimal)p))];
}

public class ValidatingACumulativeSpendingPlan
{
    [Theory]
    [InlineData(25, 50, 75, 100)]
    [InlineData(70, 70, 70, 100)]
    [InlineData(0, 0, 0, 100)]
    [InlineData(100, 100, 100, 100)]
    [InlineData(12.5, 37.25, 80, 100)]
    public void A_non_decreasing_plan_from_0_to_100_ending_at_100_is_valid(double march, double june, double october, double december) =>
        Assert.Empty(SpendingPlanRules.Validate(Plans.Standard(march, june, october, december)));

    [Theory]
    [InlineData(new double[] { 25, 25, 25, 25 }, "看起来是各期比例而不是累计比例", "累计比例应为 25/50/75/100")]
    [InlineData(new double[] { 10, 20, 30, 40 }, "看起来是各期比例而不是累计比例", "12月底的累计支出比例应为 100%，现为 40%")]
    [InlineData(new double[] { 50, 40, 80, 100 }, "6月底的累计支出比例（40%）低于3月底（50%）", "不能减少")]
    [InlineData(new double[] { 30, 60, 110, 100 }, "10月底的累计支出比例为 110%，不能超过 100%", "12月底的累计支出比例（100%）低于10月底（110%）")]
    [InlineData(new double[] { -5, 60, 80, 100 }, "3月底的累计支出比例为 -5%，不能小于 0", "3月底")]
    [InlineData(new double[] { 25, 50, 75, 90 }, "12月底的累计支出比例应为 100%，现为 90%", "12月底")]
    public void A_broken_plan_gets_specific_chinese_messages(double[] percents, string first, string second)
    {
        var messages = SpendingPlanRules.Validate(Plans.Standard(percents));
        Assert.Contains(messages, m => m.Contains(first, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(second, StringComparison.Ordinal));
    }

    [Fact]
    public void The_25_25_25_25_plan_is_not_mistaken_for_a_plan_that_just_misses_100()
    {
        Assert.True(SpendingPlanRules.LooksIncremental(Plans.Standard(25, 25, 25, 25)));
        Assert.False(SpendingPlanRules.LooksIncremental(Plans.Standard(25, 50, 75, 90)));
        Assert.False(SpendingPlanRules.LooksIncremental(Plans.Standard(70, 70, 70, 100)));
    }

    [Fact]
    public void An_empty_plan_is_refused() =>
        Assert.Contains("为空", Assert.Single(SpendingPlanRules.Validate([])), StringComparison.Ordinal);

    [Fact]
    public void A_plan_without_december_is_refused() =>
        Assert.Contains(SpendingPlanRules.Validate([new(3, 50m), new(6, 100m)]), m => m.Contains("应包含 12月底", StringComparison.Ordinal));

    [Fact]
    public void Invalid_and_repeated_months_are_refused()
    {
        var messages = SpendingPlanRules.Validate([new(0, 10m), new(6, 50m), new(6, 60m), new(12, 100m)]);
        Assert.Contains(messages, m => m.Contains("月份 0 无效", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("6月底出现了不止一次", StringComparison.Ordinal));
    }

    [Fact]
    public void The_order_given_does_not_matter() =>
        Assert.Empty(SpendingPlanRules.Validate([new(12, 100m), new(3, 25m), new(10, 75m), new(6, 50m)]));

    [Fact]
    public void Every_seed_plan_is_valid() =>
        Assert.All(SeedDocument.Projects, p => Assert.Empty(SpendingPlanRules.Validate(p.Project.SpendingPlan)));
}

public class ColouringTheMonitoringLight
{
    [Theory]
    [InlineData(50, 29.99, MonitoringColor.Red)]
    [InlineData(50, 30, MonitoringColor.Yellow)]
    [InlineData(50, 39.99, MonitoringColor.Yellow)]
    [InlineData(50, 40, MonitoringColor.Green)]
    [InlineData(50, 80, MonitoringColor.Green)]
    [InlineData(50, 0, MonitoringColor.Red)]
    [InlineData(50, -10, MonitoringColor.Red)]
    [InlineData(0, 0, MonitoringColor.Green)]
    [InlineData(0, 5, MonitoringColor.Green)]
    public void Actual_as_a_share_of_plan_sets_the_colour(double planned, double actual, MonitoringColor color) =>
        Assert.Equal(color, MonitoringLight.Classify((decimal)planned, (decimal)actual, MonitoringThresholds.National));

    [Theory]
    [InlineData(49.99, MonitoringColor.Red)]
    [InlineData(50, MonitoringColor.Yellow)]
    [InlineData(69.99, MonitoringColor.Yellow)]
    [InlineData(70, MonitoringColor.Green)]
    public void The_thresholds_are_configurable(double actualOfPlan100, MonitoringColor color) =>
        Assert.Equal(color, MonitoringLight.Classify(100m, (decimal)actualOfPlan100, new MonitoringThresholds(50m, 70m)));

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 25)]
    [InlineData(6, 50)]
    [InlineData(7, 50)]
    [InlineData(12, 100)]
    public void Between_checkpoints_the_last_checkpoint_passed_is_the_plan(int month, double planned) =>
        Assert.Equal((decimal)planned, MonitoringLight.PlannedAt(Plans.Standard(25, 50, 75, 100), month));

    [Fact]
    public void A_july_round_compares_with_the_june_plan_and_says_so()
    {
        var light = MonitoringLight.Evaluate(Plans.Standard(25, 50, 75, 100), 7, 35m, MonitoringThresholds.National);
        Assert.Equal(MonitoringColor.Yellow, light.Color);
        Assert.Equal(70m, light.RatioPercent);
        Assert.Equal("7月底计划累计支出 50.00%，实际 35.00%，为计划的 70.00%，黄灯。", light.Message);
    }

    [Fact]
    public void Every_checkpoint_with_an_actual_is_evaluated()
    {
        var lights = MonitoringLight.EvaluateAll(Plans.Standard(0, 50, 75, 100), new Dictionary<int, decimal> { [3] = 0m, [6] = 20m }, MonitoringThresholds.National);
        Assert.Equal([MonitoringColor.Green, MonitoringColor.Red], lights.Select(l => l.Color));
    }

    [Theory]
    [InlineData(2_000_000, 1_000_000, 50)]
    [InlineData(0, 1_000, 0)]
    [InlineData(1_000, -5, 0)]
    public void The_actual_rate_is_spend_over_budget(double budget, double spent, double percent) =>
        Assert.Equal((decimal)percent, MonitoringLight.ActualPercent((decimal)budget, (decimal)spent));
}

public class CheckingTheMonthsOfASpendingPlan
{
    [Theory]
    [InlineData(new[] { 3, 6, 10, 12 })]
    [InlineData(new[] { 12, 3, 10, 6 })]
    [InlineData(new[] { 3, 12 })]
    [InlineData(new int[0])]
    public void The_official_checkpoints_each_once_are_fine(int[] months) =>
        Assert.Null(SpendingPlanRules.CheckMonths(months));

    [Theory]
    [InlineData(new[] { 3, 6, 9, 12 })]
    [InlineData(new[] { 1, 6, 10, 12 })]
    [InlineData(new[] { 3, 6, 6, 12 })]
    [InlineData(new[] { 0, 3, 6, 10, 12 })]
    [InlineData(new[] { 12, 12 })]
    public void Another_month_or_a_repeated_one_is_refused(int[] months) =>
        Assert.Equal("资金支出计划的月份应为 3、6、10、12（各一次）。", SpendingPlanRules.CheckMonths(months));
}
