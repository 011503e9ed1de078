namespace PerformanceTargets.Web.Infrastructure.Auditing;

/// <summary>
/// Marks a stored record that is not a user's change to the product's data (e.g. an import preview's uploaded files):
/// <see cref="AuditInterceptor"/> writes no trail for it.
/// </summary>
public interface INotAudited;
