using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Tests.Rules;

namespace PerformanceTargets.Domain.Tests.Department;

internal static class DepartmentSample
{
    public static readonly DateTimeOffset At = new(2021, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static DepartmentTable Draft(params DepartmentIndicator[] indicators)
    {
        var table = new DepartmentTable(1, 2021, "测试单位");
        table.SetContents(
            "测试单位", "负责全区经济发展规划。", "完成年度重点工作。", "元",
            [new DepartmentIncome(0, "一般公共预算", 80_000m), new DepartmentIncome(0, "其他资金", 20_000m)],
            [new DepartmentTask(0, "招商引资", "举办推介会", 50_000m, "引进项目 3 个")],
            indicators.Length > 0 ? indicators : [new DepartmentIndicator("产出指标", "数量指标", "推介会次数", "≥2次")]);
        return table;
    }

    public static DepartmentTable Approved(params DepartmentIndicator[] indicators)
    {
        var table = Draft(indicators);
        table.Submit("finance", At);
        table.Decide(approve: true, "head", At, null, "{}");
        return table;
    }
}

public class DepartmentWorkflow
{
    [Fact]
    public void A_draft_is_submitted_then_approved_with_history()
    {
        var table = DepartmentSample.Draft();
        Assert.Equal(100_000m, table.TotalBudget);
        table.Submit("finance", DepartmentSample.At);
        Assert.False(table.IsEditable);
        table.Decide(approve: true, "head", DepartmentSample.At, "同意", "{\"snapshot\":1}");
        Assert.Equal(ProjectStatus.Approved, table.Status);
        Assert.Equal("{\"snapshot\":1}", table.ApprovedSnapshot);
        Assert.Equal([ProjectStatus.Submitted, ProjectStatus.Approved], table.History.Select(h => h.To));
        Assert.Equal("同意", table.History[^1].Comment);
    }

    [Fact]
    public void A_return_needs_a_reason_and_makes_the_table_editable_again()
    {
        var table = DepartmentSample.Draft();
        table.Submit("finance", DepartmentSample.At);
        Assert.Throws<DomainException>(() => table.Decide(approve: false, "head", DepartmentSample.At, " "));
        table.Decide(approve: false, "head", DepartmentSample.At, "指标不完整");
        Assert.Equal(ProjectStatus.Returned, table.Status);
        Assert.Equal("指标不完整", table.PendingReturn?.Comment);
        Assert.True(table.IsEditable);
        table.SetContents(table.UnitName, table.Duties, "改后的目标", "元", table.Incomes, table.Tasks, table.Indicators.Select(i => i.Copy()));
        Assert.Equal(ProjectStatus.Draft, table.Status);
    }

    [Theory]
    [InlineData(ProjectStatus.Submitted)]
    [InlineData(ProjectStatus.Approved)]
    public void Submitted_and_approved_tables_are_not_editable(ProjectStatus status)
    {
        var table = DepartmentSample.Draft();
        table.Submit("finance", DepartmentSample.At);
        if (status == ProjectStatus.Approved)
        {
            table.Approve("head", DepartmentSample.At, null, "{}");
        }

        var ex = Assert.Throws<DomainException>(() => table.SetContents("x", "", "", "元", [], [], []));
        Assert.Contains("不能修改", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => table.Submit("finance", DepartmentSample.At));
    }

    [Fact]
    public void An_adjustment_reopens_only_an_approved_table_as_a_draft_with_its_reason_and_keeps_the_approved_snapshot()
    {
        var draft = DepartmentSample.Draft();
        Assert.Throws<DomainException>(() => draft.Adjust("finance", DepartmentSample.At, "理由"));

        var table = DepartmentSample.Approved();
        Assert.Throws<DomainException>(() => table.Adjust("finance", DepartmentSample.At, "  "));
        Assert.Equal(ProjectStatus.Approved, table.Status);

        table.Adjust("finance", DepartmentSample.At, " 年中追加预算 ");
        Assert.Equal(ProjectStatus.Draft, table.Status);
        Assert.True(table.IsEditable);
        Assert.False(table.CanTakeActuals);
        Assert.Equal("{}", table.ApprovedSnapshot);
        var last = table.History[^1];
        Assert.Equal((ProjectStatus.Approved, ProjectStatus.Draft, "年中追加预算"), (last.From, last.To, last.Comment));

        // It goes through the review again.
        table.Submit("finance", DepartmentSample.At);
        Assert.Equal(ProjectStatus.Submitted, table.Status);
    }

    [Fact]
    public void Only_a_submitted_table_is_decided()
    {
        var table = DepartmentSample.Draft();
        Assert.Throws<DomainException>(() => table.Decide(approve: true, "head", DepartmentSample.At, null));
    }

    [Fact]
    public void A_table_without_indicators_cannot_be_submitted()
    {
        var table = new DepartmentTable(1, 2021, "测试单位");
        table.SetContents("测试单位", "", "目标", "元", [], [], []);
        var ex = Assert.Throws<DomainException>(() => table.Submit("finance", DepartmentSample.At));
        Assert.Contains("绩效指标", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "不能为负数")]
    [InlineData(0.001, "超出允许范围")]
    public void Amounts_follow_the_amount_rule(double amount, string message)
    {
        var table = new DepartmentTable(1, 2021, "测试单位");
        var ex = Assert.Throws<DomainException>(() => table.SetContents("测试单位", "", "", "元", [new DepartmentIncome(0, "财政拨款", (decimal)amount)], [], []));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actuals_only_on_an_approved_table()
    {
        var table = DepartmentSample.Draft();
        Assert.Throws<DomainException>(() => table.RecordActual(table.Indicators[0], "3次", null, null));
        Assert.Throws<DomainException>(() => table.RecordExecution(1m));
    }

    [Fact]
    public void A_quantitative_indicator_takes_no_typed_score()
    {
        var table = DepartmentSample.Approved();
        var ex = Assert.Throws<DomainException>(() => table.RecordActual(table.Indicators[0], "3次", 5m, null));
        Assert.Contains("定量指标", ex.Message, StringComparison.Ordinal);
    }
}

public class DepartmentScoring
{
    [Theory]
    [InlineData("100人", "95%", "100%", "100%", 100_000)]
    [InlineData("80人", "85%", "50%", "90%", 60_000)]
    [InlineData("0人", "0%", "0%", "0%", null)]
    public void The_self_evaluation_equals_a_projects_for_the_same_indicators(string a, string b, string c, string d, int? executed)
    {
        var project = ProjectBuilder.Standard(c, d).WithBudget(100_000m, executed).Build();
        var actuals = new[] { a, b, c, d };
        var table = DepartmentSample.Approved([.. project.Indicators.Select(i => new DepartmentIndicator(i.Level1, i.Level2, i.Name, i.Value))]);
        table.RecordExecution(executed);
        foreach (var (row, k) in table.Indicators.Select((r, k) => (r, k)))
        {
            table.RecordActual(row, k < 2 ? actuals[k] : project.Indicators[k].Actual, null, "已分析");
        }

        var projectScore = ProjectScorer.Score(ProjectBuilderWith(project, a, b), EvaluationSettings.National(2021));
        var departmentScore = table.Score(EvaluationSettings.National(2021));
        Assert.Equal(projectScore.Total, departmentScore.Total);
        Assert.Equal(projectScore.Grade, departmentScore.Grade);
        Assert.Equal(projectScore.Indicators.Select(i => i.Points), departmentScore.Indicators.Select(i => i.Points));
    }

    [Fact]
    public void A_measure_unit_completes_a_bare_number()
    {
        var row = new DepartmentIndicator("产出指标", "质量指标", "验收合格率", "≥95") { MeasureUnit = "%" };
        Assert.Equal("≥95%", row.ToIndicator().Value);
        Assert.Equal("≥95", row.Value);
    }

    private static BudgetProject ProjectBuilderWith(BudgetProject project, string first, string second)
    {
        // The standard project with the first two actuals replaced.
        var builder = new ProjectBuilder().WithBudget(project.Budget, project.Executed);
        foreach (var (i, k) in project.Indicators.Select((i, k) => (i, k)))
        {
            builder.With(i.Level1, i.Level2, i.Name, i.Value, k == 0 ? first : k == 1 ? second : i.Actual);
        }

        return builder.Build();
    }
}

public class DepartmentValueTypeChecks
{
    [Theory]
    [InlineData("28.8万元", null, "%", true)]
    [InlineData("28.8万元", "定量", "元", false)]
    [InlineData("≥95%", "定量", "百分比", false)]
    [InlineData("按月安排", "定量", "", true)]
    [InlineData("按月安排", "定性", "", false)]
    [InlineData("按月安排", null, "", false)]
    [InlineData("≥90", "定性", "%", false)]
    [InlineData("12", "定性", "", false)]
    [InlineData("3个", "定量", "人", true)]
    public void A_value_contradicting_its_type_or_unit_is_warned(string value, string? type, string unit, bool warned)
    {
        Assert.True(IndicatorValueTypes.TryParse(type, out var parsed));
        var warnings = QualityReview.ReviewValueType(value, parsed, unit, "测试指标", 1);
        Assert.Equal(warned, warnings.Any(w => w.Code == QualityReview.ValueTypeMismatch));
    }

    [Fact]
    public void The_table_review_includes_the_type_checks_and_the_project_rules()
    {
        var table = DepartmentSample.Draft(
            new DepartmentIndicator("产出指标", "数量指标", "项目资金", "28.8万元") { MeasureUnit = "%", ValueType = IndicatorValueType.Quantitative },
            new DepartmentIndicator("产出指标", "时效指标", "资金拨付", "按月安排") { ValueType = IndicatorValueType.Quantitative },
            new DepartmentIndicator("效益指标", "社会效益指标", "群众获得感", "进一步提升") { ValueType = IndicatorValueType.Qualitative });
        var codes = QualityReview.Review(table).Select(w => (w.Code, w.IndicatorOrder)).ToList();
        Assert.Contains((QualityReview.ValueTypeMismatch, (int?)1), codes);
        Assert.Contains((QualityReview.ValueTypeMismatch, (int?)2), codes);
        Assert.Contains((QualityReview.VagueValue, (int?)3), codes);
        Assert.DoesNotContain((QualityReview.ValueTypeMismatch, (int?)3), codes);
        Assert.Contains(codes, c => c.Code == QualityReview.MissingCategory);
    }
}
