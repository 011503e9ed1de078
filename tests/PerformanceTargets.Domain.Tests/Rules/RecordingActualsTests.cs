using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>An approved project with one quantitative and one qualitative indicator, for recording actuals.</summary>
internal static class Approved
{
    public static BudgetProject Project(bool approve = true)
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目");
        project.SetBasics("P001", "测试项目", 100_000m, 100_000m, 0m, "测试");
        project.SetSpendingPlan(Plans.Standard(25, 50, 75, 100));
        project.SetIndicators(
        [
            new Indicator("产出指标", "数量指标", "培训人数", string.Empty, "≥100人", "年度工作计划"),
            new Indicator("效益指标", "社会效益指标", "营商环境", string.Empty, "持续改善", "年度工作计划"),
        ]);
        project.Submit("fin", DateTimeOffset.UnixEpoch);
        if (approve)
        {
            project.Approve("head", DateTimeOffset.UnixEpoch, null, "{}");
        }

        return project;
    }

    public static Indicator Quantitative(BudgetProject project) => project.Indicators[0];

    public static Indicator Qualitative(BudgetProject project) => project.Indicators[1];
}

public class RecordingAnIndicatorsActual
{
    [Fact]
    public void The_actual_and_reason_are_kept_trimmed_and_blank_means_none()
    {
        var project = Approved.Project();
        project.RecordActual(Approved.Quantitative(project), "  95人 ", null, " 培训场地不足 ");
        project.RecordActual(Approved.Qualitative(project), "达成", 8.5m, "   ");
        Assert.Equal("95人", Approved.Quantitative(project).Actual);
        Assert.Equal("培训场地不足", Approved.Quantitative(project).DeviationReason);
        Assert.Equal("达成", Approved.Qualitative(project).Actual);
        Assert.Equal(8.5m, Approved.Qualitative(project).ActualScore);
        Assert.Null(Approved.Qualitative(project).DeviationReason);

        project.RecordActual(Approved.Quantitative(project), " ", null, null);
        Assert.Null(Approved.Quantitative(project).Actual);
    }

    [Theory]
    [InlineData("95人", 9.0, "是定量指标")]
    [InlineData(null, 9.0, "是定量指标")]
    public void A_quantitative_indicator_takes_no_typed_score(string? actual, double score, string refusal)
    {
        var project = Approved.Project();
        var indicator = Approved.Quantitative(project);
        var ex = Assert.Throws<DomainException>(() => project.RecordActual(indicator, actual, (decimal)score, null));
        Assert.Contains(refusal, ex.Message, StringComparison.Ordinal);
        Assert.Null(indicator.Actual);
        Assert.Null(indicator.ActualScore);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_typed_score_needs_the_tier_it_scores(string? actual)
    {
        var project = Approved.Project();
        var ex = Assert.Throws<DomainException>(() => project.RecordActual(Approved.Qualitative(project), actual, 8m, null));
        Assert.Contains("没有填写实际完成值", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("产出指标", "≥100人", null, null, true)]
    [InlineData("产出指标", "≥100人", "95人", null, true)]
    [InlineData("产出指标", "≥100人", "95人", 9.0, false)]
    [InlineData("效益指标", "持续改善", "达成", 9.0, true)]
    [InlineData("效益指标", "持续改善", null, 9.0, false)]
    public void The_typed_score_rule(string level1, string value, string? actual, double? score, bool allowed)
    {
        var indicator = new Indicator(level1, "数量指标", "指标", string.Empty, value, "年度工作计划");
        Assert.Equal(allowed, BudgetProject.WhyNoTypedScore(indicator, actual, (decimal?)score) is null);
    }

    [Fact]
    public void A_project_not_yet_approved_takes_no_actual()
    {
        var project = Approved.Project(approve: false);
        var ex = Assert.Throws<DomainException>(() => project.RecordActual(Approved.Qualitative(project), "达成", null, null));
        Assert.Equal(project.WhyNoActuals, ex.Message);
    }

    [Fact]
    public void An_indicator_of_another_project_is_refused()
    {
        var project = Approved.Project();
        var other = Approved.Project();
        Assert.Throws<DomainException>(() => project.RecordActual(Approved.Qualitative(other), "达成", null, null));
        Assert.Null(Approved.Qualitative(other).Actual);
    }

    [Fact]
    public void What_is_recorded_is_what_the_rules_engine_scores()
    {
        var project = Approved.Project();
        project.RecordExecution(100_000m, []);
        project.RecordActual(Approved.Quantitative(project), "100人", null, null);
        project.RecordActual(Approved.Qualitative(project), "达成", null, null);
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.DoesNotContain(score.Indicators, s => s.IsRefused);
        Assert.False(score.IsUnrated);
    }
}

public class RecordingASubGoalsCompletion
{
    private static UnitPlan Plan()
    {
        var plan = new UnitPlan(1, 2021);
        plan.ReplaceSubGoals(
        [
            new SubGoal("综合办公", null, "提高行政管理服务质量。", "综合办公日常运转率", "90%以上为优", RatingBandSet.National.Bands),
        ]);
        return plan;
    }

    [Theory]
    [InlineData(95.5)]
    [InlineData(0.0)]
    [InlineData(150.0)]
    [InlineData(null)]
    public void A_rate_the_bands_can_rate_is_kept_as_reported(double? rate)
    {
        var plan = Plan();
        plan.RecordCompletion(plan.SubGoals[0], (decimal?)rate);
        Assert.Equal((decimal?)rate, plan.SubGoals[0].CompletionRate);
    }

    [Fact]
    public void A_negative_rate_is_refused_and_nothing_changes()
    {
        var plan = Plan();
        plan.RecordCompletion(plan.SubGoals[0], 80m);
        var ex = Assert.Throws<DomainException>(() => plan.RecordCompletion(plan.SubGoals[0], -1m));
        Assert.Contains("负数", ex.Message, StringComparison.Ordinal);
        Assert.Equal(80m, plan.SubGoals[0].CompletionRate);
    }

    [Fact]
    public void A_sub_goal_of_another_plan_is_refused() =>
        Assert.Throws<DomainException>(() => Plan().RecordCompletion(Plan().SubGoals[0], 90m));
}
