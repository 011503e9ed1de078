namespace PerformanceTargets.Domain.Units;

/// <summary>Rules of the unit hierarchy (上级单位) that need more than one unit.</summary>
public static class UnitTree
{
    /// <summary>
    /// True when making <paramref name="parentId"/> the parent of unit <paramref name="unitId"/> would close a loop:
    /// the parent is the unit itself or one of its descendants. <paramref name="parentOf"/> maps every unit id to its current parent.
    /// </summary>
    public static bool WouldCreateCycle(int unitId, int? parentId, IReadOnlyDictionary<int, int?> parentOf)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        var seen = new HashSet<int>();
        for (var current = parentId; current is { } id; current = parentOf.GetValueOrDefault(id))
        {
            if (id == unitId)
            {
                return true;
            }

            if (!seen.Add(id))
            {
                return false; // an existing loop elsewhere; not this unit's
            }
        }

        return false;
    }
}
