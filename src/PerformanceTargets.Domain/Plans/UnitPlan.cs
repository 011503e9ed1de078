using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Plans;

/// <summary>
/// A unit's plan for one fiscal year (部门整体绩效目标): the overall goal, the quantified annual targets,
/// the sub-goals (分项绩效目标) and the guarantee measures (工作保障措施).
/// </summary>
public class UnitPlan
{
    public const int TextMaxLength = 20000;

    private readonly List<SubGoal> _subGoals = [];

    private UnitPlan()
    {
        OverallGoal = string.Empty;
        AnnualTargets = string.Empty;
        GuaranteeMeasures = string.Empty;
    }

    public UnitPlan(int unitId, int year)
        : this()
    {
        UnitId = unitId;
        Year = year;
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>总体绩效目标, as written (multi-line).</summary>
    public string OverallGoal { get; set; }

    /// <summary>Quantified annual targets (年度量化目标), e.g. 新引进亿元项目8个以上; one a line.</summary>
    public string AnnualTargets { get; set; }

    /// <summary>工作保障措施, as written (multi-line).</summary>
    public string GuaranteeMeasures { get; set; }

    public IReadOnlyList<SubGoal> SubGoals => _subGoals;

    /// <summary>Optimistic-concurrency token, renewed on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// Records a sub-goal's year-end completion rate (完成率, percent; null clears it). Refuses (a <see cref="DomainException"/>)
    /// a sub-goal of another plan and a rate its bands cannot rate (<see cref="RatingBandSet.TryRateCompletion"/>: a negative
    /// rate); a rate above 100 is kept as reported and rates as 100.
    /// </summary>
    public void RecordCompletion(SubGoal subGoal, decimal? completionRate)
    {
        ArgumentNullException.ThrowIfNull(subGoal);
        if (!_subGoals.Contains(subGoal))
        {
            throw new DomainException($"分项目标“{subGoal.Indicator}”不属于该单位的部门整体绩效目标。");
        }

        if (completionRate is not null && RatingBandSet.TryCreate(subGoal.Bands, out var bands, out _)
            && !bands!.TryRateCompletion(completionRate, out _, out var error))
        {
            throw new DomainException(error!);
        }

        subGoal.SetCompletion(completionRate);
    }

    public void ReplaceSubGoals(IEnumerable<SubGoal> subGoals)
    {
        _subGoals.Clear();
        var order = 1;
        foreach (var goal in subGoals)
        {
            goal.Order = order++;
            _subGoals.Add(goal);
        }
    }
}
