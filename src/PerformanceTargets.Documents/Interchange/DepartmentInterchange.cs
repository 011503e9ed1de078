using System.Text.Json.Serialization;

namespace PerformanceTargets.Documents.Interchange;

/// <summary>
/// A unit's 部门整体支出绩效目标表 in the JSON interchange (<c>units[].departmentTable</c>, docs/formats.md §10).
/// Amounts are in 元; <see cref="AmountUnit"/> is the unit the document stated.
/// </summary>
public sealed class InterchangeDepartmentTable
{
    /// <summary>部门（单位）名称 as the table states it.</summary>
    public string UnitName { get; set; } = string.Empty;

    /// <summary>部门职责.</summary>
    public string Duties { get; set; } = string.Empty;

    /// <summary>年度总体绩效目标.</summary>
    public string OverallGoal { get; set; } = string.Empty;

    /// <summary><c>元</c> or <c>万元</c>: how the document stated amounts (they are always in 元 here).</summary>
    public string AmountUnit { get; set; } = "元";

    /// <summary>Draft, Submitted, Approved or Returned (Word, text and Excel documents import as Draft).</summary>
    public string Status { get; set; } = "Draft";

    /// <summary>部门预算总体情况: 预算金额 by 收入来源.</summary>
    public List<InterchangeIncome> Incomes { get; set; } = [];

    /// <summary>预算金额合计 (元); derived (the sum of <see cref="Incomes"/>), recomputed on reading.</summary>
    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal TotalBudget { get; set; }

    /// <summary>年度重点工作任务.</summary>
    public List<InterchangeTask> Tasks { get; set; } = [];

    public List<InterchangeDepartmentIndicator> Indicators { get; set; } = [];

    /// <summary>Quality warning codes of the whole table (rules engine); derived, recomputed on reading.</summary>
    public List<string> Warnings { get; set; } = [];
}

public sealed class InterchangeIncome
{
    /// <summary>收入来源, e.g. 一般公共预算拨款.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>预算金额 in 元.</summary>
    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal Amount { get; set; }
}

public sealed class InterchangeTask
{
    /// <summary>任务名称.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>主要实施内容.</summary>
    public string Content { get; set; } = string.Empty;

    /// <summary>计划投入 in 元; null when not stated.</summary>
    public decimal? PlannedAmount { get; set; }

    /// <summary>期望达到的目标.</summary>
    public string ExpectedGoal { get; set; } = string.Empty;
}

/// <summary>A 三级 indicator of a 部门整体 table: a project indicator's levels and value, with the table's own optional columns.</summary>
public sealed class InterchangeDepartmentIndicator
{
    public string Level1 { get; set; } = string.Empty;

    public string Level2 { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>指标值 exactly as entered.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>指标值类型: <c>定量</c> or <c>定性</c>; null when not stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ValueType { get; set; }

    /// <summary>计量单位.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MeasureUnit { get; set; }

    /// <summary>指标解释.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Explanation { get; set; }

    /// <summary>评（扣）分标准.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ScoringStandard { get; set; }

    /// <summary>分值; null means the level-1 weight is split evenly.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Weight { get; set; }

    /// <summary>How the rules engine reads the value (with 计量单位 appended to a bare number); derived.</summary>
    public InterchangeTarget? Target { get; set; }

    /// <summary>Quality warning codes of this indicator; derived.</summary>
    public List<string> Warnings { get; set; } = [];
}
