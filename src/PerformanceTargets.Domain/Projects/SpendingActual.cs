namespace PerformanceTargets.Domain.Projects;

/// <summary>Execution monitoring (双监控): by the end of <see cref="Month"/>, <see cref="Spent"/> 元 of the budget were spent (cumulative).</summary>
public sealed record SpendingActual(int Month, decimal Spent);
