using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

public class LightingBudgetExecutionInAMonitoringRound
{
    private static readonly MonitoringThresholds National = MonitoringThresholds.National;

    [Theory]
    // Plan 20/50/80/100; at 6月底 the benchmark is the plan's 50 %: 100,000 of 1,000,000 spent is 10 % = 20 % of it.
    [InlineData(6, 100_000, RunLight.Red)]
    [InlineData(6, 299_999.99, RunLight.Red)] // 59.9999 % of the benchmark
    [InlineData(6, 300_000, RunLight.Yellow)] // exactly 60 %
    [InlineData(6, 399_999.99, RunLight.Yellow)]
    [InlineData(6, 400_000, RunLight.Green)] // exactly 80 %
    [InlineData(6, 1_200_000, RunLight.Green)] // over budget is still on track
    // 7月底 has passed 6月底 only: still 50 %.
    [InlineData(7, 300_000, RunLight.Yellow)]
    public void The_benchmark_is_the_projects_own_plan_at_the_last_checkpoint_passed(int month, double executed, RunLight expected)
    {
        var result = RunMonitoring.BudgetExecution(1_000_000m, (decimal)executed, Plans.Standard(20, 50, 80, 100), month, National);
        Assert.Equal(expected, result.Light);
    }

    [Theory]
    // No plan: linear 序时进度 m/12. At 6月底 that is 50 %; 250,000 of 1,000,000 = 25 % = 50 % of it.
    [InlineData(6, 250_000, RunLight.Red)]
    [InlineData(6, 300_000, RunLight.Yellow)]
    [InlineData(6, 400_000, RunLight.Green)]
    // At 2月底 with a plan whose first checkpoint is 3月底, nothing has passed: 2/12 = 16.67 %; 100,000 = 10 % = 60 %.
    [InlineData(2, 100_000, RunLight.Yellow)]
    public void Without_a_checkpoint_passed_the_benchmark_is_linear(int month, double executed, RunLight expected)
    {
        var plan = month == 2 ? Plans.Standard(20, 50, 80, 100) : [];
        Assert.Equal(expected, RunMonitoring.BudgetExecution(1_000_000m, (decimal)executed, plan, month, National).Light);
    }

    [Fact]
    public void A_zero_budget_gives_no_light_and_no_error()
    {
        var result = RunMonitoring.BudgetExecution(0m, 500m, Plans.Standard(20, 50, 80, 100), 6, National);
        Assert.Equal(RunLight.None, result.Light);
        Assert.Contains("预算数为 0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_benchmark_is_green()
    {
        Assert.Equal(RunLight.Green, RunMonitoring.BudgetExecution(100m, 0m, Plans.Standard(0, 0, 60, 100), 6, National).Light);
    }

    [Fact]
    public void Thresholds_are_the_years_settings()
    {
        var strict = new MonitoringThresholds(70m, 90m);
        Assert.Equal(RunLight.Red, RunMonitoring.BudgetExecution(100m, 32.5m, Plans.Standard(20, 50, 80, 100), 6, strict).Light); // 65 %
        Assert.Equal(RunLight.Yellow, RunMonitoring.BudgetExecution(100m, 32.5m, Plans.Standard(20, 50, 80, 100), 6, National).Light);
    }

    [Fact]
    public void The_message_states_the_benchmark_the_rate_and_the_light_in_chinese()
    {
        var result = RunMonitoring.BudgetExecution(1_000_000m, 300_000m, Plans.Standard(20, 50, 80, 100), 6, National);
        Assert.Equal("6月底应执行 50.00%，实际执行 30.00%，为应执行进度的 60.00%，黄灯。", result.Message);
        Assert.Equal(60m, result.Percent);
    }
}

public class LightingAnIndicatorInAMonitoringRound
{
    private static readonly EvaluationSettings Settings = EvaluationSettings.National(2021);

    [Theory]
    // 正向 ≥100个 at 6月底: the expected is 50个.
    [InlineData("≥100个", "29", RunLight.Red)]
    [InlineData("≥100个", "30个", RunLight.Yellow)] // 60 %
    [InlineData("≥100个", "39.99", RunLight.Yellow)]
    [InlineData("≥100个", "40", RunLight.Green)] // 80 %
    [InlineData("≥100个", "119", RunLight.Green)]
    [InlineData("≥100个", "120个", RunLight.Blue)] // the full-year target exceeded by 20 %
    [InlineData("=28处", "14", RunLight.Green)]
    [InlineData("≥95%", "50%", RunLight.Green)] // 50 of an expected 47.5
    [InlineData("≥95百分比", "28", RunLight.Red)] // no unit: the target's
    [InlineData("≥1.6万元", "8000元", RunLight.Green)] // 0.8 万元 of an expected 0.8 万元
    [InlineData("80-100%", "48%", RunLight.Green)] // a range counts from its lower bound: expected 40
    public void A_positive_target_is_measured_against_its_pro_rata_share(string target, string completed, RunLight expected) =>
        Assert.Equal(expected, RunMonitoring.Indicator(target, completed, 6, Settings).Light);

    [Theory]
    [InlineData("≤1.6万元", "1.6万元", RunLight.Green)]
    [InlineData("≤1.6万元", "1.5", RunLight.Green)] // no unit: the target's
    [InlineData("≤1.6万元", "16001元", RunLight.Red)]
    [InlineData("<5%", "5.1%", RunLight.Red)]
    public void A_reverse_target_is_green_within_it_and_red_beyond(string target, string completed, RunLight expected) =>
        Assert.Equal(expected, RunMonitoring.Indicator(target, completed, 6, Settings).Light);

    [Theory]
    [InlineData("0起", "0", RunLight.Green)]
    [InlineData("0起", "1起", RunLight.Red)]
    [InlineData("=0", "0", RunLight.Green)]
    [InlineData("=0", "2", RunLight.Red)]
    public void A_zero_target_is_green_when_met_else_red(string target, string completed, RunLight expected) =>
        Assert.Equal(expected, RunMonitoring.Indicator(target, completed, 6, Settings).Light);

    [Theory]
    [InlineData("达成", RunLight.Green)]
    [InlineData("部分达成", RunLight.Yellow)]
    [InlineData("未达成", RunLight.Red)]
    [InlineData(" 达成 ", RunLight.Green)]
    public void A_qualitative_target_takes_the_units_tier_choice(string tier, RunLight expected) =>
        Assert.Equal(expected, RunMonitoring.Indicator("按时完成", tier, 6, Settings).Light);

    [Theory]
    [InlineData("按时完成", "差不多", "请选择 达成、部分达成、未达成 之一")]
    [InlineData("≥100个", "", "未填写")]
    [InlineData("≥100个", "   ", "未填写")]
    [InlineData("≥100个", "很多", "不是数值")]
    [InlineData("≥95%", "3人", "无法换算")]
    public void What_cannot_be_measured_gets_no_light_and_says_why(string target, string completed, string reason)
    {
        var result = RunMonitoring.Indicator(target, completed, 6, Settings);
        Assert.Equal(RunLight.None, result.Light);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_month_of_the_round_sets_the_share()
    {
        Assert.Equal(RunLight.Red, RunMonitoring.Indicator("≥120个", "40", 12, Settings).Light); // 40 of 120
        Assert.Equal(RunLight.Green, RunMonitoring.Indicator("≥120个", "40", 4, Settings).Light); // 40 of 40
        Assert.Throws<ArgumentOutOfRangeException>(() => RunMonitoring.Indicator("≥120个", "40", 13, Settings));
    }

    [Fact]
    public void The_message_shows_the_expected_share()
    {
        var result = RunMonitoring.Indicator("≥100个", "30个", 6, Settings);
        Assert.Equal("完成值 30.00个，按序时应完成 50.00个（全年 ≥100.00个 × 6/12），为应完成的 60.00%，黄灯。", result.Message);
    }
}

public class CombiningMonitoringLights
{
    [Theory]
    [InlineData(new[] { RunLight.Green, RunLight.Yellow, RunLight.Green }, RunLight.Yellow)]
    [InlineData(new[] { RunLight.Green, RunLight.Blue }, RunLight.Blue)]
    [InlineData(new[] { RunLight.Blue, RunLight.Red, RunLight.Yellow }, RunLight.Red)]
    [InlineData(new[] { RunLight.None, RunLight.Green }, RunLight.Green)]
    [InlineData(new RunLight[0], RunLight.None)]
    public void A_project_shows_the_worst_light_of_its_indicators_and_funds(RunLight[] lights, RunLight expected) =>
        Assert.Equal(expected, RunMonitoring.Worst(lights));

    [Theory]
    [InlineData(Likelihood.Certain, RunLight.Green, false)]
    [InlineData(Likelihood.Certain, RunLight.Yellow, false)]
    [InlineData(Likelihood.Certain, RunLight.Red, true)]
    [InlineData(Likelihood.Possible, RunLight.Green, true)]
    [InlineData(Likelihood.Impossible, RunLight.Blue, true)]
    public void Causes_and_corrective_measures_are_required_when_not_certain_or_red(Likelihood likelihood, RunLight light, bool required) =>
        Assert.Equal(required, RunMonitoring.NeedsExplanation(likelihood, light));

    [Fact]
    public void The_causes_are_the_five_official_ones_in_order() =>
        Assert.Equal(["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"], RunMonitoring.Causes.Select(c => c.Name));

    [Theory]
    [InlineData(6, new double[] { 20, 50, 80, 100 }, 50)]
    [InlineData(2, new double[] { 20, 50, 80, 100 }, 16.666666666666666666666666667)]
    [InlineData(11, new double[] { 20, 50, 80, 100 }, 80)]
    public void The_benchmark_at_a_month(int month, double[] plan, double expected) =>
        Assert.Equal((decimal)expected, Math.Round(RunMonitoring.Benchmark(Plans.Standard(plan), month), 10), 10);
}

public class SpendingByMonth
{
    private static readonly SpendingActual[] Recorded = [new(3, 10_000m), new(6, 40_000m), new(10, 70_000m)];

    [Theory]
    [InlineData(1, null, null)]
    [InlineData(2, null, null)]
    [InlineData(3, null, 10_000.0)]
    [InlineData(5, null, 10_000.0)]
    [InlineData(6, null, 40_000.0)]
    [InlineData(9, null, 40_000.0)]
    [InlineData(11, null, 70_000.0)]
    [InlineData(12, null, 70_000.0)]
    [InlineData(11, 95_000.0, 70_000.0)]
    [InlineData(12, 95_000.0, 95_000.0)]
    public void The_spend_at_a_month_is_the_last_recorded_and_the_year_end_figure_in_december(int month, double? executed, double? spent) =>
        Assert.Equal((decimal?)spent, MonitoringLight.SpentBy(Recorded, (decimal?)executed, month));

    [Fact]
    public void The_year_end_figure_supersedes_a_december_checkpoint() =>
        Assert.Equal(90_000m, MonitoringLight.SpentBy([new(12, 100_000m)], 90_000m, 12));

    [Fact]
    public void Nothing_recorded_is_no_spend() =>
        Assert.Null(MonitoringLight.SpentBy([], null, 12));

    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(true, false, 10)]
    [InlineData(false, true, 12)]
    [InlineData(true, true, 12)]
    public void The_last_recorded_month(bool checkpoints, bool executed, int month) =>
        Assert.Equal(month, MonitoringLight.LastRecordedMonth(checkpoints ? Recorded : [], executed ? 1m : null));

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(3, 25_000.0)]
    [InlineData(7, 50_000.0)]
    [InlineData(12, 100_000.0)]
    public void The_planned_spend_is_the_budget_times_the_last_checkpoint_passed(int month, double planned) =>
        Assert.Equal((decimal)planned, MonitoringLight.PlannedSpend(100_000m, Plans.Standard(25, 50, 75, 100), month));
}
