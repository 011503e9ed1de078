namespace PerformanceTargets.Domain.Projects;

/// <summary>A workflow step in a project's history: who moved it from which status to which, when, and why.</summary>
public sealed record ProjectHistoryEntry(DateTimeOffset At, string UserName, ProjectStatus From, ProjectStatus To, string? Comment);
