using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Monitoring;

/// <summary>
/// One indicator row of a project's monitoring entry: the indicator as approved (一级/二级/三级 and 年度指标值, copied when
/// the entry starts, so a later goal adjustment does not rewrite a submitted report) and what the unit reports for it.
/// </summary>
public class MonitoringIndicator
{
    public const int ValueMaxLength = 200;
    public const int TextMaxLength = 2000;

    private MonitoringIndicator()
    {
        Level1 = Level2 = Name = Target = string.Empty;
    }

    public MonitoringIndicator(int indicatorId, int order, string level1, string level2, string name, string target)
        : this()
    {
        IndicatorId = indicatorId;
        Order = order;
        Level1 = level1;
        Level2 = level2;
        Name = name;
        Target = target;
    }

    public int Id { get; private set; }

    /// <summary>The project's indicator this row reports on.</summary>
    public int IndicatorId { get; private set; }

    public int Order { get; private set; }

    public string Level1 { get; private set; }

    public string Level2 { get; private set; }

    /// <summary>三级指标.</summary>
    public string Name { get; private set; }

    /// <summary>年度指标值 as approved.</summary>
    public string Target { get; private set; }

    /// <summary>截至期末完成值 (a number with or without a unit, or a 定性 tier such as 达成).</summary>
    public string? CompletedToDate { get; private set; }

    /// <summary>全年预计完成值.</summary>
    public string? ExpectedFullYear { get; private set; }

    /// <summary>完成目标可能性.</summary>
    public Likelihood Likelihood { get; private set; }

    /// <summary>偏差原因 (one or more kinds).</summary>
    public DeviationCause Causes { get; private set; }

    /// <summary>偏差原因说明.</summary>
    public string? DeviationNote { get; private set; }

    /// <summary>纠偏措施.</summary>
    public string? CorrectiveMeasures { get; private set; }

    /// <summary>备注.</summary>
    public string? Remark { get; private set; }

    /// <summary>The row's figures as reported; checked by <see cref="ProjectMonitoring.Record"/>.</summary>
    internal void Set(MonitoringIndicatorFigures figures)
    {
        CompletedToDate = figures.CompletedToDate;
        ExpectedFullYear = figures.ExpectedFullYear;
        Likelihood = figures.Likelihood;
        Causes = figures.Causes;
        DeviationNote = figures.DeviationNote;
        CorrectiveMeasures = figures.CorrectiveMeasures;
        Remark = figures.Remark;
    }

    /// <summary>This row's light at the end of <paramref name="month"/> (<see cref="RunMonitoring.Indicator"/>).</summary>
    public RunLightResult Light(int month, EvaluationSettings settings) => RunMonitoring.Indicator(Target, CompletedToDate, month, settings);
}

/// <summary>What a unit reports for one indicator (the form, the API and the import all record through this).</summary>
public sealed record MonitoringIndicatorFigures(
    string? CompletedToDate,
    string? ExpectedFullYear,
    Likelihood Likelihood,
    DeviationCause Causes,
    string? DeviationNote,
    string? CorrectiveMeasures,
    string? Remark = null);

/// <summary>What a unit reports for a project's funds, in 元.</summary>
public sealed record MonitoringFunds(decimal AnnualBudget, decimal? ExecutedToDate, decimal? ExpectedFullYear);

/// <summary>A refused monitoring figure: where (e.g. <c>第2行指标“购置率”.偏差原因</c>) and why, in Chinese.</summary>
public sealed record MonitoringError(string Field, string Message)
{
    public override string ToString() => $"{Field}：{Message}";
}

/// <summary>A monitoring entry's lights: funds, each indicator (in row order) and the project's (the worst).</summary>
public sealed record MonitoringLights(RunLightResult Funds, IReadOnlyList<RunLightResult> Indicators)
{
    public RunLight Project => RunMonitoring.Worst([Funds.Light, .. Indicators.Select(i => i.Light)]);
}
