using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// The save interceptor of a memory that must forget when a save touches what it remembers (<c>ReviewBadge</c>,
/// <c>RatingSettingsCache</c>): it calls <see cref="Invalidate"/> before the save when a watched entity is deleted (a
/// deleted entity is gone from the tracker afterwards), and after it when any watched entity is still tracked (it may
/// have been added or changed, and a value read while the save ran may have seen the old state). The tracker is looked at
/// without change detection: Remove sets the Deleted state at once, the save runs its own detection, and each extra pass
/// walks the whole graph.
/// </summary>
public abstract class InvalidateOnSave : SaveChangesInterceptor
{
    /// <summary>Whether <paramref name="entry"/> is one of the entities the memory depends on.</summary>
    protected abstract bool Watches(EntityEntry entry);

    /// <summary>Forgets what the memory holds.</summary>
    protected abstract void Invalidate();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIf(eventData.Context, e => e.State == EntityState.Deleted);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIf(eventData.Context, e => e.State == EntityState.Deleted);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIf(eventData.Context, _ => true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIf(eventData.Context, _ => true);
        return ValueTask.FromResult(result);
    }

    private void InvalidateIf(DbContext? context, Func<EntityEntry, bool> predicate)
    {
        if (context is null)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        var detects = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries().Any(e => Watches(e) && predicate(e)))
            {
                Invalidate();
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detects;
        }
    }
}
