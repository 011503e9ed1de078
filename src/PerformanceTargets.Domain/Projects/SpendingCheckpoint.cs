namespace PerformanceTargets.Domain.Projects;

/// <summary>A point of the cumulative spending plan (资金支出计划): by the end of <see cref="Month"/>, <see cref="CumulativePercent"/> % of the budget is spent.</summary>
public sealed record SpendingCheckpoint(int Month, decimal CumulativePercent)
{
    /// <summary>The months of the official form: 3月底, 6月底, 10月底, 12月底.</summary>
    public static readonly IReadOnlyList<int> StandardMonths = [3, 6, 10, 12];
}
