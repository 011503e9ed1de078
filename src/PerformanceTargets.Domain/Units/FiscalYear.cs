using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Units;

/// <summary>
/// A fiscal year (预算年度) the product holds data for. Closed years are read-only. The year also holds how its goal
/// tables are reviewed: the levels of its review chain and the review-assistant checks switched off for it.
/// </summary>
public class FiscalYear
{
    public const int DisabledChecksMaxLength = 1000;

    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    private FiscalYear()
    {
    }

    public FiscalYear(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainException($"年度 {year} 不在 {MinYear}–{MaxYear} 之间。");
        }

        Year = year;
        IsOpen = true;
        ReviewLevels = ReviewChain.MinLevels;
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public bool IsOpen { get; private set; }

    /// <summary>How many levels the year's review chain has (1–3; see <see cref="ReviewChain"/>).</summary>
    public int ReviewLevels { get; private set; }

    /// <summary>The codes of <see cref="ReviewAssistant.Checks"/> switched off for the year, comma-separated ("" when none).</summary>
    public string DisabledReviewChecks { get; private set; } = string.Empty;

    /// <summary>The year's review chain.</summary>
    public ReviewChain Chain => new(ReviewLevels is >= ReviewChain.MinLevels and <= ReviewChain.MaxLevels ? ReviewLevels : ReviewChain.MinLevels);

    /// <summary>The review-assistant checks switched off for the year.</summary>
    public IReadOnlySet<string> DisabledChecks =>
        DisabledReviewChecks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Sets the review chain's levels and the review-assistant checks switched off; throws <see cref="DomainException"/>
    /// (in Chinese) for a level count outside 1–3 or a check code the assistant does not have.
    /// </summary>
    public void ConfigureReview(int levels, IEnumerable<string> disabledChecks)
    {
        ArgumentNullException.ThrowIfNull(disabledChecks);
        _ = new ReviewChain(levels);
        var codes = disabledChecks.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = codes.Where(c => ReviewAssistant.Checks.All(k => k.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"没有这些审核要点：{string.Join("、", unknown)}。可选：{string.Join("、", ReviewAssistant.Checks.Select(k => $"{k.Code}（{k.Label}）"))}。");
        }

        ReviewLevels = levels;
        DisabledReviewChecks = string.Join(',', ReviewAssistant.Checks.Select(k => k.Code).Where(codes.Contains));
    }

    public void Close() => IsOpen = false;

    public void Reopen() => IsOpen = true;
}
