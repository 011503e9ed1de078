using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>Builds a project for the review assistant: a sound one by default, with every category and a cost cap.</summary>
internal static class Assisted
{
    public static Indicator Row(string level1, string level2, string name, string value, string? actual = null) =>
        new(level1, level2, name, string.Empty, value, "年度工作计划") { Actual = actual };

    public static List<Indicator> Sound() =>
    [
        Row("产出指标", "数量指标", "新引进亿元项目个数", "≥8个"),
        Row("产出指标", "质量指标", "验收合格率", "≥95%"),
        Row("产出指标", "时效指标", "完成时间", "2021年12月底前"),
        Row("产出指标", "成本指标", "招商活动成本", "≤20万元"),
        Row("效益指标", "经济效益指标", "新增规上企业数量", "≥3家"),
        Row("效益指标", "社会效益指标", "营商环境", "持续改善"),
        Row("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"),
    ];

    public static BudgetProject Project(IEnumerable<Indicator>? indicators = null, IEnumerable<string>? goals = null, decimal budget = 1_000_000m, int year = 2022)
    {
        var project = new BudgetProject(1, year, "P1", "招商引资");
        project.SetBasics("P1", "招商引资", budget, budget, 0m, "招商");
        project.SetGoals(goals ?? ["1.新引进亿元项目8个以上，新增规上企业3家。"]);
        project.SetIndicators(indicators ?? Sound());
        return project;
    }

    public static IReadOnlyList<string> Codes(BudgetProject project, BudgetProject? lastYear = null, IReadOnlySet<string>? disabled = null) =>
        [.. ReviewAssistant.Review(project, lastYear, disabled).Select(p => p.Code)];
}

public class ReviewingAProjectWithTheAssistant
{
    [Fact]
    public void A_sound_project_raises_no_point() =>
        Assert.Empty(ReviewAssistant.Review(Assisted.Project()));

    [Theory]
    [InlineData("≥90%", "95%", true)] // last year did 95 %, this year asks 90 %
    [InlineData("≥95%", "95%", false)]
    [InlineData("≥96%", "95", false)]
    [InlineData("≥8个", "10个", true)]
    [InlineData("≥1万人次", "12000人次", true)] // 1 万人次 < 1.2 万人次
    [InlineData("≥2万人次", "12000人次", false)]
    [InlineData("≤90%", "95%", false)] // 反向: lower is stricter
    [InlineData("≥90%", "达成", false)] // no number to compare
    public void A_positive_target_below_last_years_actual_is_flagged(string target, string lastActual, bool flagged)
    {
        var indicators = Assisted.Sound();
        indicators[1] = Assisted.Row("产出指标", "质量指标", "验收合格率", target);
        var last = Assisted.Sound();
        last[1] = Assisted.Row("产出指标", "质量指标", "验收合格率", "≥85%", lastActual);
        var lastYear = Assisted.Project(last, ["去年的目标"], year: 2021);

        var codes = Assisted.Codes(Assisted.Project(indicators), lastYear);

        Assert.Equal(flagged, codes.Contains(ReviewAssistant.TargetBelowLastActual));
    }

    [Fact]
    public void Goals_and_indicators_copied_unchanged_from_last_year_are_flagged()
    {
        var lastYear = Assisted.Project(year: 2021);
        var points = ReviewAssistant.Review(Assisted.Project(), lastYear).Where(p => p.Code == ReviewAssistant.CopiedFromLastYear).ToList();

        Assert.Equal(2, points.Count);
        Assert.Contains(points, p => p.Message.Contains("绩效目标与上年完全相同", StringComparison.Ordinal));
        Assert.Contains(points, p => p.Message.Contains("7 项绩效指标及指标值与上年完全相同", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_value_or_goal_is_not_a_copy()
    {
        var indicators = Assisted.Sound();
        indicators[0] = Assisted.Row("产出指标", "数量指标", "新引进亿元项目个数", "≥9个");
        var lastYear = Assisted.Project(year: 2021);

        Assert.DoesNotContain(ReviewAssistant.CopiedFromLastYear, Assisted.Codes(Assisted.Project(indicators, ["1.新引进亿元项目9个以上，新增规上企业3家。"]), lastYear));
    }

    [Theory]
    [InlineData("时效指标", "时效指标")]
    [InlineData("成本指标", "成本指标")]
    public void A_project_without_timeliness_or_cost_indicators_is_flagged(string removedLevel2, string named)
    {
        var indicators = Assisted.Sound().Where(i => i.Level2 != removedLevel2).ToList();
        var point = Assert.Single(ReviewAssistant.Review(Assisted.Project(indicators, ["1.完成招商。"])));
        Assert.Equal(ReviewAssistant.NoTimelinessOrCost, point.Code);
        Assert.Contains(named, point.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_2021_style_cost_level1_counts_as_a_cost_indicator()
    {
        var indicators = Assisted.Sound().Where(i => i.Level2 != "成本指标").Append(Assisted.Row("成本指标", "经济成本指标", "招商活动成本", "≤20万元")).ToList();
        Assert.DoesNotContain(ReviewAssistant.NoTimelinessOrCost, Assisted.Codes(Assisted.Project(indicators)));
    }

    [Fact]
    public void Only_qualitative_benefit_indicators_are_flagged()
    {
        var indicators = Assisted.Sound();
        indicators[4] = Assisted.Row("效益指标", "经济效益指标", "经济发展", "明显促进");
        var point = Assert.Single(ReviewAssistant.Review(Assisted.Project(indicators, ["1.新引进亿元项目8个以上。"])));
        Assert.Equal(ReviewAssistant.QualitativeBenefitsOnly, point.Code);
    }

    [Theory]
    [InlineData("≥79.99%", true)]
    [InlineData("≥80%", false)]
    [InlineData("75-85%", true)]
    [InlineData("满意", false)]
    public void A_satisfaction_target_below_80_percent_is_flagged(string value, bool flagged)
    {
        var indicators = Assisted.Sound();
        indicators[6] = Assisted.Row("满意度指标", "服务对象满意度指标", "企业满意度", value);
        Assert.Equal(flagged, Assisted.Codes(Assisted.Project(indicators)).Contains(ReviewAssistant.SatisfactionBelow80));
    }

    [Fact]
    public void A_cost_cap_above_the_budget_is_on_the_checklist()
    {
        var point = Assert.Single(ReviewAssistant.Review(Assisted.Project(budget: 150_000m)));
        Assert.Equal(ReviewAssistant.CostAboveBudget, point.Code);
        Assert.Equal(4, point.IndicatorOrder);
    }

    [Theory]
    [InlineData("1.新引进亿元项目8个以上，新增规上企业3家。", null)]
    [InlineData("1.新引进亿元项目8个以上，新增规上企业5家。", "5家")]
    [InlineData("1.培训1200人次，2021年底完成。", "1200人次")]
    [InlineData("1.招商活动成本控制在20万元以内。", null)]
    [InlineData("1.招商活动成本控制在200000元以内。", null)] // 20 万元 written in 元
    [InlineData("1.加强招商引资工作。", null)]
    public void A_quantity_in_the_goals_that_no_indicator_measures_is_flagged(string goal, string? unmeasured)
    {
        var points = ReviewAssistant.Review(Assisted.Project(goals: [goal])).Where(p => p.Code == ReviewAssistant.GoalQuantityUnmeasured).ToList();
        if (unmeasured is null)
        {
            Assert.Empty(points);
        }
        else
        {
            Assert.Contains($"“{unmeasured}”", Assert.Single(points).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_check_can_be_switched_off_by_its_code()
    {
        var indicators = Assisted.Sound().Where(i => i.Level2 is not "时效指标").ToList();
        var project = Assisted.Project(indicators, ["1.培训1200人次。"], budget: 150_000m);
        Assert.Equal(3, Assisted.Codes(project).Distinct().Count());

        var disabled = new HashSet<string>(ReviewAssistant.Checks.Select(c => c.Code));
        Assert.Empty(Assisted.Codes(project, Assisted.Project(year: 2021), disabled));
        Assert.Equal([ReviewAssistant.GoalQuantityUnmeasured], Assisted.Codes(project, null, new HashSet<string> { ReviewAssistant.NoTimelinessOrCost, ReviewAssistant.CostAboveBudget }));
    }

    [Fact]
    public void Every_check_has_a_distinct_code_and_a_chinese_label() =>
        Assert.Equal(ReviewAssistant.Checks.Count, ReviewAssistant.Checks.Select(c => c.Code).Distinct().Count());
}
