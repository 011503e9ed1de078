namespace PerformanceTargets.Domain.Projects;

/// <summary>One numbered 绩效目标 of a project. <see cref="Text"/> is stored without its <c>1.</c> numbering.</summary>
public sealed record ProjectGoal(int Order, string Text);
