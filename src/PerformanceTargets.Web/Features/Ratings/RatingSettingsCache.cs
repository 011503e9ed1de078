using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.Ratings;

/// <summary>
/// What the ratings page compares stored ratings with: a year's settings as a rating records them
/// (<see cref="ProjectRating.Describe"/>), remembered per year. Reading them (the fiscal year, its settings and their bands,
/// weights and tiers) was about a tenth of every view of the page, for settings an admin changes a few times a year. A
/// description is kept until any save of this instance adds, changes or deletes a fiscal year or its settings
/// (<see cref="Interceptor"/>), and for <see cref="Lifetime"/> at most, so a change made through another instance shows
/// within it. Only the page's stale check uses it: rating itself (<see cref="YearEnd.RatingCalculator"/>) always reads the
/// settings, so a rating is never computed with old settings.
/// </summary>
public sealed class RatingSettingsCache(IMemoryCache cache)
{
    /// <summary>The longest a description is used without reading the settings again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private long _generation;

    /// <summary>The description of <paramref name="year"/>'s settings, read through <paramref name="settings"/> when none is remembered.</summary>
    public async Task<string> DescribeAsync(int year, IYearSettingsProvider settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The generation is taken before reading: a save that lands while the settings are read leaves this key behind.
        var key = (nameof(RatingSettingsCache), year, Interlocked.Read(ref _generation));
        if (cache.TryGetValue(key, out string? remembered) && remembered is not null)
        {
            return remembered;
        }

        var described = ProjectRating.Describe(await settings.GetAsync(year, cancellationToken));
        cache.Set(key, described, Lifetime);
        return described;
    }

    /// <summary>Forgets every remembered description (they are keyed by a generation, so old ones simply expire).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// Invalidates the descriptions when a save touches a fiscal year or its settings (their bands, weights and tiers too;
    /// <see cref="InvalidateOnSave"/>).
    /// </summary>
    public sealed class Interceptor(RatingSettingsCache settings) : InvalidateOnSave
    {
        protected override bool Watches(EntityEntry entry) =>
            entry.Entity is FiscalYear or YearSettings
            || entry.Metadata.FindOwnership()?.PrincipalEntityType.ClrType == typeof(YearSettings);

        protected override void Invalidate() => settings.Invalidate();
    }
}
