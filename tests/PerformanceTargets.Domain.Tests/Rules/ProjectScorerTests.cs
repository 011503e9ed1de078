using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>Builds small projects for scoring and review tests.</summary>
internal sealed class ProjectBuilder
{
    private readonly List<Indicator> _indicators = [];
    private decimal _budget = 100_000m;
    private decimal? _executed = 100_000m;

    public ProjectBuilder WithBudget(decimal budget, decimal? executed)
    {
        _budget = budget;
        _executed = executed;
        return this;
    }

    public ProjectBuilder With(string level1, string level2, string name, string value, string? actual = null, decimal? weight = null, decimal? explicitScore = null, string description = "")
    {
        _indicators.Add(new Indicator(level1, level2, name, description, value, "年度工作计划") { Actual = actual, Weight = weight, ActualScore = explicitScore, DeviationReason = "已分析" });
        return this;
    }

    public BudgetProject Build()
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目") { Executed = _executed };
        project.SetBasics("P001", "测试项目", _budget, _budget, 0m, "测试");
        project.SetIndicators(_indicators);
        return project;
    }

    /// <summary>产出 two indicators (25 each), 效益 one (30) at ≥100%, 满意度 one (10) at ≥100%.</summary>
    public static ProjectBuilder Standard(string benefitActual, string satisfactionActual) => new ProjectBuilder()
        .With("产出指标", "数量指标", "培训人数", "≥100人", "100人")
        .With("产出指标", "质量指标", "合格率", "≥90%", "95%")
        .With("效益指标", "社会效益指标", "覆盖率", "≥100%", benefitActual)
        .With("满意度指标", "服务对象满意度指标", "满意度", "≥100%", satisfactionActual);
}

public class ScoringBudgetExecution
{
    [Theory]
    [InlineData(100, 100, 10)]
    [InlineData(100, 150, 10)]
    [InlineData(100, 50, 5)]
    [InlineData(100, 0, 0)]
    [InlineData(2000000, 1999999.99, 9.99999995)]
    public void Execution_scores_ten_times_the_rate_capped_at_ten(double budget, double executed, double points) =>
        Assert.Equal((decimal)points, ProjectScorer.ScoreExecution((decimal)budget, (decimal)executed, 10m).Points);

    [Fact]
    public void A_zero_budget_scores_zero_and_is_flagged_never_divides()
    {
        var score = ProjectScorer.ScoreExecution(0m, 100m, 10m);
        Assert.Equal(0m, score.Points);
        Assert.Null(score.RatePercent);
        Assert.Contains(score.Notes, n => n.Code == ScoreNote.ZeroBudget);
    }

    [Fact]
    public void A_blank_executed_amount_is_not_filled() =>
        Assert.Contains(ProjectScorer.ScoreExecution(100m, null, 10m).Notes, n => n.Code == ScoreNote.NotFilled);

    [Fact]
    public void A_negative_executed_amount_counts_as_zero()
    {
        var score = ProjectScorer.ScoreExecution(100m, -5m, 10m);
        Assert.Equal(0m, score.Points);
        Assert.Contains(score.Notes, n => n.Code == ScoreNote.NegativeActual);
    }

    [Fact]
    public void The_adjusted_budget_replaces_the_project_budget()
    {
        var project = ProjectBuilder.Standard("100%", "100%").WithBudget(100_000m, 50_000m).Build();
        Assert.Equal(5m, ProjectScorer.Score(project, Scoring.Settings).Execution.Points);
        Assert.Equal(10m, ProjectScorer.Score(project, Scoring.Settings, adjustedBudget: 50_000m).Execution.Points);
    }
}

public class AllocatingWeightsWithinAGroup
{
    private static List<Indicator> Indicators(params decimal?[] weights) =>
        [.. weights.Select((w, k) => new Indicator("产出指标", "数量指标", $"指标{k}", "", "1个", "") { Weight = w })];

    [Theory]
    [InlineData(50, 3)]
    [InlineData(50, 4)]
    [InlineData(30, 7)]
    [InlineData(10, 1)]
    public void Without_explicit_weights_the_group_weight_is_split_evenly_and_adds_up_exactly(double groupWeight, int count)
    {
        Assert.True(ProjectScorer.TryAllocateWeights("产出指标", Indicators(new decimal?[count]), (decimal)groupWeight, out var weights, out _));
        Assert.Equal((decimal)groupWeight, weights.Sum());
        Assert.All(weights, w => Assert.Equal(Scores.Display((decimal)groupWeight / count), Scores.Display(w)));
    }

    [Fact]
    public void Explicit_weights_that_add_up_are_used()
    {
        Assert.True(ProjectScorer.TryAllocateWeights("产出指标", Indicators(20m, 20m, 10m), 50m, out var weights, out _));
        Assert.Equal([20m, 20m, 10m], weights);
    }

    [Theory]
    [InlineData(new double[] { 20, 20, 5 }, "合计为 45")]
    [InlineData(new double[] { 30, 30 }, "合计为 60")]
    public void Explicit_weights_that_do_not_add_up_are_refused(double[] given, string reason)
    {
        Assert.False(ProjectScorer.TryAllocateWeights("产出指标", Indicators([.. given.Select(g => (decimal?)g)]), 50m, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Some_explicit_and_some_blank_is_refused()
    {
        Assert.False(ProjectScorer.TryAllocateWeights("产出指标", Indicators(25m, null), 50m, out _, out var error));
        Assert.Contains("有的三级指标填写了分值、有的没有", error, StringComparison.Ordinal);
    }
}

public class ScoringAProject
{
    [Theory]
    [InlineData("100%", "100%", 100, "优")]
    [InlineData("100%", "0%", 90, "优")]
    [InlineData("99.9%", "0.2%", 89.99, "良")]
    [InlineData("100%", "0", 90, "优")]
    [InlineData("66.6666666666666666666666666667%", "0%", 80, "良")]
    [InlineData("0%", "0%", 60, "中")]
    [InlineData("0%", "0%", 59.99, "差")]
    public void The_total_is_execution_plus_groups_and_its_grade_uses_the_unrounded_total(string benefit, string satisfaction, double total, string grade)
    {
        var builder = ProjectBuilder.Standard(benefit, satisfaction);
        if (total == 59.99)
        {
            builder.WithBudget(100_000m, 99_900m);
        }

        var score = ProjectScorer.Score(builder.Build(), Scoring.Settings);
        Assert.True(score.IsComplete, string.Join("；", score.Errors));
        Assert.Equal((decimal)total, Scores.Display(score.Total));
        Assert.Equal(grade, score.Grade);
    }

    [Fact]
    public void A_total_that_displays_as_60_but_is_59_999_rates_差()
    {
        var score = ProjectScorer.Score(ProjectBuilder.Standard("0%", "0%").WithBudget(100_000m, 99_990m).Build(), Scoring.Settings);
        Assert.Equal(59.999m, score.Total);
        Assert.Equal(60.00m, score.DisplayTotal);
        Assert.Equal("差", score.Grade);
    }

    [Fact]
    public void Three_equal_shares_at_full_marks_add_up_to_exactly_the_group_weight()
    {
        var project = new ProjectBuilder()
            .With("产出指标", "数量指标", "甲", "1个", "1个").With("产出指标", "质量指标", "乙", "1个", "1个").With("产出指标", "时效指标", "丙", "1个", "1个")
            .With("效益指标", "社会效益指标", "丁", "1个", "1个").With("满意度指标", "服务对象满意度指标", "戊", "1个", "0个")
            .Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.Equal(50m, score.Groups.Single(g => g.Level1 == "产出指标").Points);
        Assert.Equal(90m, score.Total);
        Assert.Equal("优", score.Grade);
    }

    [Fact]
    public void Half_marks_on_benefit_and_satisfaction_make_80_and_良()
    {
        var score = ProjectScorer.Score(ProjectBuilder.Standard("50%", "50%").Build(), Scoring.Settings);
        Assert.Equal(10m + 50m + 15m + 5m, score.Total);
        Assert.Equal("良", score.Grade);
    }

    [Fact]
    public void A_refused_indicator_makes_the_project_incomplete_without_a_grade()
    {
        var score = ProjectScorer.Score(ProjectBuilder.Standard("2人", "100%").Build(), Scoring.Settings);
        Assert.False(score.IsComplete);
        Assert.Null(score.Grade);
        Assert.Contains(score.Errors, e => e.StartsWith("覆盖率：", StringComparison.Ordinal) && e.Contains("无法换算", StringComparison.Ordinal));
    }

    [Fact]
    public void A_level1_without_a_configured_weight_is_refused()
    {
        var project = ProjectBuilder.Standard("100%", "100%").With("成本指标", "经济成本指标", "单位成本", "≤100元", "90元").Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.Contains(score.Errors, e => e.Contains("“成本指标”在 2021 年的评分设置中没有权重", StringComparison.Ordinal));
    }

    [Fact]
    public void Indicators_group_by_their_trimmed_level1_in_their_given_order_and_unknown_groups_are_refused_in_order_of_appearance()
    {
        var project = new ProjectBuilder()
            .With("成本指标", "经济成本指标", "单位成本", "≤100元", "90元")
            .With("产出指标", "数量指标", "培训人数", "≥100人", "50人")
            .With(" 效益指标 ", "社会效益指标", "覆盖率", "≥90%", "90%")
            .With("时效指标", "时效指标", "完成时间", "≤12月", "12月")
            .With("产出指标 ", "质量指标", "合格率", "≥90%", "90%")
            .With("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "90%")
            .Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.Equal(["产出指标", "效益指标", "满意度指标"], score.Groups.Select(g => g.Level1));
        Assert.Equal(["培训人数", "合格率"], score.Groups[0].Indicators.Select(i => i.Name));
        Assert.Equal([12.5m, 25m], score.Groups[0].Indicators.Select(i => i.Points));
        Assert.Equal(["覆盖率"], score.Groups[1].Indicators.Select(i => i.Name));
        Assert.Equal(2, score.Errors.Count);
        Assert.Contains("“成本指标”", score.Errors[0], StringComparison.Ordinal);
        Assert.Contains("“时效指标”", score.Errors[1], StringComparison.Ordinal);
        Assert.Equal(10m + 37.5m + 30m + 10m, score.Total);
    }

    [Fact]
    public void A_group_without_indicators_cannot_earn_its_weight_and_is_noted()
    {
        var project = new ProjectBuilder().With("产出指标", "数量指标", "培训人数", "≥100人", "100人").With("效益指标", "社会效益指标", "覆盖率", "≥90%", "90%").Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.Equal(90m, score.Total);
        Assert.Contains(score.Notes, n => n.Code == ScoreNote.EmptyGroup && n.Message.StartsWith("满意度指标", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_come_from_the_year_settings()
    {
        var settings = Scoring.Settings with
        {
            ExecutionWeight = 20m,
            GroupWeights = new Dictionary<string, decimal> { ["产出指标"] = 40m, ["效益指标"] = 30m, ["满意度指标"] = 10m },
        };
        var score = ProjectScorer.Score(ProjectBuilder.Standard("100%", "0%").WithBudget(100m, 50m).Build(), settings);
        Assert.Equal(10m, score.Execution.Points);
        Assert.Equal(40m, score.Groups.Single(g => g.Level1 == "产出指标").Points);
        Assert.Equal(80m, score.Total);
    }

    [Fact]
    public void Invalid_settings_are_refused_before_scoring()
    {
        var settings = Scoring.Settings with { ExecutionWeight = 15m };
        var score = ProjectScorer.Score(ProjectBuilder.Standard("100%", "100%").Build(), settings);
        Assert.Null(score.Grade);
        Assert.Contains(score.Errors, e => e.Contains("合计为 105", StringComparison.Ordinal));
    }

    [Fact]
    public void Explicit_scores_and_qualitative_tiers_combine()
    {
        var project = new ProjectBuilder()
            .With("产出指标", "数量指标", "培训人数", "≥100人", "50人", weight: 30m)
            .With("产出指标", "时效指标", "及时性", "及时", "部分达成", weight: 20m, explicitScore: 13m)
            .With("效益指标", "社会效益指标", "社会效益", "是", "达成")
            .With("满意度指标", "服务对象满意度指标", "满意度", "满意", "未达成")
            .Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.Equal(10m + 15m + 13m + 30m + 3m, score.Total);
        Assert.Equal("中", score.Grade);
    }
}

public class ValidatingEvaluationSettings
{
    [Fact]
    public void The_national_defaults_are_10_50_30_10_and_valid()
    {
        var settings = EvaluationSettings.National(2021);
        Assert.Equal(10m, settings.ExecutionWeight);
        Assert.Equal([50m, 30m, 10m], settings.GroupWeights.Values);
        Assert.Equal(130m, settings.TargetTooLowPercent);
        Assert.Equal(MonitoringThresholds.National, settings.Monitoring);
        Assert.Empty(settings.Validate());
    }

    public static TheoryData<EvaluationSettings, string> Invalid => new()
    {
        { EvaluationSettings.National(2021) with { ExecutionWeight = 20m }, "应为 100" },
        { EvaluationSettings.National(2021) with { ExecutionWeight = -10m, GroupWeights = new Dictionary<string, decimal> { ["产出指标"] = 110m } }, "不能为负数" },
        { EvaluationSettings.National(2021) with { TargetTooLowPercent = 100m }, "应大于 100%" },
        { EvaluationSettings.National(2021) with { Monitoring = new(80m, 60m) }, "监控阈值" },
        { EvaluationSettings.National(2021) with { QualitativeTiers = [new("达成", 0.8m, 1m, true, 0.5m)] }, "定性档次“达成”" },
        { EvaluationSettings.National(2021) with { QualitativeTiers = [] }, "至少要有一个" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Inconsistent_settings_are_reported_in_chinese(EvaluationSettings settings, string reason) =>
        Assert.Contains(settings.Validate(), e => e.Contains(reason, StringComparison.Ordinal));
}

public class KeepingTheBudgetConsistent
{
    [Fact]
    public void Fiscal_plus_other_funds_must_equal_the_budget()
    {
        var project = new BudgetProject(1, 2021, "P", "项目");
        var error = Assert.Throws<DomainException>(() => project.SetBasics("P", "项目", 2_000_000.00m, 1_500_000.00m, 400_000.00m, ""));
        Assert.Contains("与预算数", error.Message, StringComparison.Ordinal);
    }
}
