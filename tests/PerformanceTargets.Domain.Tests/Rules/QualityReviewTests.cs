using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

internal static class Review
{
    public static IReadOnlyList<string> Codes(string level2, string name, string value, decimal? budget = null, string description = "", string level1 = "产出指标") =>
        [.. QualityReview.ReviewIndicator(new Indicator(level1, level2, name, description, value, "年度工作计划") { Order = 1 }, budget).Select(w => w.Code)];
}

public class WarningAboutIndicatorValues
{
    [Theory]
    [InlineData("经济效益指标", "提高工作效率", "提高", "vague-value")]
    [InlineData("社会效益指标", "业务工作稳定性", "进一步推动", "vague-value")]
    [InlineData("生态效益指标", "保障社会发展", "进一步保障", "vague-value")]
    [InlineData("社会效益指标", "服务水平", "明显改善", "vague-value")]
    [InlineData("成本指标", "控制在预算资金内", "是/否", "undecided-value")]
    [InlineData("质量指标", "验收", "合格／不合格", "undecided-value")]
    [InlineData("质量指标", "验收", "是或否", "undecided-value")]
    [InlineData("数量指标", "监测站位数量", "是", "quantity-not-numeric")]
    [InlineData("质量指标", "工资及保险发放准确率", "2人", "unit-mismatch")]
    [InlineData("时效指标", "按期完成比例", "≥3个", "unit-mismatch")]
    [InlineData("质量指标", "合格率", "≥120%", "unit-mismatch")]
    [InlineData("数量指标", "培训人数", "≥90%", "unit-mismatch")]
    [InlineData("成本指标", "控制在预算资金内", "控制在预算资金内", "value-repeats-name")]
    [InlineData("社会效益指标", "提供优质服务", "提供优质服务", "value-repeats-name")]
    public void A_weak_value_gets_its_warning(string level2, string name, string value, string code) =>
        Assert.Contains(code, Review.Codes(level2, name, value));

    [Theory]
    [InlineData("数量指标", "购置率", "≥90百分比")]
    [InlineData("质量指标", "合格率", "100%")]
    [InlineData("质量指标", "合格率", "≥95")]
    [InlineData("数量指标", "支付工资及保险人员数量", "2人")]
    [InlineData("数量指标", "招商引资项目入园个数", "≥2个")]
    [InlineData("时效指标", "及时性", "及时")]
    [InlineData("满意度指标", "满意度", "≥95%")]
    [InlineData("质量指标", "监测数据准确性", "准确")]
    [InlineData("成本指标", "人均成本", "≤500元/人")]
    public void A_sound_value_gets_no_warning(string level2, string name, string value) =>
        Assert.Empty(Review.Codes(level2, name, value, budget: 1_000_000m));

    [Fact]
    public void A_warning_carries_a_chinese_message_the_rule_and_the_indicator_order()
    {
        var warning = Assert.Single(QualityReview.ReviewIndicator(new Indicator("效益指标", "经济效益指标", "提高工作效率", "", "提高", "") { Order = 5 }, null));
        Assert.Equal(new QualityWarning("vague-value", "指标值“提高”含模糊用语“提高”，难以衡量；能量化的请写出具体数值。", "定性指标值含模糊用语：提高", 5), warning);
    }
}

public class WarningAboutCostsAboveTheBudget
{
    [Theory]
    [InlineData("≤300万元", 2_000_000, true)]
    [InlineData("≤200万元", 2_000_000, false)]
    [InlineData("≤2000000.01元", 2_000_000, true)]
    [InlineData("=250万元", 2_000_000, true)]
    [InlineData("100-250万元", 2_000_000, true)]
    [InlineData("≤0.03亿元", 2_000_000, true)]
    [InlineData("≥300万元", 2_000_000, false)]
    [InlineData("≤300万人次", 2_000_000, false)]
    public void A_cost_cap_above_the_budget_is_flagged(string value, double budget, bool flagged) =>
        Assert.Equal(flagged, Review.Codes("成本指标", "项目成本", value, (decimal)budget).Contains(QualityReview.CostExceedsBudget));

    [Fact]
    public void The_2021_cost_level1_is_checked_too() =>
        Assert.Contains(QualityReview.CostExceedsBudget, Review.Codes("经济成本指标", "项目成本", "≤300万元", 2_000_000m, level1: "成本指标"));

    [Fact]
    public void Without_a_budget_the_cost_is_not_checked() =>
        Assert.DoesNotContain(QualityReview.CostExceedsBudget, Review.Codes("成本指标", "项目成本", "≤300万元"));
}

public class WarningAboutTheProjectAsAWhole
{
    [Fact]
    public void A_project_without_benefit_and_satisfaction_indicators_is_flagged_once_each()
    {
        var project = new ProjectBuilder()
            .With("产出指标", "数量指标", "人数", "2人").With("产出指标", "质量指标", "合格率", "100%").With("产出指标", "时效指标", "及时性", "及时")
            .Build();
        var missing = QualityReview.Review(project).Where(w => w.Code == QualityReview.MissingCategory).ToList();
        Assert.Equal(["项目没有效益指标，请补充。", "项目没有满意度指标，请补充。"], missing.Select(w => w.Message));
        Assert.All(missing, w => Assert.Null(w.IndicatorOrder));
    }

    [Fact]
    public void Output_without_quantity_quality_or_timeliness_is_flagged()
    {
        var project = ProjectBuilder.Standard("100%", "100%").Build();
        var warning = Assert.Single(QualityReview.Review(project), w => w.Code == QualityReview.MissingCategory);
        Assert.Equal("产出指标缺少时效指标，请补充。", warning.Message);
    }

    [Fact]
    public void Two_indicators_with_the_same_name_are_flagged_at_the_second()
    {
        var project = ProjectBuilder.Standard("100%", "100%").With("产出指标", "时效指标", " 合格率 ", "100%").Build();
        var warning = Assert.Single(QualityReview.Review(project), w => w.Code == QualityReview.DuplicateName);
        Assert.Equal(5, warning.IndicatorOrder);
        Assert.Contains("与第 2 行重名", warning.Message, StringComparison.Ordinal);
    }
}

public class ReviewingTheSeedDocument
{
    [Fact]
    public void The_seed_warnings_are_the_ones_a_reviewer_would_raise()
    {
        var warnings = SeedDocument.Projects
            .SelectMany((p, k) => QualityReview.Review(p.Project).Select(w => $"{k + 1}.{w.IndicatorOrder}:{w.Code}"))
            .ToHashSet();

        Assert.Contains("2.2:unit-mismatch", warnings);       // 工资及保险发放准确率: 2人
        Assert.Contains("3.2:unit-mismatch", warnings);       // 工资及保险发放准确率: 12人
        Assert.Contains("2.4:undecided-value", warnings);     // 控制在预算资金内: 是/否
        Assert.Contains("1.5:vague-value", warnings);         // 提高工作效率: 提高
        Assert.Contains("2.7:vague-value", warnings);         // 保障社会发展: 进一步保障
        Assert.Contains("5.1:quantity-not-numeric", warnings); // 监测站位数量: 是
        Assert.Contains("1.4:value-repeats-name", warnings);  // 控制在预算资金内: 控制在预算资金内
        Assert.Contains("1.6:value-repeats-name", warnings);  // 提供优质服务: 提供优质服务
        Assert.DoesNotContain(warnings, w => w.EndsWith(":missing-category", StringComparison.Ordinal) || w.EndsWith(":duplicate-name", StringComparison.Ordinal));
        Assert.DoesNotContain("1.1:unit-mismatch", warnings); // 购置率: ≥90百分比 is a percentage
        Assert.DoesNotContain("2.1:unit-mismatch", warnings); // 支付工资及保险人员数量: 2人 is a count
    }
}
