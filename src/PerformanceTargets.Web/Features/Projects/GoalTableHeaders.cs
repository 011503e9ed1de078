using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>
/// On PostgreSQL, the goal-table page's one row (<see cref="GoalTableHeader"/>) remembered per project while the
/// database's change feed is live (<see cref="PostgresChangeFeed"/>): a cached goal table is then served without a round
/// trip to the server, which was most of its cost. A project's row is forgotten when the feed hears it change or be
/// deleted, every row when a unit changes or the feed stops or starts, and when a save of this instance touches a project
/// or a unit (<see cref="Interceptor"/>: the next view reads again, so a user's own save shows at once). Another instance's
/// change shows as soon as its notification arrives (at its commit).
/// </summary>
/// <remarks>
/// A read that a change overtakes is not remembered: <see cref="Remember"/> is given the <see cref="Generation"/> taken
/// before the read, and any notification or save since then renews it. A row is served for <see cref="Lifetime"/> at
/// most, and at most <see cref="Capacity"/> rows are held (then the memory starts afresh). SQLite reads the row from a kept
/// connection faster than this would save, and SQL Server has no feed: there the memory is never used.
/// </remarks>
public sealed class GoalTableHeaders
{
    /// <summary>Projects remembered before the memory starts afresh.</summary>
    public const int Capacity = 65_536;

    /// <summary>The longest a row is served without reading it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, (GoalTableHeader Header, long ReadAt)> _headers = new();
    private readonly PostgresChangeFeed _feed;
    private readonly TimeProvider _clock;
    private long _generation;
    private int _added;

    public GoalTableHeaders(PostgresChangeFeed feed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _feed = feed;
        _clock = clock;
        feed.Changed += Forget;
    }

    /// <summary>Renewed by every change heard or saved here: take it before a read, give it to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The remembered row of <paramref name="projectId"/>, if the feed is live and the row is fresh.</summary>
    public bool TryGet(int projectId, out GoalTableHeader header)
    {
        if (_feed.Live && _headers.TryGetValue(projectId, out var entry) && _clock.GetElapsedTime(entry.ReadAt) < Lifetime)
        {
            header = entry.Header;
            return true;
        }

        header = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="header"/>, read after <paramref name="generation"/> was taken, unless a change came since.</summary>
    public void Remember(long generation, GoalTableHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!_feed.Live || Generation != generation)
        {
            return;
        }

        if (Interlocked.Increment(ref _added) > Capacity)
        {
            _headers.Clear();
            Interlocked.Exchange(ref _added, 1);
        }

        _headers[header.Id] = (header, _clock.GetTimestamp());

        // Checked after storing: a change heard in between renewed the generation and may have missed this row.
        if (Generation != generation)
        {
            _headers.TryRemove(header.Id, out _);
        }
    }

    /// <summary>Forgets what a notification names: one project (<c>Projects:{id}</c>), else everything.</summary>
    private void Forget(string? payload)
    {
        Interlocked.Increment(ref _generation);
        if (payload is not null && payload.StartsWith(PostgresChangeFeed.ProjectPrefix, StringComparison.Ordinal)
            && int.TryParse(payload.AsSpan(PostgresChangeFeed.ProjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            _headers.TryRemove(id, out _);
            return;
        }

        _headers.Clear();
    }

    /// <summary>Forgets everything when a save of this instance touches a project or a unit (<see cref="InvalidateOnSave"/>).</summary>
    public sealed class Interceptor(GoalTableHeaders headers) : InvalidateOnSave
    {
        protected override bool Watches(EntityEntry entry) => entry.Entity is BudgetProject or Unit;

        protected override void Invalidate() => headers.Forget(null);
    }
}
