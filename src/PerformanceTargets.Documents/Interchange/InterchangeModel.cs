using System.Text.Json.Serialization;

namespace PerformanceTargets.Documents.Interchange;

// The JSON interchange model: a public contract (docs/formats.md). Property names are part of the contract;
// amounts are in 元 and every number is a decimal. Lists are never null.

/// <summary>A year's goal documents of one or more units.</summary>
public sealed class InterchangeDocument
{
    public int Year { get; set; }

    public List<InterchangeUnit> Units { get; set; } = [];
}

/// <summary>A unit (单位) with its plan (第一部分 部门整体绩效目标) and its projects (第二部分 预算项目绩效目标).</summary>
public sealed class InterchangeUnit
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>总体绩效目标, as written; lines joined with <c>\n</c>.</summary>
    public string OverallGoal { get; set; } = string.Empty;

    /// <summary>年度量化目标, one a line; empty when the document has none.</summary>
    public string AnnualTargets { get; set; } = string.Empty;

    /// <summary>工作保障措施, as written; lines joined with <c>\n</c>.</summary>
    public string GuaranteeMeasures { get; set; } = string.Empty;

    public List<InterchangeSubGoal> SubGoals { get; set; } = [];

    public List<InterchangeProject> Projects { get; set; } = [];

    /// <summary>*(added)* The unit's 部门整体支出绩效目标表; omitted when the unit has none (older documents never have it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InterchangeDepartmentTable? DepartmentTable { get; set; }
}

/// <summary>A sub-goal (分项绩效目标).</summary>
public sealed class InterchangeSubGoal
{
    /// <summary>领域, e.g. 综合办公.</summary>
    public string Area { get; set; } = string.Empty;

    /// <summary>The area's heading as written when it is not the plain <c>{area}绩效目标：</c> (e.g. <c>一、综合办公绩效目标：</c>, <c>建设环保职责：</c>); null means the plain form.</summary>
    public string? AreaHeading { get; set; }

    /// <summary>活动, e.g. 办公活动; null when the area has no activity headings.</summary>
    public string? Activity { get; set; }

    /// <summary>The activity's heading as written when it is not the plain <c>一是{activity}：</c> (一, 二 … by its place in the area), e.g. <c>二是财务审计活动</c>; null means the plain form.</summary>
    public string? ActivityHeading { get; set; }

    /// <summary>The text after <c>绩效目标是：</c>.</summary>
    public string Goal { get; set; } = string.Empty;

    /// <summary>The text after <c>绩效指标是</c>, without the closing <c>。</c>.</summary>
    public string Indicator { get; set; } = string.Empty;

    /// <summary>The text after <c>绩效标准是</c>, as written (empty when the document gives none).</summary>
    public string Standard { get; set; } = string.Empty;

    /// <summary>Rating bands, highest first; from the standard when it gives them, else the national default.</summary>
    public List<InterchangeBand> Bands { get; set; } = [];
}

public sealed class InterchangeBand
{
    public string Grade { get; set; } = string.Empty;

    public decimal Min { get; set; }
}

/// <summary>A budget project (预算项目) with its goal table and indicator table.</summary>
public sealed class InterchangeProject
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>预算数 in 元.</summary>
    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal Budget { get; set; }

    /// <summary>其中：财政资金 in 元.</summary>
    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal FiscalFunds { get; set; }

    /// <summary>其他资金 in 元.</summary>
    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal OtherFunds { get; set; }

    /// <summary>The money unit the document states (<c>元</c> or <c>万元</c>); amounts above are always in 元.</summary>
    public string AmountUnit { get; set; } = "元";

    /// <summary>资金用途.</summary>
    public string Purpose { get; set; } = string.Empty;

    /// <summary>Draft, Submitted, Approved or Returned. Word and text documents carry no status: they import as Draft.</summary>
    public string Status { get; set; } = "Draft";

    public List<InterchangeCheckpoint> SpendingPlan { get; set; } = [];

    /// <summary>绩效目标, in order, without their <c>1.</c> numbering.</summary>
    public List<string> Goals { get; set; } = [];

    public List<InterchangeIndicator> Indicators { get; set; } = [];

    /// <summary>Project-level quality warning codes (rules engine); derived, recomputed on import.</summary>
    public List<string> Warnings { get; set; } = [];

    /// <summary>True when <see cref="Code"/> was generated on import (the document had none): provisional until a real code is set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CodeProvisional { get; set; }

    /// <summary>True when the document gave 预算数 without its split: 财政资金 and 其他资金 are unknown (written as 0, not meaningful).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FundsSplitUnknown { get; set; }

    /// <summary>实施期 / 总体 / 长期 (medium-term) goal, as written; null when the document has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediumTermGoal { get; set; }

    /// <summary>What the document says that has no field of its own (主管部门, 实施单位, 项目负责人 …), label and value as written, in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InterchangeExtraField>? Extra { get; set; }

    /// <summary>What the reader noticed (no spending plan, unknown split, generated code, unknown labels …); shown in the import preview.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Notices { get; set; }

    /// <summary>Labels the dictionary does not know; their content is kept in <see cref="Extra"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? UnknownLabels { get; set; }

    public void AddExtra(string label, string value) => (Extra ??= []).Add(new InterchangeExtraField { Label = label, Value = value });

    public void AddNotice(string notice)
    {
        Notices ??= [];
        if (!Notices.Contains(notice))
        {
            Notices.Add(notice);
        }
    }
}

/// <summary>A label and its value as the document wrote them.</summary>
public sealed class InterchangeExtraField
{
    public string Label { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

/// <summary>By the end of <see cref="Month"/>, <see cref="CumulativePercent"/> % of the budget is spent.</summary>
public sealed class InterchangeCheckpoint
{
    public int Month { get; set; }

    [JsonConverter(typeof(CanonicalDecimalConverter))]
    public decimal CumulativePercent { get; set; }
}

/// <summary>A 三级 indicator row with its 一级 and 二级 categories.</summary>
public sealed class InterchangeIndicator
{
    public string Level1 { get; set; } = string.Empty;

    public string Level2 { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>指标值 exactly as entered.</summary>
    public string Value { get; set; } = string.Empty;

    public string Basis { get; set; } = string.Empty;

    /// <summary>How the rules engine reads <see cref="Value"/>; derived, recomputed on import.</summary>
    public InterchangeTarget? Target { get; set; }

    /// <summary>Quality warning codes of this indicator (rules engine); derived, recomputed on import.</summary>
    public List<string> Warnings { get; set; } = [];

    /// <summary>Columns without a field of their own (指标性质, 度量单位, 分值 / 权重 …), header and cell as written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InterchangeExtraField>? Extra { get; set; }
}

/// <summary>The parsed 指标值: <c>quantitative</c> (comparator, number, unit, max for a range) or <c>qualitative</c> (text).</summary>
public sealed class InterchangeTarget
{
    public string Kind { get; set; } = "qualitative";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comparator { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WrittenComparator { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Number { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Max { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; set; }
}

/// <summary>Writes amounts and percents canonically (at least two decimals: 2000000.00, 0.00, 25.00), whatever scale they were read or stored with.</summary>
public sealed class CanonicalDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.GetDecimal();

    public override void Write(System.Text.Json.Utf8JsonWriter writer, decimal value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Mapping.DomainMapping.Canonical(value));
    }
}
