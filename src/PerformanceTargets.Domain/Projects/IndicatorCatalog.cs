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
    public static bool IsKnownLevel1(string level1) => KnownLevel1.Contains(level1.Trim());

    /// <summary>Every catalogue's 一级 names at once (checked for each indicator read).</summary>
    private static readonly HashSet<string> KnownLevel1 = [.. All.SelectMany(c => c.Categories.Keys)];

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

        // Each item's rank is worked out once, from tables made once (the goal table, the busiest page, ranks every view's
        // indicators). A category no catalogue knows ranks after the known ones, by where it first appears.
        var ranks = new (int Level1, int Level2)[list.Count];
        Dictionary<string, int>? unknown = null;
        int FirstSeen(string key)
        {
            unknown ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (!unknown.TryGetValue(key, out var seen))
            {
                seen = unknown.Count;
                unknown.Add(key, seen);
            }

            return seen;
        }

        var sorted = true;
        for (var k = 0; k < list.Count; k++)
        {
            var l1 = level1(list[k]).Trim();
            var l2 = level2(list[k]).Trim();
            var rank1 = Level1Ranks.TryGetValue(l1, out var known1) ? known1 : Level1Ranks.Count + FirstSeen(l1);
            var rank2 = Level2Ranks.TryGetValue(l1, out var ofLevel1) && ofLevel1.TryGetValue(l2, out var known2)
                ? known2
                : UnknownLevel2Rank + FirstSeen(l1 + "\u0001" + l2);
            ranks[k] = (rank1, rank2);
            sorted &= k == 0 || ranks[k - 1].CompareTo(ranks[k]) <= 0;
        }

        if (sorted)
        {
            return list;
        }

        // Stable: within a group, the order they were typed in.
        var order = new int[list.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (a, b) => ranks[a].CompareTo(ranks[b]) is var c && c != 0 ? c : a.CompareTo(b));
        return [.. order.Select(k => list[k])];
    }

    /// <summary>Every known 一级 name → its place in the standard order of the catalogues.</summary>
    private static readonly Dictionary<string, int> Level1Ranks = new(StringComparer.Ordinal)
    {
        ["产出指标"] = 0,
        ["成本指标"] = 1,
        ["效益指标"] = 2,
        ["满意度指标"] = 3,
    };

    /// <summary>A 二级 name no catalogue knows under its 一级 ranks from here on, after every known one.</summary>
    private const int UnknownLevel2Rank = 1000;

    /// <summary>Every known 一级 → its known 二级 names → their place in catalogue order (the union of the catalogues).</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Level2Ranks = Level1Ranks.Keys.ToDictionary(
        level1 => level1,
        level1 => All.SelectMany(c => c.Categories.TryGetValue(level1, out var l2) ? l2 : []).Distinct()
            .Select((level2, rank) => (level2, rank)).ToDictionary(x => x.level2, x => x.rank, StringComparer.Ordinal),
        StringComparer.Ordinal);
}
