using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Department;

/// <summary>部门预算总体情况: one 收入来源 and its 预算金额 in 元.</summary>
public sealed record DepartmentIncome(int Order, string Source, decimal Amount);

/// <summary>年度重点工作任务: 任务名称, 主要实施内容, 计划投入 (元) and 期望达到的目标.</summary>
public sealed record DepartmentTask(int Order, string Name, string Content, decimal? PlannedAmount, string ExpectedGoal);

/// <summary>指标值类型 of a 部门整体 indicator: 定量 (a number to measure) or 定性 (a statement to judge).</summary>
public enum IndicatorValueType
{
    Quantitative = 1,
    Qualitative = 2,
}

public static class IndicatorValueTypes
{
    public static string ToChinese(this IndicatorValueType type) => type == IndicatorValueType.Quantitative ? "定量" : "定性";

    /// <summary>定量/定性 (also 定量指标, 定性指标); null for blank; false when the text is neither.</summary>
    public static bool TryParse(string? text, out IndicatorValueType? type)
    {
        type = null;
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return true;
        }

        if (t is "定量" or "定量指标")
        {
            type = IndicatorValueType.Quantitative;
            return true;
        }

        if (t is "定性" or "定性指标")
        {
            type = IndicatorValueType.Qualitative;
            return true;
        }

        return false;
    }
}

/// <summary>
/// A 三级 indicator of a 部门整体 table: the project indicator's concepts (一级/二级/三级, 指标值 read by the same
/// <see cref="Rules.TargetValueParser"/>, 分值, the year-end actual) plus the 部门整体 table's own optional columns
/// (指标值类型, 计量单位, 指标解释, 评（扣）分标准). Scoring sees it as an <see cref="Indicator"/> (<see cref="ToIndicator"/>).
/// </summary>
public sealed class DepartmentIndicator
{
    private DepartmentIndicator()
    {
        Level1 = string.Empty;
        Level2 = string.Empty;
        Name = string.Empty;
        Value = string.Empty;
    }

    public DepartmentIndicator(string level1, string level2, string name, string value)
    {
        Level1 = (level1 ?? string.Empty).Trim();
        Level2 = (level2 ?? string.Empty).Trim();
        Name = (name ?? string.Empty).Trim();
        Value = (value ?? string.Empty).Trim();
    }

    public int Order { get; internal set; }

    public string Level1 { get; private set; }

    public string Level2 { get; private set; }

    /// <summary>三级指标.</summary>
    public string Name { get; private set; }

    /// <summary>指标值, exactly as entered.</summary>
    public string Value { get; private set; }

    /// <summary>指标值类型 (定量/定性); null when the table has none.</summary>
    public IndicatorValueType? ValueType { get; init; }

    /// <summary>计量单位; null when none.</summary>
    public string? MeasureUnit { get; init; }

    /// <summary>指标解释; null when none.</summary>
    public string? Explanation { get; init; }

    /// <summary>评（扣）分标准; null when none.</summary>
    public string? ScoringStandard { get; init; }

    /// <summary>Explicit 分值; null means the level-1 weight is split evenly (as a project's).</summary>
    public decimal? Weight { get; init; }

    /// <summary>Year end: 实际完成值 (<see cref="DepartmentTable.RecordActual"/>).</summary>
    public string? Actual { get; private set; }

    /// <summary>Year end: a qualitative tier's explicit score.</summary>
    public decimal? ActualScore { get; private set; }

    /// <summary>Year end: 偏差原因分析及改进措施.</summary>
    public string? DeviationReason { get; private set; }

    /// <summary>
    /// The value the rules engine reads: 指标值 with the 计量单位 appended when the value states no unit of its own
    /// (<c>95</c> with 计量单位 <c>%</c> is <c>95%</c>).
    /// </summary>
    public string ScoredValue =>
        string.IsNullOrWhiteSpace(MeasureUnit) || Rules.TargetValueParser.Parse(Value) is not Rules.QuantitativeTarget { Unit.Length: 0 }
            ? Value
            : Value + MeasureUnit!.Trim();

    /// <summary>This row as a project indicator, for the rules engine (scoring, quality review): the same concepts, the same rules.</summary>
    public Indicator ToIndicator() => new(Level1, Level2, Name, Explanation ?? string.Empty, ScoredValue, string.Empty)
    {
        Order = Order,
        Weight = Weight,
        Actual = Actual,
        ActualScore = ActualScore,
        DeviationReason = DeviationReason,
    };

    internal void SetActual(string? actual, decimal? score, string? deviationReason)
    {
        Actual = actual;
        ActualScore = score;
        DeviationReason = deviationReason;
    }

    /// <summary>A copy without year-end fields (for a new table or a test).</summary>
    public DepartmentIndicator Copy() => new(Level1, Level2, Name, Value)
    {
        ValueType = ValueType,
        MeasureUnit = MeasureUnit,
        Explanation = Explanation,
        ScoringStandard = ScoringStandard,
        Weight = Weight,
    };
}
