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
        project.SetGoals(["1.开展培训", "2.提升服务"]);
        Assert.Equal([new ProjectGoal(1, "开展培训"), new ProjectGoal(2, "提升服务")], project.Goals);
    }
}
