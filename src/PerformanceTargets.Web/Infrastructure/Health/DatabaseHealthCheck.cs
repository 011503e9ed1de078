using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Health;

/// <summary><c>/healthz</c>: healthy when the database answers.</summary>
internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("database reachable")
                : HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database error", ex);
        }
    }
}
