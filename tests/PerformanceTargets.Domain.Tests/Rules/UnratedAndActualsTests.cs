using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>未评 (nothing entered yet) is not 0 分 差; and only approved goal tables take actuals.</summary>
public class UnratedAndActualsTests
{
    [Fact]
    public void A_project_without_any_actual_is_unrated_without_a_grade()
    {
        var score = ProjectScorer.Score(new ProjectBuilder().WithBudget(100_000m, null)
            .With("产出指标", "数量指标", "培训人数", "≥100人").With("满意度指标", "服务对象满意度指标", "满意度", "≥90%").Build(), Scoring.Settings);
        Assert.True(score.IsUnrated);
        Assert.Null(score.Grade);
        Assert.True(score.IsComplete);
        var rating = ProjectRating.From(new ProjectBuilder().WithBudget(100_000m, null).With("产出指标", "数量指标", "培训人数", "≥100人").Build(), score, Scoring.Settings, DateTimeOffset.UnixEpoch);
        Assert.True(ProjectRating.Unrated.Compile()(rating));
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(null, "10人")]
    public void One_actual_makes_a_project_rated(double? executed, string? actual)
    {
        var project = new ProjectBuilder().WithBudget(100_000m, (decimal?)executed)
            .With("产出指标", "数量指标", "培训人数", "≥100人", actual).Build();
        var score = ProjectScorer.Score(project, Scoring.Settings);
        Assert.False(score.IsUnrated);
        Assert.Equal("差", score.Grade);
    }

    [Theory]
    [InlineData(ProjectStatus.Draft, false)]
    [InlineData(ProjectStatus.Submitted, false)]
    [InlineData(ProjectStatus.Returned, false)]
    [InlineData(ProjectStatus.Approved, true)]
    public void Only_an_approved_project_takes_actuals(ProjectStatus status, bool takes)
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目");
        project.SetSpendingPlan(Plans.Standard(25, 50, 75, 100)); // a project without its plan cannot be submitted
        if (status != ProjectStatus.Draft)
        {
            project.Submit("fin", DateTimeOffset.UnixEpoch);
        }

        if (status == ProjectStatus.Approved)
        {
            project.Approve("head", DateTimeOffset.UnixEpoch, null, "{}");
        }
        else if (status == ProjectStatus.Returned)
        {
            project.Return("head", DateTimeOffset.UnixEpoch, "补充指标");
        }

        Assert.Equal(takes, project.CanTakeActuals);
        if (takes)
        {
            project.RecordExecution(10m, []);
            Assert.Equal(10m, project.Executed);
        }
        else
        {
            var refused = Assert.Throws<DomainException>(() => project.RecordExecution(10m, []));
            Assert.Contains("只有已审核", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_project_adjusted_after_approval_still_takes_actuals()
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目");
        project.SetSpendingPlan(Plans.Standard(25, 50, 75, 100)); // a project without its plan cannot be submitted
        project.Submit("fin", DateTimeOffset.UnixEpoch);
        project.Approve("head", DateTimeOffset.UnixEpoch, null, "{}");
        project.Adjust("fin", DateTimeOffset.UnixEpoch, "预算调减");
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.True(project.CanTakeActuals);
        project.RecordExecution(5m, [new SpendingActual(3, 1m)]);
        Assert.Equal(5m, project.Executed);
    }
}

/// <summary>Issue 16 item 1: a goal's number is its place, shown once; one typed in front of the text is dropped.</summary>
public class GoalNumberingTests
{
    [Theory]
    [InlineData("1.开展培训", "开展培训")]
    [InlineData("2、提升服务", "提升服务")]
    [InlineData(" 3． 保障运转", "保障运转")]
    [InlineData("（4）完成任务", "完成任务")]
    [InlineData("(5)完成任务", "完成任务")]
    [InlineData("10.提升", "提升")]
    [InlineData("1.5万元用于培训", "1.5万元用于培训")]
    [InlineData("2021年完成", "2021年完成")]
    [InlineData("开展培训", "开展培训")]
    public void A_typed_number_is_dropped_and_content_numbers_stay(string typed, string stored)
    {
        Assert.Equal(stored, ProjectGoal.WithoutNumber(typed));
        Assert.Equal("1." + stored, ProjectGoal.Numbered(1, typed));
    }

    [Fact]
    public void A_project_stores_its_goals_without_the_typed_numbers()
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目");
        project.SetSpendingPlan(Plans.Standard(25, 50, 75, 100)); // a project without its plan cannot be submitted
        project.SetGoals(["1.开展培训", "2.提升服务"]);
        Assert.Equal([new ProjectGoal(1, "开展培训"), new ProjectGoal(2, "提升服务")], project.Goals);
    }
}

/// <summary>Issue 16 items 5 and 7: the pending return reason; indicators grouped in the official table's order.</summary>
public class ReturnAndIndicatorOrderTests
{
    [Fact]
    public void The_return_reason_stays_until_the_project_is_resubmitted()
    {
        var project = new BudgetProject(1, 2021, "P001", "测试项目");
        project.SetSpendingPlan(Plans.Standard(25, 50, 75, 100)); // a project without its plan cannot be submitted
        Assert.Null(project.PendingReturn);
        project.Submit("fin", DateTimeOffset.UnixEpoch);
        project.Return("head", DateTimeOffset.UnixEpoch.AddHours(1), "请补充测算依据");
        Assert.Equal("请补充测算依据", project.PendingReturn?.Comment);
        project.SetGoals(["保障运转"]);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Equal("请补充测算依据", project.PendingReturn?.Comment);
        project.Submit("fin", DateTimeOffset.UnixEpoch.AddHours(2));
        Assert.Null(project.PendingReturn);
        project.Approve("head", DateTimeOffset.UnixEpoch.AddHours(3), null, "{}");
        project.Adjust("fin", DateTimeOffset.UnixEpoch.AddHours(4), "预算调减");
        Assert.Null(project.PendingReturn);
    }

    [Fact]
    public void Indicators_are_grouped_by_level1_and_level2_in_standard_order_keeping_the_typed_order_within_a_group()
    {
        (string L1, string L2, string Name)[] typed =
        [
            ("产出指标", "数量指标", "甲"), ("产出指标", "成本指标", "乙"), ("满意度指标", "服务对象满意度指标", "丙"),
            ("产出指标", "数量指标", "丁"), ("效益指标", "社会效益指标", "戊"), ("自定义指标", "其他", "己"),
            ("产出指标", "质量指标", "庚"), ("成本指标", "经济成本指标", "辛"), ("效益指标", "经济效益指标", "壬"),
        ];
        var ordered = IndicatorCatalog.InStandardOrder(typed, t => t.L1, t => t.L2).Select(t => t.Name);
        Assert.Equal(["甲", "丁", "庚", "乙", "辛", "壬", "戊", "丙", "己"], ordered);
    }

    [Fact]
    public void Standard_order_matches_a_plain_stable_sort_by_category_rank_for_any_mix_of_known_and_unknown_categories()
    {
        // Known 一级 in the standard order, then unknown ones by first appearance; within one, known 二级 in the catalogues'
        // order, then unknown ones by first appearance; the typed order within a group. Written here the plain way.
        string[] level1s = ["产出指标", "成本指标", "效益指标", "满意度指标", "自定义指标", "其他指标", " 产出指标 "];
        string[] level2s = ["数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "经济效益指标", "社会效益指标", "服务对象满意度指标", "其他", "补充指标"];
        var random = new Random(20261207);
        for (var run = 0; run < 500; run++)
        {
            var typed = Enumerable.Range(0, random.Next(0, 14))
                .Select(k => (L1: level1s[random.Next(level1s.Length)], L2: level2s[random.Next(level2s.Length)], Name: k.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            var firstSeen = new List<string>();
            foreach (var (l1, l2, _) in typed)
            {
                foreach (var key in new[] { l1.Trim(), l1.Trim() + "/" + l2.Trim() }.Where(key => !firstSeen.Contains(key)))
                {
                    firstSeen.Add(key);
                }
            }

            List<string> standard1 = ["产出指标", "成本指标", "效益指标", "满意度指标"];
            int Rank1(string l1) => standard1.IndexOf(l1) is var k && k >= 0 ? k : 100 + firstSeen.IndexOf(l1);
            int Rank2(string l1, string l2) =>
                IndicatorCatalog.All.SelectMany(c => c.Categories.TryGetValue(l1, out var names) ? names : []).Distinct().ToList().IndexOf(l2) is var k && k >= 0
                    ? k
                    : 100 + firstSeen.IndexOf(l1 + "/" + l2);
            var expected = typed.OrderBy(t => Rank1(t.L1.Trim())).ThenBy(t => Rank2(t.L1.Trim(), t.L2.Trim())).Select(t => t.Name);
            Assert.Equal(expected, IndicatorCatalog.InStandardOrder(typed, t => t.L1, t => t.L2).Select(t => t.Name));
        }
    }
}
