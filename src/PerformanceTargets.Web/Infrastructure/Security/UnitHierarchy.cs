using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>Where a unit sits in the unit tree (上级单位), as the review chain's access decisions need it.</summary>
public interface IUnitAncestry
{
    /// <summary>The unit's parent, grandparent and so on, nearest first; empty for a top-level or unknown unit.</summary>
    IReadOnlyList<int> AncestorsOf(int unitId);
}

/// <summary>
/// The unit tree held in memory (a province's tree is a few thousand id pairs), read again when an admin changes a unit
/// (<see cref="Invalidate"/>) and at least every <see cref="MaxAge"/>, so another instance's change is seen too. A unit
/// created since the last read has no ancestors until then: the chain's reviewers above it see it a little later, never
/// a unit they should not.
/// </summary>
public sealed class UnitHierarchy(IServiceScopeFactory scopes, TimeProvider clock) : IUnitAncestry
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public IReadOnlyList<int> AncestorsOf(int unitId)
    {
        var snapshot = Current();
        var result = new List<int>();
        for (var current = snapshot.ParentOf.GetValueOrDefault(unitId); current is { } id && !result.Contains(id); current = snapshot.ParentOf.GetValueOrDefault(id))
        {
            result.Add(id);
        }

        return result;
    }

    /// <summary>The unit's parent, or null.</summary>
    public int? ParentOf(int unitId) => Current().ParentOf.GetValueOrDefault(unitId);

    /// <summary>The unit and every unit below it.</summary>
    public IReadOnlyList<int> SubtreeOf(int rootId)
    {
        var snapshot = Current();
        var result = new List<int> { rootId };
        var seen = new HashSet<int> { rootId };
        for (var i = 0; i < result.Count; i++)
        {
            if (snapshot.ChildrenOf.TryGetValue(result[i], out var children))
            {
                result.AddRange(children.Where(seen.Add));
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="unitId"/> is <paramref name="rootId"/> or lies below it (the scope of 财政审核 and of publishing).</summary>
    public bool IsInSubtree(int rootId, int unitId) => rootId == unitId || AncestorsOf(unitId).Contains(rootId);

    /// <summary>The units directly below <paramref name="parentId"/>.</summary>
    public IReadOnlyList<int> ChildrenOf(int parentId) => Current().ChildrenOf.GetValueOrDefault(parentId) ?? [];

    /// <summary>Forgets the tree: the next question reads it again (after an admin creates, moves or deletes a unit).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
        }
    }

    private Snapshot Current()
    {
        var now = clock.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is not null && now - snapshot.ReadAt < MaxAge)
        {
            return snapshot;
        }

        lock (_gate)
        {
            if (_snapshot is { } fresh && now - fresh.ReadAt < MaxAge)
            {
                return fresh;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pairs = db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToList();
            var parentOf = pairs.ToDictionary(p => p.Id, p => p.ParentId);
            var childrenOf = pairs.Where(p => p.ParentId is not null)
                .GroupBy(p => p.ParentId!.Value)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(p => p.Id).Order()]);
            _snapshot = new Snapshot(now, parentOf, childrenOf);
            return _snapshot;
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyDictionary<int, int?> ParentOf, IReadOnlyDictionary<int, IReadOnlyList<int>> ChildrenOf);
}
