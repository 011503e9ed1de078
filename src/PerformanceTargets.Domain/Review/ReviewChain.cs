namespace PerformanceTargets.Domain.Review;

/// <summary>
/// The review chain of a fiscal year (docs/domain-rules.md §9): how many levels an admin configured (1–3) and, for one
/// unit, the stages its submissions pass through in order. The second level is the head of the unit's parent unit
/// (主管部门), so a unit without a parent skips it; the third level is 财政审核.
/// </summary>
public sealed record ReviewChain
{
    public const int MinLevels = 1;

    public const int MaxLevels = 3;

    /// <summary>One level, the unit's own head: the product's behaviour before the chain, and the default of a year.</summary>
    public static readonly ReviewChain UnitOnly = new(1);

    public ReviewChain(int levels)
    {
        if (levels is < MinLevels or > MaxLevels)
        {
            throw new DomainException($"审核级数应为 {MinLevels}–{MaxLevels} 级，现为 {levels}。");
        }

        Levels = levels;
    }

    /// <summary>1: 本单位; 2: 本单位 → 主管部门; 3: 本单位 → 主管部门 → 财政.</summary>
    public int Levels { get; }

    /// <summary>The stages a submission of a unit passes through, in order; <paramref name="unitHasParent"/> decides whether 主管部门 is one.</summary>
    public IReadOnlyList<ReviewStage> StagesFor(bool unitHasParent)
    {
        var stages = new List<ReviewStage>(3) { ReviewStage.Unit };
        if (Levels >= 2 && unitHasParent)
        {
            stages.Add(ReviewStage.Parent);
        }

        if (Levels >= 3)
        {
            stages.Add(ReviewStage.Finance);
        }

        return stages;
    }

    /// <summary>
    /// The stage after <paramref name="current"/> for a unit, or <see cref="ReviewStage.None"/> when an approval at
    /// <paramref name="current"/> is final. A stage not in the unit's chain (the chain was shortened while a record
    /// waited there) is final too.
    /// </summary>
    public ReviewStage After(ReviewStage current, bool unitHasParent)
    {
        var stages = StagesFor(unitHasParent);
        var index = stages.ToList().IndexOf(current);
        return index >= 0 && index < stages.Count - 1 ? stages[index + 1] : ReviewStage.None;
    }

    /// <summary>
    /// The stage a record waits at: none unless it is submitted; a submitted record with no stage (submitted before the
    /// chain existed) waits at the unit's own level.
    /// </summary>
    public static ReviewStage WaitingAt(bool submitted, ReviewStage stage) =>
        !submitted ? ReviewStage.None : stage == ReviewStage.None ? ReviewStage.Unit : stage;

    /// <summary>The chain's levels in Chinese, e.g. "本单位审核 → 主管部门审核".</summary>
    public string Describe(bool unitHasParent = true) => string.Join(" → ", StagesFor(unitHasParent).Select(s => s.ToChinese()));
}
