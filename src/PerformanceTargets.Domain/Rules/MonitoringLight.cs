using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>Traffic-light colour of execution monitoring.</summary>
public enum MonitoringColor
{
    /// <summary>绿灯: actual at or above 80 % (configurable) of plan, or a 0 % plan.</summary>
    Green = 0,

    /// <summary>黄灯: actual between 60 % and 80 % (configurable) of plan.</summary>
    Yellow = 1,

    /// <summary>红灯: actual below 60 % (configurable) of plan.</summary>
    Red = 2,
}

/// <summary>The monitoring result at one checkpoint: planned and actual cumulative percent, their ratio and the colour.</summary>
public sealed record CheckpointLight(int Month, decimal PlannedPercent, decimal ActualPercent, decimal? RatioPercent, MonitoringColor Color, string Message);

/// <summary>
/// Execution monitoring (双监控, domain.md §5): at each checkpoint passed, the actual cumulative spend rate ÷ the planned
/// cumulative rate: below 60 % red, 60–80 % yellow, 80 % or more green (thresholds from <see cref="MonitoringThresholds"/>);
/// a 0 % plan checkpoint is green. Between checkpoints the plan is the last checkpoint passed (7月底 uses 6月底's figure).
/// </summary>
public static class MonitoringLight
{
    /// <summary>The colour for <paramref name="actualPercent"/> against <paramref name="plannedPercent"/> (both cumulative, percent of budget).</summary>
    public static MonitoringColor Classify(decimal plannedPercent, decimal actualPercent, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (plannedPercent <= 0)
        {
            return MonitoringColor.Green;
        }

        return thresholds.ColorOf(Math.Max(actualPercent, 0m) * 100 / plannedPercent);
    }

    /// <summary>The planned cumulative percent at the end of <paramref name="month"/>: the last checkpoint at or before it, 0 before the first.</summary>
    public static decimal PlannedAt(IReadOnlyList<SpendingCheckpoint> plan, int month) =>
        plan?.Where(c => c.Month <= month).OrderBy(c => c.Month).LastOrDefault()?.CumulativePercent ?? 0m;

    /// <summary>Actual cumulative spend as percent of <paramref name="budget"/>; 0 for a zero budget or a negative spend.</summary>
    public static decimal ActualPercent(decimal budget, decimal spent) => budget <= 0 ? 0m : Math.Max(spent, 0m) * 100 / budget;

    /// <summary>Evaluates a monitoring round at the end of <paramref name="month"/> (e.g. 6 or 7).</summary>
    public static CheckpointLight Evaluate(IReadOnlyList<SpendingCheckpoint> plan, int month, decimal actualPercent, MonitoringThresholds thresholds)
    {
        var planned = PlannedAt(plan, month);
        var color = Classify(planned, actualPercent, thresholds);
        decimal? ratio = planned > 0 ? Math.Max(actualPercent, 0m) * 100 / planned : null;
        var name = color switch
        {
            MonitoringColor.Red => "红灯",
            MonitoringColor.Yellow => "黄灯",
            _ => "绿灯",
        };
        var message = ratio is null
            ? $"{month}月底计划累计支出 0%，{name}。"
            : $"{month}月底计划累计支出 {Scores.Format(planned)}%，实际 {Scores.Format(actualPercent)}%，为计划的 {Scores.Format(ratio.Value)}%，{name}。";
        return new CheckpointLight(month, planned, actualPercent, ratio, color, message);
    }

    /// <summary>Evaluates every plan checkpoint that has an actual figure (month → actual cumulative percent).</summary>
    public static IReadOnlyList<CheckpointLight> EvaluateAll(IReadOnlyList<SpendingCheckpoint> plan, IReadOnlyDictionary<int, decimal> actualPercentByMonth, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actualPercentByMonth);
        return [.. plan.OrderBy(c => c.Month)
            .Where(c => actualPercentByMonth.ContainsKey(c.Month))
            .Select(c => Evaluate(plan, c.Month, actualPercentByMonth[c.Month], thresholds))];
    }

    /// <summary>The planned cumulative spend in 元 at the end of <paramref name="month"/>: <paramref name="budget"/> × <see cref="PlannedAt"/>.</summary>
    public static decimal PlannedSpend(decimal budget, IReadOnlyList<SpendingCheckpoint> plan, int month) =>
        Amounts.Multiply(budget, PlannedAt(plan, month) / 100m);

    /// <summary>
    /// The actual cumulative spend in 元 at the end of <paramref name="month"/>: the last spend recorded at or before it, and
    /// at 12月 the 全年执行数 once recorded (it supersedes a 12月底 checkpoint); null when nothing is recorded by then.
    /// </summary>
    public static decimal? SpentBy(IReadOnlyList<SpendingActual> spentByMonth, decimal? executed, int month)
    {
        ArgumentNullException.ThrowIfNull(spentByMonth);
        if (month >= 12 && executed is { } yearEnd)
        {
            return yearEnd;
        }

        return spentByMonth.Where(s => s.Month <= month).OrderBy(s => s.Month).LastOrDefault()?.Spent;
    }

    /// <summary>The last month with a recorded spend: 12 once the 全年执行数 is recorded, else the latest checkpoint recorded, 0 when none.</summary>
    public static int LastRecordedMonth(IReadOnlyList<SpendingActual> spentByMonth, decimal? executed)
    {
        ArgumentNullException.ThrowIfNull(spentByMonth);
        return executed is not null ? 12 : spentByMonth.Select(s => s.Month).DefaultIfEmpty(0).Max();
    }
}
