using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// A target-quality warning (domain.md §7): a stable <see cref="Code"/>, a Chinese <see cref="Message"/> for the user,
/// the <see cref="Rule"/> that fired (with what it matched), and the indicator's order (null = project-level).
/// Warnings never block saving.
/// </summary>
public sealed record QualityWarning(string Code, string Message, string Rule, int? IndicatorOrder);

/// <summary>
/// The review aid of domain.md §7: checks a project's indicators for vague, undecided, non-numeric, mismatched,
/// repeated and over-budget values, missing categories and duplicate names.
/// </summary>
public static class QualityReview
{
    public const string VagueValue = "vague-value";
    public const string UndecidedValue = "undecided-value";
    public const string QuantityNotNumeric = "quantity-not-numeric";
    public const string UnitMismatch = "unit-mismatch";
    public const string ValueRepeatsName = "value-repeats-name";
    public const string CostExceedsBudget = "cost-exceeds-budget";
    public const string MissingCategory = "missing-category";
    public const string DuplicateName = "duplicate-name";
    public const string ValueTypeMismatch = "value-type-mismatch";

    /// <summary>A short Chinese name of a warning code, for lists and charts (the full message says why it fired).</summary>
    public static string LabelOf(string code) => code switch
    {
        VagueValue => "表述模糊",
        UndecidedValue => "指标值未确定",
        QuantityNotNumeric => "数量指标非数值",
        UnitMismatch => "单位与指标不符",
        ValueRepeatsName => "指标值重复名称",
        CostExceedsBudget => "成本超过预算",
        MissingCategory => "缺少指标类别",
        DuplicateName => "指标重名",
        ValueTypeMismatch => "与指标值类型不符",
        _ => code,
    };

    /// <summary>Vague words that make a qualitative value unmeasurable.</summary>
    public static readonly IReadOnlyList<string> VagueWords = ["提高", "提升", "进一步", "加强", "有所", "明显", "较好", "逐步"];

    /// <summary>Name endings that make an indicator a rate.</summary>
    public static readonly IReadOnlyList<string> RateEndings = ["率", "比例", "占比"];

    /// <summary>Name endings that make an indicator a count.</summary>
    public static readonly IReadOnlyList<string> CountEndings = ["数量", "个数", "人数", "次数", "户数", "件数", "项数", "家数"];

    /// <summary>Units a rate may use.</summary>
    public static readonly IReadOnlyList<string> RateUnits = ["%", "‰", "百分点", "个百分点"];

    private const string Output = "产出指标";
    private static readonly string[] RequiredLevel1 = [Output, "效益指标", "满意度指标"];
    private static readonly string[] RequiredOutputLevel2 = ["数量指标", "质量指标", "时效指标"];

    /// <summary>Every warning of a project: each indicator's, then the project-level ones (missing categories, duplicate names).</summary>
    public static IReadOnlyList<QualityWarning> Review(BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var warnings = project.Indicators.SelectMany(i => ReviewIndicator(i, project.Budget)).ToList();
        warnings.AddRange(MissingCategories(project.Indicators));
        warnings.AddRange(DuplicateNames(project.Indicators));
        return warnings;
    }

    /// <summary>The warnings of one indicator; <paramref name="projectBudget"/> (元) enables <c>cost-exceeds-budget</c>.</summary>
    public static IReadOnlyList<QualityWarning> ReviewIndicator(Indicator indicator, decimal? projectBudget)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var warnings = new List<QualityWarning>();
        var order = indicator.Order == 0 ? (int?)null : indicator.Order;
        var name = indicator.Name.Trim();
        var value = TargetValueParser.Parse(indicator.Value);
        void Add(string code, string message, string rule) => warnings.Add(new QualityWarning(code, message, rule, order));

        if (value is QualitativeTarget qualitative)
        {
            var text = qualitative.Text;
            var vague = FirstContained(VagueWords, text);
            if (vague is not null)
            {
                Add(VagueValue, $"指标值“{text}”含模糊用语“{vague}”，难以衡量；能量化的请写出具体数值。", $"定性指标值含模糊用语：{vague}");
            }

            if (IsUndecided(text))
            {
                Add(UndecidedValue, $"指标值“{text}”给出了选项而不是目标，请写明要达到的目标（如“是”或具体数值）。", "指标值含“/”分隔的备选项");
            }

            if (text.Length > 0 && Level2Is(indicator, "数量指标"))
            {
                Add(QuantityNotNumeric, $"数量指标“{name}”的指标值“{text}”不是数值，请填写数量和单位（如“≥2个”）。", "数量指标的指标值不是数值");
            }

            if (text.Length > 0 && (Same(text, name) || Same(text, indicator.Description)))
            {
                Add(ValueRepeatsName, $"指标值“{text}”只是重复了指标名称或描述，请写出可衡量的目标值。", Same(text, name) ? "指标值与三级指标名称相同" : "指标值与绩效指标描述相同");
            }
        }
        else if (value is QuantitativeTarget quantitative)
        {
            CheckUnit(name, quantitative, Add);
            if (projectBudget is not null && IsCost(indicator))
            {
                CheckCost(quantitative, projectBudget.Value, Add);
            }
        }

        return warnings;
    }

    /// <summary>
    /// Every warning of a 部门整体 table: each indicator's (the project rules, the table's 预算金额合计 as the budget), the
    /// value-type checks (<see cref="ReviewValueType"/>), then missing categories and duplicate names.
    /// </summary>
    public static IReadOnlyList<QualityWarning> Review(DepartmentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var indicators = table.Indicators.Select(i => i.ToIndicator()).ToList();
        var warnings = new List<QualityWarning>();
        foreach (var (row, indicator) in table.Indicators.Zip(indicators))
        {
            warnings.AddRange(ReviewIndicator(indicator, table.TotalBudget));
            warnings.AddRange(ReviewValueType(row.Value, row.ValueType, row.MeasureUnit, row.Name, row.Order == 0 ? null : row.Order));
        }

        warnings.AddRange(MissingCategories(indicators));
        warnings.AddRange(DuplicateNames(indicators));
        return warnings;
    }

    /// <summary>
    /// <c>value-type-mismatch</c> (domain-rules.md): a 指标值 that contradicts its declared 指标值类型 or 计量单位 —
    /// an amount whose unit cannot be reconciled with the 计量单位 (<c>28.8万元</c> with <c>%</c>; <c>万元</c> with <c>元</c>
    /// is a scale and passes), or a text (<c>按月安排</c>) typed 定量. A number typed 定性 is allowed (a tier may be described by a number).
    /// </summary>
    public static IReadOnlyList<QualityWarning> ReviewValueType(string value, IndicatorValueType? type, string? measureUnit, string name, int? order)
    {
        var warnings = new List<QualityWarning>();
        var parsed = TargetValueParser.Parse(value ?? string.Empty);
        var unit = TargetValueParser.NormalizeUnit(measureUnit);
        if (parsed is QuantitativeTarget quantitative && quantitative.Unit.Length > 0 && unit.Length > 0
            && !MeasureUnits.TryConvert(1m, quantitative.Unit, unit, out _))
        {
            warnings.Add(new QualityWarning(
                ValueTypeMismatch,
                $"“{name}”的指标值“{value}”以“{quantitative.Unit}”为单位，与计量单位“{measureUnit!.Trim()}”不符，请核实。",
                $"指标值的单位与计量单位不能换算：{quantitative.Unit} / {unit}",
                order));
        }
        else if (type == IndicatorValueType.Quantitative && parsed is QualitativeTarget { Text.Length: > 0 } text)
        {
            warnings.Add(new QualityWarning(
                ValueTypeMismatch,
                $"“{name}”标为定量指标，指标值“{text.Text}”却不是数值；请填写数值和单位，或改为定性指标。",
                "定量指标的指标值不是数值",
                order));
        }

        return warnings;
    }

    private static void CheckUnit(string name, QuantitativeTarget value, Action<string, string, string> add)
    {
        var isRate = EndsWithAny(name, RateEndings);
        var isCount = EndsWithAny(name, CountEndings);
        if (isRate && value.Unit.Length > 0 && !RateUnits.Contains(value.Unit))
        {
            add(UnitMismatch, $"“{name}”是比率，指标值却以“{value.Unit}”为单位；比率应以 % 表示。", $"比率类指标（名称以率/比例结尾）使用了计数单位：{value.Unit}");
        }
        else if (isRate && value.IsPercent && (value.Max ?? value.Number) > 100)
        {
            add(UnitMismatch, $"“{name}”是比率，指标值 {value.Max ?? value.Number}% 超过了 100%，请核实。", "比率类指标的百分比超过 100");
        }
        else if (isCount && value.IsPercent)
        {
            add(UnitMismatch, $"“{name}”是数量，指标值却以 % 表示；数量应写明计数单位（如人、个）。", "数量类指标使用了百分比");
        }
    }

    private static void CheckCost(QuantitativeTarget value, decimal budget, Action<string, string, string> add)
    {
        if (value.Comparator == TargetValue.AtLeast || !MeasureUnits.IsMoney(value.Unit))
        {
            return;
        }

        var cap = value.Max ?? value.Number;
        if (MeasureUnits.TryConvert(cap, value.Unit, "元", out var capYuan) && capYuan > budget)
        {
            add(CostExceedsBudget, $"成本指标上限 {cap}{value.Unit}（{capYuan:N2} 元）超过项目预算数 {budget:N2} 元。", "成本指标上限（换算为元）大于预算数");
        }
    }

    private static IEnumerable<QualityWarning> MissingCategories(IReadOnlyList<Indicator> indicators)
    {
        var level1s = indicators.Select(i => i.Level1.Trim()).ToHashSet();
        foreach (var missing in RequiredLevel1.Where(l => !level1s.Contains(l)))
        {
            yield return new QualityWarning(MissingCategory, $"项目没有{missing}，请补充。", $"缺少一级指标：{missing}", null);
        }

        if (level1s.Contains(Output))
        {
            var level2s = indicators.Where(i => i.Level1.Trim() == Output).Select(i => i.Level2.Trim()).ToHashSet();
            var missing = RequiredOutputLevel2.Where(l => !level2s.Contains(l)).ToList();
            if (missing.Count > 0)
            {
                var list = string.Join("、", missing);
                yield return new QualityWarning(MissingCategory, $"产出指标缺少{list}，请补充。", $"产出指标缺少二级指标：{list}", null);
            }
        }
    }

    private static IEnumerable<QualityWarning> DuplicateNames(IReadOnlyList<Indicator> indicators)
    {
        var seen = new Dictionary<string, Indicator>();
        foreach (var indicator in indicators)
        {
            var name = indicator.Name.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                yield return new QualityWarning(DuplicateName, $"三级指标“{name}”与第 {first.Order} 行重名，请合并或改名。", "同一项目中三级指标名称重复", indicator.Order == 0 ? null : indicator.Order);
            }
            else
            {
                seen[name] = indicator;
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> ends with one of <paramref name="endings"/> (a loop: this runs for every indicator read).</summary>
    private static bool EndsWithAny(string text, IReadOnlyList<string> endings)
    {
        foreach (var ending in endings)
        {
            if (text.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first of <paramref name="words"/> that <paramref name="text"/> contains, or null.</summary>
    private static string? FirstContained(IReadOnlyList<string> words, string text)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>Alternatives instead of a target: 是/否, 有／无, 是或否.</summary>
    private static bool IsUndecided(string text)
    {
        var normalized = TargetValueParser.Normalize(text);
        if (normalized is "是或否" or "有或无" or "是否")
        {
            return true;
        }

        return normalized.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length >= 2;
    }

    private static bool IsCost(Indicator indicator) =>
        Level2Is(indicator, "成本指标") || indicator.Level1.Trim() == "成本指标" || indicator.Level2.Trim().EndsWith("成本指标", StringComparison.Ordinal);

    private static bool Level2Is(Indicator indicator, string level2) => indicator.Level2.Trim() == level2;

    private static bool Same(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }

        var other = TargetValueParser.Normalize(b);
        return other.Length > 0 && TargetValueParser.Normalize(a) == other;
    }
}
