using System.Globalization;
using System.Text.RegularExpressions;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// A set of grade bands (domain.md §3), highest first, lower bounds inclusive, e.g. 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 ≥ 0.
/// Always valid: lower bounds strictly decrease and the last band is 差 with lower bound 0.
/// Classification uses the unrounded value: 90.00 is 优, 89.99 is 良.
/// </summary>
public sealed partial class RatingBandSet
{
    /// <summary>The grade every band set ends with.</summary>
    public const string Lowest = "差";

    /// <summary>Grade labels a 绩效标准 sentence may use, best first.</summary>
    public static readonly IReadOnlyList<string> StandardGrades = ["优", "良", "中", "差"];

    /// <summary>National default: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below 60.</summary>
    public static readonly RatingBandSet National = Create([new("优", 90m), new("良", 80m), new("中", 60m), new(Lowest, 0m)]);

    private RatingBandSet(IReadOnlyList<RatingBand> bands) => Bands = bands;

    /// <summary>The bands, highest lower bound first.</summary>
    public IReadOnlyList<RatingBand> Bands { get; }

    /// <summary>Creates a band set, or throws <see cref="DomainException"/> with a Chinese message saying what is wrong.</summary>
    public static RatingBandSet Create(IEnumerable<RatingBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return TryCreate(bands, out var set, out var error) ? set! : throw new DomainException(error!);
    }

    /// <summary>Creates a band set, or returns false with a Chinese message saying what is wrong.</summary>
    public static bool TryCreate(IEnumerable<RatingBand>? bands, out RatingBandSet? set, out string? error)
    {
        set = null;
        var list = (bands ?? []).ToList();
        error = Check(list);
        if (error is not null)
        {
            return false;
        }

        set = new RatingBandSet(list.AsReadOnly());
        return true;
    }

    /// <summary>
    /// Reads the bands from a 绩效标准 sentence, e.g.
    /// <c>综合办公日常运转率区间在90%-100%为优；…区间在80%-90%为良；…区间在60%-80%为中；…区间在60%以下为差。</c> → 90/80/60/0.
    /// Each clause (split at ；;。 or a line break) that ends in 为优/为良/为中/为差 (or starts with 优：…) gives its band's
    /// lower bound: the lower end of <c>a-b</c>, <c>a以上</c>/<c>≥a</c>/<c>不低于a</c>, or 0 for <c>a以下</c>/<c>低于a</c>.
    /// Returns false with a Chinese message when no valid band set can be read; never assumes the national bands.
    /// </summary>
    public static bool TryParseStandard(string? sentence, out RatingBandSet? set, out string? error)
    {
        set = null;
        var text = TargetValueParser.NormalizeKeepingBreaks(sentence);
        if (text.Length == 0)
        {
            error = "绩效标准为空，无法读出优、良、中、差的分档。";
            return false;
        }

        var bands = new List<RatingBand>();
        foreach (var clause in ClauseSeparator().Split(text))
        {
            var (grade, head) = FindGrade(clause);
            if (grade is null)
            {
                continue;
            }

            if (bands.Any(b => b.Grade == grade))
            {
                error = $"绩效标准中“{grade}”出现了不止一次：{clause.Trim()}";
                return false;
            }

            if (!TryReadLowerBound(head, out var min))
            {
                error = $"绩效标准中“{grade}”一档没有写出数值区间：{clause.Trim()}";
                return false;
            }

            bands.Add(new RatingBand(grade, min));
        }

        if (bands.Count == 0)
        {
            error = "绩效标准中没有找到“为优/为良/为中/为差”的分档，无法读出评级区间。";
            return false;
        }

        var ordered = bands.OrderByDescending(b => b.Min).ToList();
        var ranks = ordered.Select(b => Array.IndexOf(GradeOrder, b.Grade)).Where(r => r >= 0).ToList();
        for (var i = 1; i < ranks.Count; i++)
        {
            if (ranks[i] < ranks[i - 1])
            {
                var higher = ordered.First(b => Array.IndexOf(GradeOrder, b.Grade) == ranks[i - 1]);
                var lower = ordered.First(b => Array.IndexOf(GradeOrder, b.Grade) == ranks[i]);
                error = $"绩效标准的分档顺序不对：“{higher.Grade}”的下限 {higher.Min} 高于“{lower.Grade}”的下限 {lower.Min}。";
                return false;
            }
        }

        return TryCreate(ordered, out set, out error);
    }

    /// <summary>The standard grades from best to worst; a standard sentence must give them decreasing lower bounds in this order.</summary>
    private static readonly string[] GradeOrder = ["优", "良", "中", "差"];

    /// <summary>The grade of <paramref name="value"/> (unrounded). Throws <see cref="DomainException"/> for a negative value.</summary>
    public string Classify(decimal value) =>
        TryClassify(value, out var grade, out var error) ? grade! : throw new DomainException(error!);

    /// <summary>The grade of <paramref name="value"/>, or false with a Chinese message for a negative value.</summary>
    public bool TryClassify(decimal value, out string? grade, out string? error)
    {
        grade = null;
        if (value < 0)
        {
            error = $"数值 {value} 为负数，不能评级。";
            return false;
        }

        error = null;
        grade = Bands.First(b => value >= b.Min).Grade;
        return true;
    }

    /// <summary>As <see cref="TryClassify(decimal, out string?, out string?)"/>, also refusing NaN and infinities.</summary>
    public bool TryClassify(double value, out string? grade, out string? error)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > (double)decimal.MaxValue)
        {
            grade = null;
            error = "数值无效（不是一个数），不能评级。";
            return false;
        }

        return TryClassify((decimal)value, out grade, out error);
    }

    /// <summary>
    /// The grade of a completion rate (完成率, percent; domain.md §3): a rate above 100 rates as 100;
    /// a negative rate is refused; a missing rate is refused (not yet recorded).
    /// </summary>
    public bool TryRateCompletion(decimal? completionRate, out string? grade, out string? error)
    {
        if (completionRate is null)
        {
            grade = null;
            error = "尚未填写完成率，不能评级。";
            return false;
        }

        if (completionRate < 0)
        {
            grade = null;
            error = $"完成率 {completionRate}% 为负数，不能评级。";
            return false;
        }

        return TryClassify(Math.Min(completionRate.Value, 100m), out grade, out error);
    }

    public override string ToString() => string.Join("，", Bands.Select(b => $"{b.Grade}≥{b.Min.ToString(CultureInfo.InvariantCulture)}"));

    private static string? Check(List<RatingBand> bands)
    {
        if (bands.Count == 0)
        {
            return "评级区间不能为空，至少要有“差”一档。";
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band is null || string.IsNullOrWhiteSpace(band.Grade))
            {
                return $"第{i + 1}档评级区间没有等级名称。";
            }

            if (band.Min < 0)
            {
                return $"“{band.Grade}”的下限 {band.Min} 不能为负数。";
            }

            if (i > 0 && band.Min >= bands[i - 1].Min)
            {
                return $"评级区间的下限必须从高到低严格递减：“{bands[i - 1].Grade}”下限为 {bands[i - 1].Min}，“{band.Grade}”下限为 {band.Min}。";
            }

            if (bands.Take(i).Any(b => b.Grade == band.Grade))
            {
                return $"等级“{band.Grade}”重复出现。";
            }
        }

        var last = bands[^1];
        if (last.Grade != Lowest)
        {
            return $"评级区间必须以“{Lowest}”结尾，最后一档现为“{last.Grade}”。";
        }

        if (last.Min != 0)
        {
            return $"“{Lowest}”一档的下限必须为 0，现为 {last.Min}。";
        }

        return null;
    }

    private static (string? Grade, string Head) FindGrade(string clause)
    {
        var trailing = TrailingGrade().Match(clause);
        if (trailing.Success)
        {
            return (trailing.Groups["grade"].Value, clause[..trailing.Index]);
        }

        var leading = LeadingGrade().Match(clause);
        return leading.Success ? (leading.Groups["grade"].Value, clause[(leading.Index + leading.Length)..]) : (null, clause);
    }

    /// <summary>
    /// The lower bound of a clause: the last range or operator-bearing number (<c>a-b</c>, <c>a以下</c>, <c>≥a</c>) wins over
    /// bare numbers (an indicator name such as 5G覆盖率, or a note such as （不含60%）); failing those, the last bare number.
    /// </summary>
    private static bool TryReadLowerBound(string head, out decimal min)
    {
        min = 0;
        var matches = BoundPattern().Matches(head).ToList();
        var best = matches.LastOrDefault(m => m.Groups["b"].Success || m.Groups["prefix"].Success || m.Groups["suffix"].Success)
            ?? matches.LastOrDefault();
        if (best is null)
        {
            return false;
        }

        var a = ParseNumber(best.Groups["a"].Value);
        if (best.Groups["b"].Success)
        {
            min = Math.Min(a, ParseNumber(best.Groups["b"].Value));
            return true;
        }

        var below = best.Groups["prefix"].Value is "低于" or "小于" or "不足" or "不到" or "<" or "<=" or "≤"
            || best.Groups["suffix"].Value is "及以下" or "以下" or "以内";
        min = below ? 0m : a;
        return true;
    }

    private static decimal ParseNumber(string digits) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : decimal.MaxValue;

    [GeneratedRegex(@"[；;。\n]")]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex(@"为(?<grade>优|良|中|差)[)）]?\s*$")]
    private static partial Regex TrailingGrade();

    [GeneratedRegex(@"^\s*(?<grade>优|良|中|差)\s*[:：]")]
    private static partial Regex LeadingGrade();

    [GeneratedRegex(@"(?<prefix>不低于|不少于|大于等于|低于|小于|不足|不到|高于|大于|<=|>=|<|>|≤|≥)?(?<a>\d+(?:\.\d+)?)%?(?:(?:-|~|至|到)(?<b>\d+(?:\.\d+)?)%?|(?<suffix>及以下|以下|以内|及以上|以上))?")]
    private static partial Regex BoundPattern();
}
