using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Validates a cumulative spending plan (资金支出计划, domain.md §5): each checkpoint 0–100, non-decreasing,
/// the last at 12月底 = 100. <c>70/70/70/100</c> is valid; <c>25/25/25/25</c> is per-period, not cumulative.
/// </summary>
public static class SpendingPlanRules
{
    /// <summary>Chinese messages, one per problem; empty when the plan is valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<SpendingCheckpoint> plan)
    {
        if (plan is null || plan.Count == 0)
        {
            return ["资金支出计划为空，请填写 3月底、6月底、10月底、12月底的累计支出比例。"];
        }

        var messages = new List<string>();
        var ordered = plan.OrderBy(c => c.Month).ToList();
        if (LooksIncremental(ordered))
        {
            var running = 0m;
            var cumulative = ordered.Select(c => running += c.CumulativePercent);
            messages.Add($"资金支出计划看起来是各期比例而不是累计比例（{Join(ordered.Select(c => c.CumulativePercent))}，合计 100%）；累计比例应为 {Join(cumulative)}。");
        }

        foreach (var month in ordered.Where(c => c.Month is < 1 or > 12).Select(c => c.Month).Distinct())
        {
            messages.Add($"月份 {month} 无效，应在 1 到 12 之间。");
        }

        foreach (var month in ordered.GroupBy(c => c.Month).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            messages.Add($"{month}月底出现了不止一次。");
        }

        foreach (var checkpoint in ordered)
        {
            if (checkpoint.CumulativePercent < 0)
            {
                messages.Add($"{checkpoint.Month}月底的累计支出比例为 {checkpoint.CumulativePercent}%，不能小于 0。");
            }
            else if (checkpoint.CumulativePercent > 100)
            {
                messages.Add($"{checkpoint.Month}月底的累计支出比例为 {checkpoint.CumulativePercent}%，不能超过 100%。");
            }
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].CumulativePercent < ordered[i - 1].CumulativePercent)
            {
                messages.Add($"{ordered[i].Month}月底的累计支出比例（{ordered[i].CumulativePercent}%）低于{ordered[i - 1].Month}月底（{ordered[i - 1].CumulativePercent}%）；累计比例不能减少。");
            }
        }

        var last = ordered[^1];
        if (last.Month != 12)
        {
            messages.Add($"资金支出计划应包含 12月底，最后一期现为 {last.Month}月底。");
        }
        else if (last.CumulativePercent != 100)
        {
            messages.Add($"12月底的累计支出比例应为 100%，现为 {last.CumulativePercent}%。");
        }

        return messages;
    }

    /// <summary>
    /// The months a plan is written at: the official form's checkpoints (<see cref="SpendingCheckpoint.StandardMonths"/>:
    /// 3月底, 6月底, 10月底, 12月底), each at most once. Returns the Chinese refusal, or null when the months are fine; a
    /// missing month is <see cref="Validate"/>'s to report, with the percentages.
    /// </summary>
    public static string? CheckMonths(IEnumerable<int> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var list = months.ToList();
        return list.Any(m => !SpendingCheckpoint.StandardMonths.Contains(m)) || list.Distinct().Count() != list.Count
            ? "资金支出计划的月份应为 3、6、10、12（各一次）。"
            : null;
    }

    /// <summary>
    /// True when the percentages look like per-period shares (several checkpoints, summing to 100, the last below 100),
    /// e.g. 25/25/25/25 or 10/20/30/40.
    /// </summary>
    public static bool LooksIncremental(IReadOnlyList<SpendingCheckpoint> plan) =>
        plan is { Count: > 1 }
        && plan.All(c => c.CumulativePercent >= 0)
        && plan.Sum(c => c.CumulativePercent) == 100m
        && plan.MaxBy(c => c.Month)!.CumulativePercent < 100m;

    private static string Join(IEnumerable<decimal> values) => string.Join("/", values.Select(v => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
}
