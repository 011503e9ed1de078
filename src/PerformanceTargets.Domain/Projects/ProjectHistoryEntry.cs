using PerformanceTargets.Domain.Review;

namespace PerformanceTargets.Domain.Projects;

/// <summary>
/// A workflow step in a project's history: who moved it from which status to which, when, and why; <see cref="Level"/>
/// is the level of the review chain that decided it (an approval, a forward or a return), <see cref="ReviewStage.None"/>
/// for steps no reviewer took (submit, adjust, import).
/// </summary>
public sealed record ProjectHistoryEntry(DateTimeOffset At, string UserName, ProjectStatus From, ProjectStatus To, string? Comment, ReviewStage Level = ReviewStage.None);
