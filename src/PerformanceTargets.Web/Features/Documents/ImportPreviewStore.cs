using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>
/// Holds the files of an import preview between the upload (a dry run) and the user's confirmation, so the files are
/// not uploaded twice: per token, bound to the user who uploaded them, for 30 minutes, at most 50 previews (the oldest
/// goes first). In memory: a confirmation after a restart (or on another instance) asks for the files again.
/// </summary>
public sealed class ImportPreviewStore(TimeProvider clock)
{
    private const int MaxEntries = 50;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(string User, IReadOnlyList<ImportFile> Files, DateTimeOffset At);

    public string Put(string user, IReadOnlyList<ImportFile> files)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.At > Lifetime)
            {
                _entries.TryRemove(key, out _);
            }
        }

        while (_entries.Count >= MaxEntries && _entries.OrderBy(e => e.Value.At).Select(e => e.Key).FirstOrDefault() is { } oldest)
        {
            _entries.TryRemove(oldest, out _);
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _entries[token] = new Entry(user, files, now);
        return token;
    }

    /// <summary>The files of <paramref name="token"/> when <paramref name="user"/> uploaded them and they have not expired; they are kept until <see cref="Remove"/>.</summary>
    public IReadOnlyList<ImportFile>? Get(string? token, string user) =>
        token is not null && _entries.TryGetValue(token, out var entry) && entry.User == user && clock.GetUtcNow() - entry.At <= Lifetime ? entry.Files : null;

    public void Remove(string token) => _entries.TryRemove(token, out _);
}
