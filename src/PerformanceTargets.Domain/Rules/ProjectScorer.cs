using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Scores a project's year-end self-evaluation (绩效自评, domain.md §4): 预算执行率 plus each level-1 group
/// (weights from <see cref="EvaluationSettings"/>), each group's weight split evenly among its 三级 indicators unless
/// all of them carry an explicit 分值 adding up to the group weight; total and grade by the settings' bands.
/// This is the unit's own score; a reviewer's adjusted score, if added later, is kept separately.
/// </summary>
public static class ProjectScorer
{
    /// <summary>Scores <paramref name="project"/>; <paramref name="adjustedBudget"/> (调整后预算数) defaults to the project's 预算数.</summary>
    public static ProjectScore Score(BudgetProject project, EvaluationSettings settings, decimal? adjustedBudget = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        return Score(adjustedBudget ?? project.Budget, project.Executed, project.Indicators, settings);
    }

    /// <summary>
    /// Scores a project given only what scoring reads: the budget (预算数, or the adjusted budget), 全年执行数 and the indicators.
    /// The same rules as <see cref="Score(BudgetProject, EvaluationSettings, decimal?)"/>, for callers that read those
    /// columns without loading the whole project (rescoring a year).
    /// </summary>
    public static ProjectScore Score(decimal budget, decimal? executed, IReadOnlyList<Indicator> indicators, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(settings);
        var settingErrors = settings.Validate();
        var execution = ScoreExecution(budget, executed, settings.ExecutionWeight);
        if (settingErrors.Count > 0)
        {
            return new ProjectScore(execution, [], [.. settingErrors.Select(e => $"评分设置无效：{e}")], [], null);
        }

        var errors = new List<string>();
        var notes = new List<ScoreNote>();
        var groups = new List<GroupScore>(settings.GroupWeights.Count);
        var byLevel1 = GroupByLevel1(indicators);
        foreach (var (level1, _) in byLevel1)
        {
            if (!settings.GroupWeights.ContainsKey(level1))
            {
                errors.Add($"一级指标“{level1}”在 {settings.Year} 年的评分设置中没有权重，不能评分。");
            }
        }

        foreach (var (level1, groupWeight) in settings.GroupWeights)
        {
            var group = Find(byLevel1, level1);
            if (group is null)
            {
                notes.Add(new(ScoreNote.EmptyGroup, $"{level1}没有三级指标，该组 {groupWeight} 分无法得分。"));
                groups.Add(new GroupScore(level1, groupWeight, []));
                continue;
            }

            if (!TryAllocateWeights(level1, group, groupWeight, out var weights, out var error))
            {
                errors.Add(error!);
                groups.Add(new GroupScore(level1, groupWeight, []));
                continue;
            }

            var scores = new IndicatorScore[group.Count];
            for (var k = 0; k < scores.Length; k++)
            {
                var score = IndicatorScorer.Score(group[k], weights[k], settings);
                if (score.IsRefused)
                {
                    errors.Add($"{score.Name}：{score.Error}");
                }

                scores[k] = score;
            }

            groups.Add(new GroupScore(level1, groupWeight, scores));
        }

        var groupsTotal = 0m;
        foreach (var group in groups)
        {
            groupsTotal += group.Points;
        }

        var total = execution.Points + groupsTotal;
        var unrated = !HasActuals(executed, indicators);
        var grade = errors.Count == 0 && !unrated ? settings.GradeBands.Classify(total) : null;
        return new ProjectScore(execution, groups, errors, notes, grade) { IsUnrated = unrated };
    }

    /// <summary>
    /// The indicators by their trimmed 一级指标, groups in order of first appearance and indicators in their given order:
    /// a project has a handful of groups, so a list searched in order beats a lookup (rescoring a year groups every project).
    /// </summary>
    private static List<(string Level1, List<Indicator> Indicators)> GroupByLevel1(IReadOnlyList<Indicator> indicators)
    {
        var groups = new List<(string Level1, List<Indicator> Indicators)>(4);
        for (var k = 0; k < indicators.Count; k++)
        {
            var indicator = indicators[k];
            var level1 = indicator.Level1.Trim();
            var group = Find(groups, level1);
            if (group is null)
            {
                group = [];
                groups.Add((level1, group));
            }

            group.Add(indicator);
        }

        return groups;
    }

    private static List<Indicator>? Find(List<(string Level1, List<Indicator> Indicators)> groups, string level1)
    {
        foreach (var group in groups)
        {
            if (group.Level1 == level1)
            {
                return group.Indicators;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether anything of the year end has been entered: a 全年执行数, or an indicator's 实际完成值 or explicit 得分.
    /// A project with none is 未评 (unrated): it gets no grade and is shown as “—”, not as 0 分 差.
    /// </summary>
    public static bool HasActuals(decimal? executed, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (executed is not null)
        {
            return true;
        }

        for (var k = 0; k < indicators.Count; k++)
        {
            if (!string.IsNullOrWhiteSpace(indicators[k].Actual) || indicators[k].ActualScore is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 预算执行率 = executed ÷ budget; score = weight × min(rate, 1). A zero budget scores 0 and is flagged;
    /// a blank 执行数 is "not filled" (0, flagged); a negative 执行数 counts as 0.
    /// </summary>
    public static ExecutionScore ScoreExecution(decimal budget, decimal? executed, decimal weight)
    {
        if (executed is null)
        {
            return new ExecutionScore(weight, 0m, null, [new(ScoreNote.NotFilled, "尚未填写全年执行数，预算执行率暂按 0 分计。")]);
        }

        if (budget <= 0)
        {
            return new ExecutionScore(weight, 0m, null, [new(ScoreNote.ZeroBudget, $"全年预算数为 {budget:N2} 元，无法计算预算执行率，该项得 0 分。")]);
        }

        var notes = new List<ScoreNote>();
        var spent = executed.Value;
        if (spent < 0)
        {
            notes.Add(new(ScoreNote.NegativeActual, $"全年执行数 {spent:N2} 为负数，按 0 计。"));
            spent = 0;
        }

        var rate = spent / budget;
        return new ExecutionScore(weight, weight * Math.Min(rate, 1m), rate * 100, notes);
    }

    /// <summary>
    /// The weight of each indicator of one level-1 group: all explicit 分值 (which must add up to the group weight), or none
    /// (the group weight split evenly, shares truncated to 20 decimals and the last indicator taking the remainder, so the sum is exact).
    /// </summary>
    public static bool TryAllocateWeights(string level1, IReadOnlyList<Indicator> indicators, decimal groupWeight, out IReadOnlyList<decimal> weights, out string? error)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        weights = [];
        error = null;
        var explicitCount = 0;
        for (var k = 0; k < indicators.Count; k++)
        {
            if (indicators[k].Weight is not null)
            {
                explicitCount++;
            }
        }

        if (explicitCount == 0)
        {
            if (indicators.Count == 0)
            {
                return true;
            }

            // Truncated to 20 decimals so that share × (n − 1) + remainder is exact in decimal arithmetic.
            var share = Math.Round(groupWeight / indicators.Count, 20, MidpointRounding.ToZero);
            var even = new decimal[indicators.Count];
            Array.Fill(even, share);
            even[^1] = groupWeight - (share * (indicators.Count - 1));
            weights = even;
            return true;
        }

        if (explicitCount != indicators.Count)
        {
            error = $"{level1}中有的三级指标填写了分值、有的没有；请全部填写，或全部留空由系统平均分配。";
            return false;
        }

        if (indicators.Any(i => i.Weight < 0))
        {
            error = $"{level1}中的分值不能为负数。";
            return false;
        }

        var sum = indicators.Sum(i => i.Weight!.Value);
        if (sum != groupWeight)
        {
            error = $"{level1}各三级指标的分值合计为 {sum}，应等于该组权重 {groupWeight}。";
            return false;
        }

        weights = [.. indicators.Select(i => i.Weight!.Value)];
        return true;
    }
}

/// <summary>预算执行率 score: <see cref="Points"/> out of <see cref="Weight"/>; <see cref="RatePercent"/> null when it cannot be computed.</summary>
public sealed record ExecutionScore(decimal Weight, decimal Points, decimal? RatePercent, IReadOnlyList<ScoreNote> Notes)
{
    public decimal DisplayPoints => Scores.Display(Points);
}

/// <summary>One level-1 group's indicator scores.</summary>
public sealed record GroupScore(string Level1, decimal Weight, IReadOnlyList<IndicatorScore> Indicators)
{
    public decimal Points => Indicators.Sum(i => i.Points);
}

/// <summary>
/// A project's self-evaluation: execution and group scores, the unrounded <see cref="Total"/>, and its <see cref="Grade"/>
/// (null while <see cref="Errors"/> lists anything that could not be scored).
/// </summary>
public sealed record ProjectScore(ExecutionScore Execution, IReadOnlyList<GroupScore> Groups, IReadOnlyList<string> Errors, IReadOnlyList<ScoreNote> Notes, string? Grade)
{
    public decimal Total => Execution.Points + Groups.Sum(g => g.Points);

    public decimal DisplayTotal => Scores.Display(Total);

    public bool IsComplete => Errors.Count == 0;

    /// <summary>未评: no actuals entered yet (<see cref="ProjectScorer.HasActuals"/>); there is no grade and the total means nothing.</summary>
    public bool IsUnrated { get; init; }

    public IEnumerable<IndicatorScore> Indicators => Groups.SelectMany(g => g.Indicators);
}
