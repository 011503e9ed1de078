using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Auditing;

/// <summary>
/// Writes the audit trail in the same SaveChanges as the change itself (so both land or neither does): one
/// <see cref="AuditEntry"/> per changed aggregate root (project, unit plan, unit, fiscal year, user …), with the root's
/// changed properties and its changed parts (indicators, goals, spending plan, history, sub-goals) before and after.
/// Refuses any update or deletion of an audit entry. One instance serves every context (contexts are pooled); who acts is
/// the <see cref="IAuditedContext.Actor"/> of the context being saved. Parts find their root through the model's foreign
/// keys, so the interceptor knows the aggregates but not how the context maps them.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> SecretProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName", "Version"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Record(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Record(context);
        }

        return ValueTask.FromResult(result);
    }

    private void Record(DbContext context)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: audit entries cannot be changed or deleted.");
        }

        var owners = new Owners(context);
        var roots = new Dictionary<object, RootChange>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            // Ratings are derived from audited inputs (actuals, settings) and recomputed at will: not audited themselves.
            if (entry.Entity is AuditEntry or DataProtectionKey or IdentityUserToken<string> or INotAudited
                or Domain.Evaluation.ProjectRating or Domain.Evaluation.IndicatorRating or Domain.Evaluation.SubGoalRating)
            {
                continue;
            }

            var root = owners.FindRoot(entry);
            if (root is null)
            {
                continue;
            }

            if (!roots.TryGetValue(root.Entity, out var change))
            {
                change = new RootChange(root);
                roots.Add(root.Entity, change);
            }

            if (ReferenceEquals(root.Entity, entry.Entity))
            {
                change.AddRootProperties(entry);
            }
            else
            {
                change.AddPart(entry);
            }
        }

        if (roots.Count == 0)
        {
            return;
        }

        var unitCodes = LoadUnitCodes(context, roots.Values);
        var actor = (context as IAuditedContext)?.Actor ?? AuditActor.System;
        var at = clock.GetUtcNow();
        foreach (var change in roots.Values)
        {
            context.Add(change.ToEntry(actor, at, unitCodes));
        }
    }

    /// <summary>
    /// The tracked aggregate roots and sub-goals by key, indexed once per save so that finding the root of each part
    /// stays linear (an import of thousands of projects tracks tens of thousands of parts).
    /// </summary>
    private sealed class Owners
    {
        private readonly Dictionary<object, EntityEntry> _projects = [];
        private readonly Dictionary<object, EntityEntry> _plans = [];
        private readonly Dictionary<object, EntityEntry> _subGoals = [];
        private readonly Dictionary<object, EntityEntry> _monitorings = [];
        private readonly Dictionary<object, EntityEntry> _departmentSettings = [];
        private readonly Dictionary<object, EntityEntry> _yearSettings = [];
        private readonly Dictionary<string, EntityEntry> _users = new(StringComparer.Ordinal);

        public Owners(DbContext context)
        {
            foreach (var entry in context.ChangeTracker.Entries())
            {
                switch (entry.Entity)
                {
                    case BudgetProject:
                        _projects.TryAdd(entry.Property("Id").CurrentValue!, entry);
                        break;
                    case UnitPlan:
                        _plans.TryAdd(entry.Property("Id").CurrentValue!, entry);
                        break;
                    case SubGoal:
                        _subGoals.TryAdd(entry.Property("Id").CurrentValue!, entry);
                        break;
                    case ProjectMonitoring:
                        _monitorings.TryAdd(entry.Property("Id").CurrentValue!, entry);
                        break;
                    case DepartmentYearSettings:
                        _departmentSettings.TryAdd(entry.Property(nameof(DepartmentYearSettings.FiscalYearId)).CurrentValue!, entry);
                        break;
                    case YearSettings:
                        _yearSettings.TryAdd(entry.Property(nameof(YearSettings.FiscalYearId)).CurrentValue!, entry);
                        break;
                    case AppUser user:
                        _users.TryAdd(user.Id, entry);
                        break;
                }
            }
        }

        /// <summary>The aggregate root an entry belongs to: itself for roots, its project or plan for parts.</summary>
        public EntityEntry? FindRoot(EntityEntry entry)
        {
            switch (entry.Entity)
            {
                // A monitoring entry names its project but is a root of its own (its rows and history are its parts).
                case BudgetProject or UnitPlan or Unit or FiscalYear or AppUser or Domain.Publishing.Publication or ProjectMonitoring or MonitoringRound or DepartmentYearSettings or YearSettings:
                    return entry;
                case IdentityUserRole<string> role:
                    return _users.GetValueOrDefault(role.UserId) ?? entry;
                case SubGoal:
                    return Owner(_plans, entry, ForeignKeyTo<UnitPlan>(entry));
            }

            // A year's scoring rules (the projects' and the 部门整体自评's): a change of bands, weights or tiers alone is a change of the rules.
            if (ForeignKeyTo<DepartmentYearSettings>(entry) is { } toDepartmentSettings)
            {
                return Owner(_departmentSettings, entry, toDepartmentSettings);
            }

            if (ForeignKeyTo<YearSettings>(entry) is { } toYearSettings)
            {
                return Owner(_yearSettings, entry, toYearSettings);
            }

            if (ForeignKeyTo<ProjectMonitoring>(entry) is { } toMonitoring)
            {
                return Owner(_monitorings, entry, toMonitoring);
            }

            if (ForeignKeyTo<BudgetProject>(entry) is { } toProject)
            {
                return Owner(_projects, entry, toProject);
            }

            if (ForeignKeyTo<SubGoal>(entry) is { } toSubGoal)
            {
                var subGoal = Owner(_subGoals, entry, toSubGoal);
                return subGoal is null ? null : Owner(_plans, subGoal, ForeignKeyTo<UnitPlan>(subGoal)) ?? subGoal;
            }

            return entry.Metadata.IsOwned() ? null : entry;
        }

        /// <summary>The part's foreign key to <typeparamref name="TRoot"/> in the model (ownership or relationship), if any.</summary>
        private static IReadOnlyForeignKey? ForeignKeyTo<TRoot>(EntityEntry part) =>
            part.Metadata.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(TRoot) && fk.Properties.Count == 1);

        private static EntityEntry? Owner(Dictionary<object, EntityEntry> owners, EntityEntry part, IReadOnlyForeignKey? foreignKey)
        {
            if (foreignKey is null)
            {
                return null;
            }

            var property = part.Property(foreignKey.Properties[0].Name);
            var key = property.CurrentValue ?? property.OriginalValue;
            return key is not null && owners.TryGetValue(key, out var owner) ? owner : null;
        }
    }

    private static Dictionary<int, string> LoadUnitCodes(DbContext context, IEnumerable<RootChange> changes)
    {
        var ids = changes.Select(c => c.UnitId).OfType<int>().Distinct().ToList();
        var codes = new Dictionary<int, string>();
        foreach (var unit in context.ChangeTracker.Entries<Unit>().Where(u => u.State != EntityState.Added && ids.Contains(u.Entity.Id)))
        {
            codes[unit.Entity.Id] = unit.Entity.Code;
        }

        var missing = ids.Where(id => !codes.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var unit in context.Set<Unit>().AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.Code }))
            {
                codes[unit.Id] = unit.Code;
            }
        }

        return codes;
    }

    private static Dictionary<string, object?> Values(EntityEntry entry, Func<PropertyEntry, object?> value, bool onlyModified)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            if (!IsRecorded(property.Metadata, entry.Entity) || (onlyModified && !property.IsModified))
            {
                continue;
            }

            var v = value(property);
            values[property.Metadata.Name] = v is Enum e ? e.ToString() : v;
        }

        return values;
    }

    /// <summary>Whether a property's value goes into the trail: not a secret, a key, a shadow foreign key or a publication's snapshot.</summary>
    private static bool IsRecorded(IReadOnlyProperty property, object entity) =>
        !(SecretProperties.Contains(property.Name) || IsPublishedContent(entity, property.Name) || property.IsKey() || property.IsForeignKey() && property.IsShadowProperty());

    /// <summary>A publication's snapshot is large; its trail records the snapshot's hash (<c>ContentSha256</c>) instead.</summary>
    private static bool IsPublishedContent(object entity, string property) =>
        entity is Domain.Publishing.Publication && property is nameof(Domain.Publishing.Publication.Content) or nameof(Domain.Publishing.Publication.Results);

    /// <summary>
    /// The entry a save writes for a new aggregate root of <paramref name="type"/> added with its parts (a unit plan with its
    /// sub-goals and their bands), for a root written by the bulk path instead, which no interceptor sees: the same columns
    /// but for the time, and the same <see cref="AuditEntry.After"/> — the root's values, then each kind of part, depth first
    /// in the model's navigation order, as a save of that root alone lists them. (In a larger save the tracker lists entries
    /// in the slots they happened to take, freed slots reused: the same values, the keys and parts in an order that varied
    /// with what the context had tracked before.) Only roots whose key and year need no look-up are described here
    /// (<paramref name="unitCode"/> is the code of the root's unit, if any).
    /// </summary>
    public static AuditEntry CreatedEntry(IEntityType type, object root, AuditActor actor, DateTimeOffset at, string? unitCode)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(actor);
        var after = Values(type, root);
        AddParts(type, root, after);
        return CreatedEntry(root, actor, at, unitCode, after.Count == 0 ? null : JsonSerializer.Serialize(after, Json));

        static void AddParts(IEntityType ownerType, object owner, Dictionary<string, object?> after)
        {
            foreach (var navigation in ownerType.GetNavigations().Where(n => !n.IsOnDependent))
            {
                IEnumerable<object> parts = navigation.GetGetter().GetClrValue(owner) switch
                {
                    null => [],
                    System.Collections.IEnumerable items => items.Cast<object>(),
                    var one => [one],
                };
                foreach (var part in parts)
                {
                    RootChange.Append(after, navigation.TargetEntityType.ClrType.Name, Values(navigation.TargetEntityType, part));
                    AddParts(navigation.TargetEntityType, part, after);
                }
            }
        }
    }

    /// <summary>
    /// The entry of a new root (a project or a unit plan) written by the bulk path, with its <see cref="AuditEntry.After"/>
    /// given: the columns the interceptor writes for a created root, user and operation cut to their length as it cuts them.
    /// The import gives a new project's document as read; <see cref="CreatedEntry(IEntityType, object, AuditActor, DateTimeOffset, string?)"/>
    /// gives a root's values.
    /// </summary>
    public static AuditEntry CreatedEntry(object root, AuditActor actor, DateTimeOffset at, string? unitCode, string? after)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(actor);
        var (year, projectCode, key) = root switch
        {
            BudgetProject p => ((int?)p.Year, p.Code, $"{p.Year}/{p.Code} {p.Name}"),
            UnitPlan p => (p.Year, null, $"{p.Year} 部门整体绩效目标"),
            _ => throw new NotSupportedException($"{root.GetType().Name}: a created entry of this type is written by the interceptor only."),
        };
        return new AuditEntry
        {
            At = at,
            UserName = RootChange.Truncate(actor.Name),
            Action = "Created",
            Operation = actor.Operation is null ? null : RootChange.Truncate(actor.Operation),
            EntityType = root.GetType().Name,
            EntityKey = RootChange.Truncate(key),
            Year = year,
            UnitCode = unitCode,
            ProjectCode = projectCode,
            Before = null,
            After = after,
        };
    }

    /// <summary>The recorded values of an entity the context does not track, as <see cref="Values(EntityEntry, Func{PropertyEntry, object?}, bool)"/> gives them for an added one.</summary>
    private static Dictionary<string, object?> Values(IEntityType type, object entity)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties())
        {
            if (!IsRecorded(property, entity))
            {
                continue;
            }

            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: a shadow value is known to the change tracker only.");
            }

            var v = property.GetGetter().GetClrValue(entity);
            values[property.Name] = v is Enum e ? e.ToString() : v;
        }

        return values;
    }

    private sealed class RootChange(EntityEntry root)
    {
        private readonly Dictionary<string, object?> _before = [];
        private readonly Dictionary<string, object?> _after = [];
        private bool _partsChanged;

        public int? UnitId => root.Entity switch
        {
            BudgetProject p => p.UnitId,
            UnitPlan p => p.UnitId,
            Domain.Publishing.Publication p => p.UnitId,
            ProjectMonitoring m => m.UnitId,
            Domain.Department.DepartmentTable t => t.UnitId,
            Unit u => u.Id,
            AppUser u => u.UnitId,
            _ => null,
        };

        public void AddRootProperties(EntityEntry entry)
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    foreach (var (k, v) in Values(entry, p => p.CurrentValue, onlyModified: false))
                    {
                        _after[k] = v;
                    }

                    break;
                case EntityState.Deleted:
                    foreach (var (k, v) in Values(entry, p => p.OriginalValue, onlyModified: false))
                    {
                        _before[k] = v;
                    }

                    break;
                default:
                    foreach (var (k, v) in Values(entry, p => p.OriginalValue, onlyModified: true))
                    {
                        _before[k] = v;
                    }

                    foreach (var (k, v) in Values(entry, p => p.CurrentValue, onlyModified: true))
                    {
                        _after[k] = v;
                    }

                    break;
            }
        }

        public void AddPart(EntityEntry entry)
        {
            _partsChanged = true;
            var name = entry.Metadata.ClrType.Name;
            if (entry.State is EntityState.Deleted or EntityState.Modified)
            {
                Append(_before, name, Values(entry, p => p.OriginalValue, onlyModified: entry.State == EntityState.Modified));
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Append(_after, name, Values(entry, p => p.CurrentValue, onlyModified: entry.State == EntityState.Modified));
            }
        }

        public AuditEntry ToEntry(AuditActor actor, DateTimeOffset at, IReadOnlyDictionary<int, string> unitCodes)
        {
            var action = root.State switch
            {
                EntityState.Added => "Created",
                EntityState.Deleted => "Deleted",
                _ when _after.ContainsKey(nameof(BudgetProject.Status)) => "StatusChanged",
                _ => "Updated",
            };
            var (year, projectCode, key) = root.Entity switch
            {
                BudgetProject p => ((int?)p.Year, p.Code, $"{p.Year}/{p.Code} {p.Name}"),
                UnitPlan p => (p.Year, null, $"{p.Year} 部门整体绩效目标"),
                Domain.Publishing.Publication p => (p.Year, null, $"{p.Year} 预算公开"),
                MonitoringRound r => (r.Year, null, $"{r.Period} 绩效运行监控"),
                ProjectMonitoring m => ((int?)null, null, $"监控轮次 {m.RoundId} 项目 {m.ProjectId} 绩效运行监控表"),
                Domain.Department.DepartmentTable t => (t.Year, null, $"{t.Year} 部门整体支出绩效目标表"),
                Unit u => (null, null, $"{u.Code} {u.Name}"),
                FiscalYear y => (y.Year, null, y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                YearSettings s => YearOf(s.FiscalYearId) is { } settingsYear ? ((int?)settingsYear, null, $"{settingsYear} 年度评分设置") : (null, null, "年度评分设置"),
                DepartmentYearSettings s => YearOf(s.FiscalYearId) is { } y ? ((int?)y, null, $"{y} 部门整体自评评分设置") : (null, null, "部门整体自评评分设置"),
                AppUser u => (null, null, u.Email ?? u.UserName ?? u.Id),
                IdentityUserRole<string> r => (null, null, $"user {r.UserId} role {r.RoleId}"),
                _ => (null, null, root.Metadata.ClrType.Name),
            };

            return new AuditEntry
            {
                At = at,
                UserName = Truncate(actor.Name),
                Action = action,
                Operation = actor.Operation is null ? null : Truncate(actor.Operation),
                EntityType = root.Metadata.ClrType.Name,
                EntityKey = Truncate(key),
                Year = year,
                UnitCode = UnitId is int id && unitCodes.TryGetValue(id, out var code) ? code : null,
                ProjectCode = projectCode,
                Before = _before.Count == 0 && (root.State == EntityState.Added || !_partsChanged) ? null : JsonSerializer.Serialize(_before, Json),
                After = _after.Count == 0 && (root.State == EntityState.Deleted || !_partsChanged) ? null : JsonSerializer.Serialize(_after, Json),
            };
        }

        private int? YearOf(int fiscalYearId) =>
            root.Context.ChangeTracker.Entries<FiscalYear>().FirstOrDefault(e => e.Entity.Id == fiscalYearId)?.Entity.Year
            ?? root.Context.Set<FiscalYear>().AsNoTracking().Where(y => y.Id == fiscalYearId).Select(y => (int?)y.Year).FirstOrDefault();

        public static void Append(Dictionary<string, object?> values, string part, Dictionary<string, object?> item)
        {
            if (values.TryGetValue(part, out var list) && list is List<Dictionary<string, object?>> items)
            {
                items.Add(item);
            }
            else
            {
                values[part] = new List<Dictionary<string, object?>> { item };
            }
        }

        public static string Truncate(string text) => text.Length <= AuditEntry.ShortMaxLength ? text : text[..AuditEntry.ShortMaxLength];
    }
}
