namespace PerformanceTargets.Domain.Projects;

/// <summary>
/// A 三级 indicator row of a project's indicator tree, with its 一级 and 二级 categories.
/// The tree is stored as ordered rows (as in the official table), the categories grouping them.
/// </summary>
public class Indicator
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 2000;

    private string? _actual;
    private decimal? _actualScore;
    private string? _deviationReason;

    private Indicator()
    {
        Level1 = string.Empty;
        Level2 = string.Empty;
        Name = string.Empty;
        Description = string.Empty;
        Value = string.Empty;
        Basis = string.Empty;
    }

    public Indicator(string level1, string level2, string name, string description, string value, string basis)
    {
        Level1 = level1;
        Level2 = level2;
        Name = name;
        Description = description;
        Value = value;
        Basis = basis;
    }

    public int Id { get; private set; }

    public int Order { get; set; }

    /// <summary>
    /// Columns of the source table without a field of their own (指标性质, 度量单位, 分值 / 权重 …) as a JSON array of
    /// <c>{"label","value"}</c>; null when there were none.
    /// </summary>
    public string? ExtraFields { get; set; }

    /// <summary>一级指标, e.g. 产出指标.</summary>
    public string Level1 { get; set; }

    /// <summary>二级指标, e.g. 数量指标.</summary>
    public string Level2 { get; set; }

    /// <summary>三级指标 name, e.g. 购置率.</summary>
    public string Name { get; set; }

    /// <summary>绩效指标描述.</summary>
    public string Description { get; set; }

    /// <summary>指标值, exactly as entered, e.g. <c>≥90百分比</c>.</summary>
    public string Value { get; set; }

    /// <summary>指标值确定依据, e.g. 年度工作计划.</summary>
    public string Basis { get; set; }

    /// <summary>Explicit 分值 for self-evaluation; null means the level-1 weight is split evenly.</summary>
    public decimal? Weight { get; set; }

    /// <summary>
    /// Year end: 实际完成值 as entered (e.g. <c>85%</c>, or 达成/部分达成/未达成 for a qualitative indicator). A stored
    /// indicator's actual changes only through <see cref="BudgetProject.RecordActual"/>; <c>init</c> lets a new row carry one
    /// (a copy, demo data, a test's arrangement).
    /// </summary>
    public string? Actual { get => _actual; init => _actual = value; }

    /// <summary>Year end: an explicit score the evaluator gave inside a qualitative tier's range (<see cref="BudgetProject.RecordActual"/>).</summary>
    public decimal? ActualScore { get => _actualScore; init => _actualScore = value; }

    /// <summary>Year end: 偏差原因分析及改进措施 (<see cref="BudgetProject.RecordActual"/>).</summary>
    public string? DeviationReason { get => _deviationReason; init => _deviationReason = value; }

    /// <summary>Sets the year-end fields; <see cref="BudgetProject.RecordActual"/> checks them first.</summary>
    internal void SetActual(string? actual, decimal? score, string? deviationReason)
    {
        _actual = actual;
        _actualScore = score;
        _deviationReason = deviationReason;
    }

    public Indicator Copy() => new(Level1, Level2, Name, Description, Value, Basis) { Order = Order, Weight = Weight };
}
