using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

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

    /// <summary>The same check for an entity the context does not track (e.g. one written by the bulk inserter), with its owned and child rows.</summary>
    public static IReadOnlyList<Overflow> FindIn(DbContext db, object entity)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        var overflows = new List<Overflow>();
        Visit(db, entity, overflows, depth: 0);
        return overflows;
    }

    private static void Visit(DbContext db, object entity, List<Overflow> overflows, int depth)
    {
        var shape = ShapeOf(db.Model, entity.GetType());
        if (shape is null || depth > 3)
        {
            return;
        }

        foreach (var (name, max, getter) in shape.Texts)
        {
            if (getter.GetClrValue(entity) is string text && text.Length > max)
            {
                overflows.Add(new Overflow(entity, shape.TypeName, name, max, text.Length));
            }
        }

        foreach (var getter in shape.Children)
        {
            switch (getter.GetClrValue(entity))
            {
                case string:
                    break;
                case System.Collections.IEnumerable children:
                    foreach (var child in children)
                    {
                        Visit(db, child, overflows, depth + 1);
                    }

                    break;
                case { } child:
                    Visit(db, child, overflows, depth + 1);
                    break;
            }
        }
    }

    /// <summary>What the check reads of one entity type — its limited text properties and its navigations — found once per model.</summary>
    private sealed record Shape(string TypeName, IReadOnlyList<(string Name, int Max, IClrPropertyGetter Getter)> Texts, IReadOnlyList<IClrPropertyGetter> Children);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, System.Collections.Concurrent.ConcurrentDictionary<Type, Shape?>> Shapes = [];

    private static Shape? ShapeOf(IModel model, Type clrType) =>
        Shapes.GetOrCreateValue(model).GetOrAdd(clrType, static (type, model) =>
        {
            var entityType = model.FindEntityType(type) ?? model.GetEntityTypes().FirstOrDefault(t => t.ClrType == type);
            if (entityType is null)
            {
                return null;
            }

            var texts = entityType.GetProperties()
                .Where(p => p.GetMaxLength() is not null && !p.IsShadowProperty() && p.ClrType == typeof(string))
                .Select(p => (p.Name, p.GetMaxLength()!.Value, p.GetGetter()))
                .ToList();
            var children = entityType.GetNavigations().Where(n => !n.IsOnDependent && !n.IsShadowProperty()).Select(n => n.GetGetter()).ToList();
            return new Shape(entityType.ClrType.Name, texts, children);
        }, model);
}
