using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PerformanceTargets.Domain.Projects;

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

    /// <summary>
    /// Invalidates the badge when a save touches a project: before it when a project is deleted, and after it when any
    /// project is tracked (it may have been added or changed; and a count taken while the save ran may have seen the old state).
    /// </summary>
    public sealed class Interceptor(ReviewBadge badge) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            InvalidateIfProjectsChange(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            InvalidateIfProjectsChange(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            InvalidateIfProjectsTracked(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            InvalidateIfProjectsTracked(eventData.Context);
            return ValueTask.FromResult(result);
        }

        // Before the save only a deletion needs looking at: a deleted project is gone from the tracker afterwards. Remove sets
        // that state at once, so no change detection is needed (the save runs its own; each extra pass walks the whole graph).
        private void InvalidateIfProjectsChange(DbContext? context)
        {
            if (context is not null && AnyTracked(context, e => e.State == EntityState.Deleted))
            {
                badge.Invalidate();
            }
        }

        // After the save the saved projects are Unchanged (or gone): any project still tracked may have been one of them.
        private void InvalidateIfProjectsTracked(DbContext? context)
        {
            if (context is not null && AnyTracked(context, _ => true))
            {
                badge.Invalidate();
            }
        }

        private static bool AnyTracked(DbContext context, Func<EntityEntry<BudgetProject>, bool> predicate)
        {
            var tracker = context.ChangeTracker;
            var detects = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
            try
            {
                return tracker.Entries<BudgetProject>().Any(predicate);
            }
            finally
            {
                tracker.AutoDetectChangesEnabled = detects;
            }
        }
    }
}
