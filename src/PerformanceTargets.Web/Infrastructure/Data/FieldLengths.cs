using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// Finds text that is longer than its column before it reaches the database. SQLite would store it anyway while
/// SQL Server and PostgreSQL refuse the whole save with an exception, so code that writes what outsiders typed or
/// uploaded (the importer) checks first and reports a located Chinese error on every provider alike.
/// </summary>
public static class FieldLengths
{
    public sealed record Overflow(object Entity, string EntityType, string Property, int MaxLength, int Length);

    /// <summary>Every string value of an added or modified entity that exceeds its column's maximum length.</summary>
    public static IReadOnlyList<Overflow> Find(DbContext db, Func<EntityEntry, bool>? only = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        var overflows = new List<Overflow>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            if (only is not null && !only(entry))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string text && text.Length > max)
                {
                    overflows.Add(new Overflow(entry.Entity, entry.Metadata.ClrType.Name, property.Metadata.Name, max, text.Length));
                }
            }
        }

        return overflows;
    }
}
