namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// Which goal tables are worth keeping rendered: a table enters the page's cache on its second view of the same version,
/// not its first (a "doorkeeper" admission policy). Most tables are opened once — to print, to check, by an auditor going
/// down a list — and caching each of those cost more than it saved: its HTML copied into a string, held until the cache
/// evicts it (surviving collections, so copied again), and the cache compacted to make room, all for a view that never
/// comes. A table viewed twice is likely to be viewed again, and from then on it is served from the cache.
/// </summary>
/// <remarks>
/// Remembers the last version seen of up to <see cref="Capacity"/> projects (~4 MB), then starts afresh: forgetting costs a
/// table one more uncached view, never a stale one. What the cache holds is decided by its own key (the project's
/// version and the unit's code and name), so admission only chooses whether to keep a rendering, never which one is shown.
/// </remarks>
public sealed class RenderedTableAdmission
{
    /// <summary>Projects remembered before the memory starts afresh.</summary>
    public const int Capacity = 65_536;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Guid> _seen = new();
    private int _added;

    /// <summary>Whether any version of the table of <paramref name="projectId"/> was seen: a table not seen yet is read on this view, whatever else happens.</summary>
    public bool HasSeen(int projectId) => _seen.ContainsKey(projectId);

    /// <summary>
    /// Whether the table of <paramref name="projectId"/> at <paramref name="version"/> should be kept rendered: true when this
    /// version was seen before; otherwise remembers it and returns false.
    /// </summary>
    public bool Admit(int projectId, Guid version)
    {
        if (_seen.TryGetValue(projectId, out var seen) && seen == version)
        {
            return true;
        }

        // ConcurrentDictionary.Count takes every lock: count the additions instead (a racing clear only forgets early).
        if (Interlocked.Increment(ref _added) > Capacity)
        {
            _seen.Clear();
            Interlocked.Exchange(ref _added, 1);
        }

        _seen[projectId] = version;
        return false;
    }
}
