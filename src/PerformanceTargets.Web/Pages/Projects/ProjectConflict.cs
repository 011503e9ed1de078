using System.Globalization;
using PerformanceTargets.Web.Features.Projects;

namespace PerformanceTargets.Web.Pages.Projects;

/// <summary>
/// What a second writer sees when someone else saved the project after they opened the form: every field where the
/// stored project (the other person's save) differs from what they posted, with both values, so they can merge by hand.
/// </summary>
public static class ProjectConflict
{
    public sealed record Difference(string Field, string Stored, string Yours);

    public static IReadOnlyList<Difference> Compare(ProjectInput stored, ProjectInput yours)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(yours);
        var differences = new List<Difference>();
        void Add(string field, string? a, string? b)
        {
            a = (a ?? string.Empty).Trim();
            b = (b ?? string.Empty).Trim();
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                differences.Add(new Difference(field, a, b));
            }
        }

        Add("项目编码", stored.Code, yours.Code);
        Add("项目名称", stored.Name, yours.Name);
        Add("预算数", Amount(stored.Budget), Amount(yours.Budget));
        Add("财政资金", Amount(stored.FiscalFunds), Amount(yours.FiscalFunds));
        Add("其他资金", Amount(stored.OtherFunds), Amount(yours.OtherFunds));
        Add("资金用途", stored.Purpose, yours.Purpose);
        Add("资金支出计划", Plan(stored.Plan), Plan(yours.Plan));
        for (var k = 0; k < Math.Max(stored.Goals.Count, yours.Goals.Count); k++)
        {
            Add($"绩效目标 {k + 1}", k < stored.Goals.Count ? stored.Goals[k] : null, k < yours.Goals.Count ? yours.Goals[k] : null);
        }

        for (var k = 0; k < Math.Max(stored.Indicators.Count, yours.Indicators.Count); k++)
        {
            Add($"第 {k + 1} 行绩效指标", k < stored.Indicators.Count ? Row(stored.Indicators[k]) : null, k < yours.Indicators.Count ? Row(yours.Indicators[k]) : null);
        }

        return differences;
    }

    private static string Amount(decimal? value) => value?.ToString("N2", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Plan(IEnumerable<decimal?> plan) =>
        string.Join(" / ", plan.Select(p => p?.ToString("0.##", CultureInfo.InvariantCulture) + "%"));

    private static string Row(IndicatorInput i) =>
        string.Join(" · ", new[] { i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis }.Select(s => (s ?? string.Empty).Trim()));
}
