using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Library;

/// <summary>One library entry as the editor and the API see it.</summary>
public sealed record LibraryEntry(
    int Id, string Level1, string Level2, string Name, string Description, string Comparator, string MeasureUnit,
    string TypicalValue, string Basis, string Fields, bool IsStandard, string Source);

/// <summary>What <see cref="IndicatorLibrary.SeedAsync"/> did.</summary>
public sealed record LibrarySeedReport(int Added, int Promoted, int Unchanged);

/// <summary>
/// The indicator library (指标库): search for the editor, candidates from imports and saved projects, and the seed step
/// (common shared indicators plus every indicator the product has imported, de-duplicated by 一级/二级/三级).
/// </summary>
public sealed class IndicatorLibrary(AppDbContext db)
{
    public const int MaxResults = 50;

    /// <summary>
    /// Adds the indicators the library has not seen as candidates, written at once in the caller's transaction (so an
    /// import that rolls back takes them with it). Indicators whose categories are not known or whose name is empty are
    /// skipped. A candidate another request adds at the same moment is simply already there: the insert skips a key the
    /// unique index already holds, so concurrent saves and imports never fail on it (and log no error).
    /// </summary>
    public Task<int> AddCandidatesAsync(IEnumerable<Indicator> indicators, string source, CancellationToken cancellationToken = default) =>
        AddCandidatesAsync([(indicators, source)], cancellationToken);

    /// <summary>
    /// The same for several sources at once (an import's units, in order) with one look-up: an indicator first seen
    /// under an earlier source is that source's candidate.
    /// </summary>
    public async Task<int> AddCandidatesAsync(IEnumerable<(IEnumerable<Indicator> Indicators, string Source)> sources, CancellationToken cancellationToken = default)
    {
        var wanted = new Dictionary<string, (Indicator Indicator, string Source)>();
        foreach (var (indicators, source) in sources)
        {
            foreach (var indicator in indicators.Where(i => !string.IsNullOrWhiteSpace(i.Name) && IndicatorCatalog.IsKnownLevel2(i.Level1, i.Level2)))
            {
                wanted.TryAdd(LibraryIndicator.KeyOf(indicator.Level1, indicator.Level2, indicator.Name), (indicator, source));
            }
        }

        if (wanted.Count == 0)
        {
            return 0;
        }

        var known = await KnownKeysAsync(wanted.Values.Select(w => w.Indicator.Name.Trim()), cancellationToken);
        var added = 0;
        foreach (var (key, (indicator, source)) in wanted)
        {
            if (!known.Contains(key))
            {
                added += await InsertUnlessPresentAsync(LibraryIndicator.FromUsage(indicator, LibraryStatus.Candidate, source), cancellationToken);
            }
        }

        return added;
    }

    /// <summary>One INSERT that does nothing when the 一级/二级/三级 key is already stored (by anyone, committed or not).</summary>
    private Task<int> InsertUnlessPresentAsync(LibraryIndicator entry, CancellationToken cancellationToken)
    {
        var dialect = BulkDialect.For(db);
        string[] columns = ["Level1", "Level2", "Name", "Description", "Comparator", "MeasureUnit", "TypicalValue", "Basis", "Fields", "Source", "Status"];
        object[] values =
        [
            entry.Level1, entry.Level2, entry.Name, entry.Description, entry.Comparator, entry.MeasureUnit, entry.TypicalValue,
            entry.Basis, entry.Fields, entry.Source, entry.Status.ToString(),
        ];
        var table = dialect.Delimit("LibraryIndicators");
        var into = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => dialect.Delimit(c)))})";
        var parameters = string.Join(", ", values.Select((_, k) => $"{{{k}}}"));
        var sql = db.Database.IsSqlServer()
            ? $"{into} SELECT {parameters} WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) " +
              $"WHERE {dialect.Delimit("Level1")} = {{0}} AND {dialect.Delimit("Level2")} = {{1}} AND {dialect.Delimit("Name")} = {{2}})"
            : $"{into} VALUES ({parameters}) ON CONFLICT DO NOTHING";
        return db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(sql, values), cancellationToken);
    }

    /// <summary>
    /// The seed step (<c>library seed</c>): the common shared indicators, then every indicator used by a project in the
    /// database, as standard entries; a candidate already present is promoted. Saves.
    /// </summary>
    public async Task<LibrarySeedReport> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = (await db.LibraryIndicators.ToListAsync(cancellationToken)).ToDictionary(e => e.Key);
        int added = 0, promoted = 0, unchanged = 0;

        void Offer(LibraryIndicator entry)
        {
            if (existing.TryGetValue(entry.Key, out var current))
            {
                if (current.Status == LibraryStatus.Candidate)
                {
                    current.Promote();
                    promoted++;
                }
                else
                {
                    unchanged++;
                }

                return;
            }

            db.LibraryIndicators.Add(entry);
            existing[entry.Key] = entry;
            added++;
        }

        foreach (var entry in CommonIndicators.Entries())
        {
            Offer(entry);
        }

        var used = await db.Projects.AsNoTracking()
            .Join(db.Units.AsNoTracking(), p => p.UnitId, u => u.Id, (p, u) => new { p.Id, UnitCode = u.Code, p.Year })
            .OrderBy(p => p.Year).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var projectIds = used.Select(p => p.Id).ToList();
        var indicators = await db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => projectIds.Contains(p.Id))
            .ToListAsync(cancellationToken);
        var source = used.ToDictionary(p => p.Id, p => $"导入 {p.UnitCode} {p.Year}");
        foreach (var project in indicators.OrderBy(p => p.Year).ThenBy(p => p.Id))
        {
            foreach (var indicator in project.Indicators.OrderBy(i => i.Order))
            {
                if (!string.IsNullOrWhiteSpace(indicator.Name) && IndicatorCatalog.IsKnownLevel2(indicator.Level1, indicator.Level2))
                {
                    Offer(LibraryIndicator.FromUsage(indicator, LibraryStatus.Standard, source[project.Id]));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LibrarySeedReport(added, promoted, unchanged);
    }

    /// <summary>
    /// Search as you type: entries whose 三级 name, 指标解释 or 二级 contain <paramref name="q"/>, standard before candidates,
    /// names starting with the term first. Optional 一级/二级 filters.
    /// </summary>
    public async Task<IReadOnlyList<LibraryEntry>> SearchAsync(string? q, string? level1, string? level2, bool includeCandidates = true, int take = 20, CancellationToken cancellationToken = default)
    {
        var query = db.LibraryIndicators.AsNoTracking();
        if (!includeCandidates)
        {
            query = query.Where(e => e.Status == LibraryStatus.Standard);
        }

        if (!string.IsNullOrWhiteSpace(level1))
        {
            var l1 = level1.Trim();
            query = query.Where(e => e.Level1 == l1);
        }

        if (!string.IsNullOrWhiteSpace(level2))
        {
            var l2 = level2.Trim();
            query = query.Where(e => e.Level2 == l2);
        }

        var term = q?.Trim() ?? string.Empty;
        if (term.Length > 0)
        {
            query = query.Where(e => e.Name.Contains(term) || e.Description.Contains(term) || e.Level2.Contains(term));
        }

        var rows = await query
            .OrderByDescending(e => e.Status == LibraryStatus.Standard)
            .ThenByDescending(e => term.Length > 0 && e.Name.StartsWith(term))
            .ThenBy(e => e.Level1).ThenBy(e => e.Level2).ThenBy(e => e.Name)
            .Take(Math.Clamp(take, 1, MaxResults))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToEntry)];
    }

    public static LibraryEntry ToEntry(LibraryIndicator e) => new(
        e.Id, e.Level1, e.Level2, e.Name, e.Description, e.Comparator, e.MeasureUnit, e.TypicalValue, e.Basis, e.Fields,
        e.Status == LibraryStatus.Standard, e.Source);

    private async Task<HashSet<string>> KnownKeysAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var list = names.Distinct().ToList();
        var stored = await db.LibraryIndicators.AsNoTracking()
            .Where(e => list.Contains(e.Name))
            .Select(e => new { e.Level1, e.Level2, e.Name })
            .ToListAsync(cancellationToken);
        return stored.Select(e => LibraryIndicator.KeyOf(e.Level1, e.Level2, e.Name)).ToHashSet();
    }
}
