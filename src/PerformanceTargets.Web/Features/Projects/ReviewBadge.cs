using System.Security.Claims;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// The navigation's review badge, remembered per user: counting the waiting projects was about 40 % of every page a
/// reviewer opened (a query on each page, for a figure that changes only when a project is submitted or decided). A
/// count is kept until any save of this instance adds, changes or deletes a project (<see cref="Interceptor"/>: the
/// next page counts again, so a reviewer's own decisions and a colleague's submissions on the same server show at once),
/// and for <see cref="Lifetime"/> at most, so changes made through another instance or written in bulk show within it.
/// The review queue itself always counts live.
/// </summary>
public sealed class ReviewBadge(IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    /// <summary>The longest a count is shown without counting again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private long _generation;

    /// <summary>The badge count of <paramref name="user"/>, counted by <paramref name="count"/> when none is remembered.</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user, Func<Task<int>> count)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(count);
        // The user and their security stamp: a role or unit change renews the stamp, and with it what the user reviews.
        var key = (nameof(ReviewBadge), user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType),
            Interlocked.Read(ref _generation));
        if (key.Item2 is null)
        {
            return await count();
        }

        if (cache.TryGetValue(key, out int remembered))
        {
            return remembered;
        }

        var counted = await count();
        cache.Set(key, counted, Lifetime);
        return counted;
    }

    /// <summary>Forgets every remembered count (they are keyed by a generation, so old ones simply expire).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Invalidates the badge when a save touches a project (<see cref="InvalidateOnSave"/>).</summary>
    public sealed class Interceptor(ReviewBadge badge) : InvalidateOnSave
    {
        protected override bool Watches(EntityEntry entry) => entry.Entity is BudgetProject;

        protected override void Invalidate() => badge.Invalidate();
    }
}
