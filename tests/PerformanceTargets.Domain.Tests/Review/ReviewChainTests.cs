using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Domain.Tests.Review;

/// <summary>The review chain (docs/domain-rules.md §9): levels per year, stages per unit, and what each decision does to a project.</summary>
public class ReviewChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(1, true, "Unit")]
    [InlineData(1, false, "Unit")]
    [InlineData(2, true, "Unit,Parent")]
    [InlineData(2, false, "Unit")]
    [InlineData(3, true, "Unit,Parent,Finance")]
    [InlineData(3, false, "Unit,Finance")]
    public void A_units_stages_follow_the_years_levels_and_skip_a_missing_parent(int levels, bool hasParent, string expected)
    {
        var stages = new ReviewChain(levels).StagesFor(hasParent);

        Assert.Equal(expected, string.Join(',', stages));
    }

    [Theory]
    [InlineData(1, true, ReviewStage.Unit, ReviewStage.None)]
    [InlineData(2, true, ReviewStage.Unit, ReviewStage.Parent)]
    [InlineData(2, true, ReviewStage.Parent, ReviewStage.None)]
    [InlineData(3, true, ReviewStage.Parent, ReviewStage.Finance)]
    [InlineData(3, false, ReviewStage.Unit, ReviewStage.Finance)]
    [InlineData(3, true, ReviewStage.Finance, ReviewStage.None)]
    [InlineData(1, true, ReviewStage.Parent, ReviewStage.None)] // the chain was shortened while the project waited at a level it no longer has
    public void The_stage_after_an_approval(int levels, bool hasParent, ReviewStage current, ReviewStage next)
    {
        Assert.Equal(next, new ReviewChain(levels).After(current, hasParent));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_chain_has_one_to_three_levels(int levels)
    {
        var error = Assert.Throws<DomainException>(() => new ReviewChain(levels));
        Assert.Contains("1–3", error.Message);
    }

    [Fact]
    public void A_submitted_project_waits_at_the_units_own_level_and_a_forward_keeps_it_submitted_at_the_next()
    {
        var project = Submitted();
        Assert.Equal(ReviewStage.Unit, project.Stage);

        project.Forward("head", At.AddHours(1), "同意", ReviewStage.Parent);

        Assert.Equal(ProjectStatus.Submitted, project.Status);
        Assert.Equal(ReviewStage.Parent, project.Stage);
        var step = project.History[^1];
        Assert.Equal((ProjectStatus.Submitted, ProjectStatus.Submitted, ReviewStage.Unit, "同意"), (step.From, step.To, step.Level, step.Comment));
        Assert.False(project.IsEditable);
        Assert.Null(project.ApprovedSnapshot);
    }

    [Fact]
    public void A_return_at_a_higher_level_goes_back_to_the_filling_unit_and_the_history_keeps_the_level()
    {
        var project = Submitted();
        project.Forward("head", At.AddHours(1), null, ReviewStage.Parent);
        project.Forward("parent-head", At.AddHours(2), null, ReviewStage.Finance);

        project.Return("finance", At.AddHours(3), "成本指标依据不足");

        Assert.Equal(ProjectStatus.Returned, project.Status);
        Assert.Equal(ReviewStage.None, project.Stage);
        Assert.True(project.IsEditable);
        Assert.Equal([ReviewStage.None, ReviewStage.Unit, ReviewStage.Parent, ReviewStage.Finance], project.History.Select(h => h.Level));
        Assert.Equal("成本指标依据不足", project.PendingReturn?.Comment);

        project.Submit("fin", At.AddHours(4));
        Assert.Equal(ReviewStage.Unit, project.Stage); // a resubmission starts the chain again
    }

    [Fact]
    public void The_final_approval_leaves_no_stage_and_keeps_the_snapshot()
    {
        var project = Submitted();
        project.Forward("head", At.AddHours(1), null, ReviewStage.Parent);

        project.Approve("parent-head", At.AddHours(2), null, "{\"v\":1}");

        Assert.Equal(ProjectStatus.Approved, project.Status);
        Assert.Equal(ReviewStage.None, project.Stage);
        Assert.Equal(ReviewStage.Parent, project.History[^1].Level);
        Assert.Equal("{\"v\":1}", project.ApprovedSnapshot);
    }

    [Theory]
    [InlineData(ReviewStage.Unit)]
    [InlineData(ReviewStage.None)]
    public void A_forward_only_moves_up_the_chain(ReviewStage next)
    {
        var project = Submitted();

        Assert.Throws<DomainException>(() => project.Forward("head", At, null, next));
        Assert.Equal(ReviewStage.Unit, project.Stage);
    }

    [Fact]
    public void Only_a_submitted_project_is_forwarded()
    {
        var project = new BudgetProject(1, 2026, "P001", "测试项目");

        var error = Assert.Throws<DomainException>(() => project.Forward("head", At, null, ReviewStage.Parent));
        Assert.Contains("已提交", error.Message);
    }

    [Fact]
    public void An_adjustment_goes_through_the_chain_again()
    {
        var project = Submitted();
        project.Approve("head", At.AddHours(1), null, "{}");
        project.Adjust("fin", At.AddHours(2), "预算调减");
        project.Submit("fin", At.AddHours(3));

        Assert.Equal(ReviewStage.Unit, project.Stage);
    }

    [Fact]
    public void A_year_starts_with_one_level_and_every_check_on()
    {
        var year = new FiscalYear(2026);

        Assert.Equal(1, year.Chain.Levels);
        Assert.Empty(year.DisabledChecks);
    }

    [Fact]
    public void A_year_stores_its_levels_and_the_checks_switched_off_in_the_assistants_order()
    {
        var year = new FiscalYear(2026);

        year.ConfigureReview(3, [ReviewAssistant.SatisfactionBelow80, " " + ReviewAssistant.TargetBelowLastActual, ReviewAssistant.SatisfactionBelow80]);

        Assert.Equal(3, year.Chain.Levels);
        Assert.Equal($"{ReviewAssistant.TargetBelowLastActual},{ReviewAssistant.SatisfactionBelow80}", year.DisabledReviewChecks);
        Assert.True(year.DisabledChecks.SetEquals([ReviewAssistant.TargetBelowLastActual, ReviewAssistant.SatisfactionBelow80]));
    }

    [Theory]
    [InlineData(4, "")]
    [InlineData(2, "no-such-check")]
    public void A_year_refuses_a_chain_it_cannot_have(int levels, string check)
    {
        var year = new FiscalYear(2026);

        var error = Assert.Throws<DomainException>(() => year.ConfigureReview(levels, [check]));

        Assert.Matches("审核级数|没有这些审核要点", error.Message);
        Assert.Equal(1, year.Chain.Levels);
    }

    [Fact]
    public void Switched_off_checks_are_not_reported()
    {
        var project = new BudgetProject(1, 2026, "P001", "测试项目");
        project.SetIndicators([new Indicator("满意度指标", "服务对象满意度指标", "群众满意度", string.Empty, "≥70%", string.Empty)]);
        Assert.Contains(ReviewAssistant.Review(project), p => p.Code == ReviewAssistant.SatisfactionBelow80);

        var year = new FiscalYear(2026);
        year.ConfigureReview(1, [ReviewAssistant.SatisfactionBelow80]);

        Assert.DoesNotContain(ReviewAssistant.Review(project, null, year.DisabledChecks), p => p.Code == ReviewAssistant.SatisfactionBelow80);
    }

    private static BudgetProject Submitted()
    {
        var project = new BudgetProject(1, 2026, "P001", "测试项目");
        project.SetSpendingPlan(PerformanceTargets.Domain.Tests.Rules.Plans.Standard(25, 50, 75, 100));
        project.Submit("fin", At);
        return project;
    }
}
