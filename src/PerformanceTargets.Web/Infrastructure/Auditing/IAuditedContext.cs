namespace PerformanceTargets.Web.Infrastructure.Auditing;

/// <summary>
/// A context whose saves are audited says who acts through this, so <see cref="AuditInterceptor"/> needs no knowledge of
/// the concrete context (the arrow runs one way: Data → Auditing).
/// </summary>
public interface IAuditedContext
{
    /// <summary>Who is making this scope's changes; null means <see cref="AuditActor.System"/>.</summary>
    AuditActor? Actor { get; }
}
