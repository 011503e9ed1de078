namespace PerformanceTargets.Domain.Projects;

/// <summary>
/// The standard indicator categories (一级 → 二级), as versioned data. The 2020 style is the one the seed uses;
/// the 101号 style (2021+) makes 成本指标 its own 一级.
/// </summary>
public sealed class IndicatorCatalog
{
    public static readonly IndicatorCatalog Style2020 = new(
        "2020",
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["产出指标"] = ["数量指标", "质量指标", "时效指标", "成本指标"],
            ["效益指标"] = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
            ["满意度指标"] = ["服务对象满意度指标"],
        });

    public static readonly IndicatorCatalog Style2021 = new(
        "2021",
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["产出指标"] = ["数量指标", "质量指标", "时效指标"],
            ["成本指标"] = ["经济成本指标", "社会成本指标", "生态环境成本指标"],
            ["效益指标"] = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
            ["满意度指标"] = ["服务对象满意度指标"],
        });

    /// <summary>Every catalogue the product knows; an imported document may use any of them.</summary>
    public static readonly IReadOnlyList<IndicatorCatalog> All = [Style2020, Style2021];

    public IndicatorCatalog(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> categories)
    {
        Name = name;
        Categories = categories;
    }

    public string Name { get; }

    /// <summary>一级 name → its 二级 names, in display order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; }

    public IEnumerable<string> Level1Names => Categories.Keys;

    /// <summary>True when any known catalogue has this 一级 name.</summary>
    public static bool IsKnownLevel1(string level1) => All.Any(c => c.Categories.ContainsKey(level1.Trim()));

    /// <summary>True when any known catalogue has this 二级 under this 一级.</summary>
    public static bool IsKnownLevel2(string level1, string level2) =>
        All.Any(c => c.Categories.TryGetValue(level1.Trim(), out var l2) && l2.Contains(level2.Trim()));

    /// <summary>
    /// <paramref name="items"/> grouped as the official table groups indicators: by 一级 in the standard order (产出, 成本,
    /// 效益, 满意度), then by 二级 in its catalogue order, keeping the order they were typed in within a group. A category no
    /// catalogue knows comes after the known ones of its level, in the order it first appears.
    /// </summary>
    public static IReadOnlyList<T> InStandardOrder<T>(IEnumerable<T> items, Func<T, string> level1, Func<T, string> level2)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(level1);
        ArgumentNullException.ThrowIfNull(level2);
        var list = items.ToList();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            firstSeen.TryAdd(level1(item).Trim(), firstSeen.Count);
            firstSeen.TryAdd(level1(item).Trim() + "\u0001" + level2(item).Trim(), firstSeen.Count);
        }

        int Rank1(string l1) => StandardLevel1.IndexOf(l1) is var k && k >= 0 ? k : StandardLevel1.Count + firstSeen[l1];
        int Rank2(string l1, string l2) => StandardLevel2(l1).IndexOf(l2) is var k && k >= 0 ? k : 1000 + firstSeen[l1 + "\u0001" + l2];
        return [.. list.OrderBy(i => Rank1(level1(i).Trim())).ThenBy(i => Rank2(level1(i).Trim(), level2(i).Trim()))];
    }

    /// <summary>Every known 一级 name, in the standard order of the catalogues.</summary>
    private static readonly List<string> StandardLevel1 = ["产出指标", "成本指标", "效益指标", "满意度指标"];

    /// <summary>The known 二级 names under <paramref name="level1"/> in catalogue order (the union of the catalogues).</summary>
    private static List<string> StandardLevel2(string level1) =>
        [.. All.SelectMany(c => c.Categories.TryGetValue(level1, out var l2) ? l2 : []).Distinct()];
}
