using System.Net;
using System.Threading.RateLimiting;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// Rate limits on signing in (page and API), with .NET's rate limiter (<c>System.Threading.RateLimiting</c>): a fixed
/// window per client address and one per account (the e-mail as typed, case-insensitive). An attempt over either limit
/// is refused before any password is checked, with the seconds until the window reopens (429 + Retry-After). Nothing is
/// locked: a stranger can only slow an account's sign-in while they keep sending, never lock it (docs/security.md).
/// The limits are per instance (in memory).
/// </summary>
public sealed class LoginThrottle(LoginThrottle.Limits limits) : IDisposable
{
    public sealed record Limits(int PerClient, int PerAccount, TimeSpan Window)
    {
        public const string Section = "Security:Login";

        public static Limits From(IConfiguration configuration)
        {
            var section = configuration.GetSection(Section);
            return new Limits(
                section.GetValue<int?>("PerClient") ?? 20,
                section.GetValue<int?>("PerAccount") ?? 10,
                section.GetValue<TimeSpan?>("Window") ?? TimeSpan.FromMinutes(1));
        }
    }

    private readonly PartitionedRateLimiter<string> _clients = Limiter(limits.PerClient, limits.Window);
    private readonly PartitionedRateLimiter<string> _accounts = Limiter(limits.PerAccount, limits.Window);

    public Limits Settings => limits;

    /// <summary>Takes one attempt for <paramref name="client"/> and <paramref name="account"/>; when refused, how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, string account, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        using var byClient = _clients.AttemptAcquire(client?.ToString() ?? "(none)");
        if (!byClient.IsAcquired)
        {
            retryAfter = RetryAfter(byClient);
            return false;
        }

        using var byAccount = _accounts.AttemptAcquire((account ?? string.Empty).Trim().ToUpperInvariant());
        if (!byAccount.IsAcquired)
        {
            retryAfter = RetryAfter(byAccount);
            return false;
        }

        return true;
    }

    private TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : limits.Window;

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _clients.Dispose();
        _accounts.Dispose();
    }
}
