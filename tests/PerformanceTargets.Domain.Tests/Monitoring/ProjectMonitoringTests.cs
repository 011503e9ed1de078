using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Monitoring;

internal static class MonitoringSamples
{
    public static readonly DateTimeOffset At = new(2026, 7, 10, 8, 0, 0, TimeSpan.Zero);

    public static MonitoringRound Round(int month = 6) => new(2026, month, new DateOnly(2026, 7, 15), "admin", At);

    /// <summary>An approved project: budget 1,000,000, plan 20/50/80/100, a 正向 indicator ≥100个 and a 定性 one.</summary>
    public static BudgetProject Project(ProjectStatus status = ProjectStatus.Approved)
    {
        var project = new BudgetProject(1, 2026, "P001", "培训项目");
        project.SetBasics("P001", "培训项目", 1_000_000m, 800_000m, 200_000m, "培训");
        project.SetSpendingPlan([new(3, 20m), new(6, 50m), new(10, 80m), new(12, 100m)]);
        project.SetGoals(["完成年度培训"]);
        project.SetIndicators([
            new Indicator("产出指标", "数量指标", "培训人次", "培训人次", "≥100个", "计划"),
            new Indicator("效益指标", "社会效益指标", "服务水平", "服务水平", "提升", "计划"),
        ]);
        if (status != ProjectStatus.Draft)
        {
            project.Submit("finance", At);
            project.Approve("head", At, null, "{}");
        }

        return project;
    }

    public static MonitoringIndicatorFigures Figures(string completed, Likelihood likelihood = Likelihood.Certain, DeviationCause causes = DeviationCause.None, string? note = null, string? measures = null) =>
        new(completed, completed, likelihood, causes, note, measures);

    public static ProjectMonitoring Filled(decimal executed, string quantity, string quality, Likelihood likelihood = Likelihood.Certain, DeviationCause causes = DeviationCause.None, string? note = null, string? measures = null)
    {
        var entry = new ProjectMonitoring(Round(), Project());
        entry.Record(new MonitoringFunds(1_000_000m, executed, 1_000_000m), new Dictionary<int, MonitoringIndicatorFigures>
        {
            [1] = Figures(quantity, likelihood, causes, note, measures),
            [2] = Figures(quality),
        }, "finance", At);
        return entry;
    }

    public static MonitoringLights Lights(ProjectMonitoring entry, int month = 6) =>
        entry.Lights([new(3, 20m), new(6, 50m), new(10, 80m), new(12, 100m)], month, EvaluationSettings.National(2026));
}

public class OpeningAMonitoringRound
{
    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void The_period_ends_in_month_1_to_12(int month)
    {
        var e = Assert.Throws<DomainException>(() => new MonitoringRound(2026, month, new DateOnly(2026, 7, 15), "admin", MonitoringSamples.At));
        Assert.Contains("1–12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_round_takes_no_entries_until_reopened()
    {
        var round = MonitoringSamples.Round(7);
        Assert.Equal("2026年1–7月", round.Period);
        round.Close(MonitoringSamples.At);
        Assert.Equal("2026年1–7月监控已关闭，不能再填报或审核。", Assert.Throws<DomainException>(round.EnsureOpen).Message);
        round.Reopen();
        round.EnsureOpen();
    }
}

public class StartingAProjectsMonitoringEntry
{
    [Fact]
    public void The_budget_is_prefilled_and_each_indicator_gets_a_row_with_its_approved_target()
    {
        var entry = new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project());

        Assert.Equal(1_000_000m, entry.AnnualBudget);
        Assert.Equal(MonitoringStatus.Draft, entry.Status);
        Assert.Equal(["培训人次", "服务水平"], entry.Indicators.Select(i => i.Name));
        Assert.Equal(["≥100个", "提升"], entry.Indicators.Select(i => i.Target));
        Assert.Equal([1, 2], entry.Indicators.Select(i => i.Order));
    }

    [Fact]
    public void A_project_whose_goals_were_never_approved_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project(ProjectStatus.Draft)));
        Assert.Equal("项目“培训项目”的绩效目标尚未审核通过，不能填报运行监控。", e.Message);
    }
}

public class LightingAMonitoringEntry
{
    [Theory]
    // Plan 50 % at 6月底: 300,000 of 1,000,000 = 30 % = 60 % of it → yellow; ≥100个 at 6月: 50 expected.
    [InlineData(500_000, "50个", "达成", RunLight.Green, RunLight.Green, RunLight.Green)]
    [InlineData(300_000, "50个", "达成", RunLight.Yellow, RunLight.Green, RunLight.Yellow)]
    [InlineData(500_000, "20个", "达成", RunLight.Green, RunLight.Red, RunLight.Red)]
    [InlineData(500_000, "130个", "部分达成", RunLight.Green, RunLight.Blue, RunLight.Yellow)]
    [InlineData(500_000, "130个", "达成", RunLight.Green, RunLight.Blue, RunLight.Blue)]
    public void The_project_shows_the_worst_of_its_funds_and_indicators(double executed, string quantity, string quality, RunLight funds, RunLight first, RunLight project)
    {
        var entry = MonitoringSamples.Filled((decimal)executed, quantity, quality);
        var lights = MonitoringSamples.Lights(entry);

        Assert.Equal(funds, lights.Funds.Light);
        Assert.Equal(first, lights.Indicators[0].Light);
        Assert.Equal(project, lights.Project);
    }

    [Fact]
    public void Without_an_executed_amount_the_funds_show_no_light()
    {
        var entry = new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project());
        var lights = MonitoringSamples.Lights(entry);
        Assert.Equal(RunLight.None, lights.Funds.Light);
        Assert.Equal(RunLight.None, lights.Project);
    }
}

public class ExplainingADeviation
{
    [Theory]
    // likelihood, completed (≥100个 at 6月), causes, note, measures → how many errors on row 1
    [InlineData(Likelihood.Certain, "50个", DeviationCause.None, null, null, 0)]
    [InlineData(Likelihood.Possible, "50个", DeviationCause.None, null, null, 3)]
    [InlineData(Likelihood.Possible, "50个", DeviationCause.Funding, null, null, 2)]
    [InlineData(Likelihood.Possible, "50个", DeviationCause.Funding | DeviationCause.Staff, "资金未到位", null, 1)]
    [InlineData(Likelihood.Possible, "50个", DeviationCause.Funding, "资金未到位", "加快拨付", 0)]
    [InlineData(Likelihood.Impossible, "50个", DeviationCause.Other, "政策调整", "申请调整目标", 0)]
    [InlineData(Likelihood.Certain, "20个", DeviationCause.None, null, null, 3)] // red light: required even when 确定能
    [InlineData(Likelihood.Certain, "35个", DeviationCause.None, null, null, 0)] // yellow (70 %) with 确定能: not required
    public void Causes_a_note_and_measures_are_mandatory_when_the_likelihood_is_not_certain_or_the_light_is_red(
        Likelihood likelihood, string completed, DeviationCause causes, string? note, string? measures, int errors)
    {
        var entry = MonitoringSamples.Filled(500_000m, completed, "达成", likelihood, causes, note, measures);
        var found = entry.Check(MonitoringSamples.Lights(entry));
        Assert.Equal(errors, found.Count(e => e.Field.StartsWith("第1行指标“培训人次”", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_errors_are_located_and_in_Chinese()
    {
        var entry = MonitoringSamples.Filled(500_000m, "20个", "达成");
        var error = Assert.Single(entry.Check(MonitoringSamples.Lights(entry)), e => e.Field.EndsWith("纠偏措施", StringComparison.Ordinal));
        Assert.Equal("第1行指标“培训人次”.纠偏措施", error.Field);
        Assert.Equal("指标为红灯，请填写纠偏措施。", error.Message);
    }

    [Fact]
    public void Missing_figures_are_reported_before_submission()
    {
        var entry = new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project());
        var fields = entry.Check(MonitoringSamples.Lights(entry)).Select(e => e.Field).ToList();
        Assert.Contains("项目资金.截至期末执行数", fields);
        Assert.Contains("项目资金.全年预计执行数", fields);
        Assert.Contains("第2行指标“服务水平”.截至期末完成值", fields);
    }
}

public class RecordingMonitoringFigures
{
    [Theory]
    [InlineData(-1, "项目资金.截至期末执行数")]
    [InlineData(0.001, "项目资金.截至期末执行数")]
    public void An_amount_out_of_bounds_is_refused(double executed, string field)
    {
        var entry = new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project());
        var e = Assert.Throws<MonitoringException>(() => entry.Record(new MonitoringFunds(1_000_000m, (decimal)executed, null), new Dictionary<int, MonitoringIndicatorFigures>(), "finance", MonitoringSamples.At));
        Assert.Equal(field, Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void A_row_the_entry_does_not_have_and_control_characters_are_refused_with_every_error()
    {
        var entry = new ProjectMonitoring(MonitoringSamples.Round(), MonitoringSamples.Project());
        var e = Assert.Throws<MonitoringException>(() => entry.Record(new MonitoringFunds(1_000_000m, 1m, 1m), new Dictionary<int, MonitoringIndicatorFigures>
        {
            [1] = MonitoringSamples.Figures("5\u202E0个"),
            [3] = MonitoringSamples.Figures("1"),
        }, "finance", MonitoringSamples.At));
        Assert.Equal(["第1行指标“培训人次”.截至期末完成值", "第1行指标“培训人次”.全年预计完成值", "第3行指标"], e.Errors.Select(x => x.Field));
        Assert.Null(entry.ExecutedToDate); // nothing recorded
    }
}

public class ReviewingAMonitoringEntry
{
    private static ProjectMonitoring Submitted()
    {
        var entry = MonitoringSamples.Filled(500_000m, "50个", "达成");
        entry.Submit(MonitoringSamples.Lights(entry), "finance", MonitoringSamples.At);
        return entry;
    }

    [Fact]
    public void An_incomplete_entry_cannot_be_submitted()
    {
        var entry = MonitoringSamples.Filled(500_000m, "20个", "达成");
        var e = Assert.Throws<MonitoringException>(() => entry.Submit(MonitoringSamples.Lights(entry), "finance", MonitoringSamples.At));
        Assert.Equal(3, e.Errors.Count);
        Assert.Equal(MonitoringStatus.Draft, entry.Status);
    }

    [Theory]
    [InlineData(true, null, MonitoringStatus.Approved)]
    [InlineData(true, "同意", MonitoringStatus.Approved)]
    [InlineData(false, "请补充纠偏措施", MonitoringStatus.Returned)]
    public void The_head_approves_or_returns_a_submitted_entry(bool approve, string? reason, MonitoringStatus expected)
    {
        var entry = Submitted();
        entry.Decide(approve, reason, "head", MonitoringSamples.At);
        Assert.Equal(expected, entry.Status);
        Assert.Equal(
            [(MonitoringStatus.Draft, MonitoringStatus.Submitted, (string?)null), (MonitoringStatus.Submitted, expected, reason)],
            entry.History.Select(h => (h.From, h.To, h.Comment)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_return_needs_a_reason(string? reason)
    {
        var entry = Submitted();
        Assert.Equal("退回时必须填写退回原因。", Assert.Throws<DomainException>(() => entry.Decide(false, reason, "head", MonitoringSamples.At)).Message);
        Assert.Equal(MonitoringStatus.Submitted, entry.Status);
    }

    [Fact]
    public void Only_a_submitted_entry_is_decided_and_only_a_draft_or_returned_one_is_edited()
    {
        var draft = MonitoringSamples.Filled(500_000m, "50个", "达成");
        Assert.Equal("只有已提交的监控表可以审核通过，当前状态为草稿。", Assert.Throws<DomainException>(() => draft.Decide(true, null, "head", MonitoringSamples.At)).Message);

        var submitted = Submitted();
        Assert.Throws<DomainException>(() => submitted.Record(new MonitoringFunds(1m, 1m, 1m), new Dictionary<int, MonitoringIndicatorFigures>(), "finance", MonitoringSamples.At));
    }

    [Fact]
    public void Editing_a_returned_entry_makes_it_a_draft_again_and_it_can_be_resubmitted()
    {
        var entry = Submitted();
        entry.Decide(false, "请核实执行数", "head", MonitoringSamples.At);
        Assert.Equal("请核实执行数", entry.ReturnReason);

        entry.Record(new MonitoringFunds(1_000_000m, 510_000m, 1_000_000m), new Dictionary<int, MonitoringIndicatorFigures>(), "finance", MonitoringSamples.At);
        Assert.Equal(MonitoringStatus.Draft, entry.Status);
        entry.Submit(MonitoringSamples.Lights(entry), "finance", MonitoringSamples.At);
        Assert.Equal(MonitoringStatus.Submitted, entry.Status);
    }
}
