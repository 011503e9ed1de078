using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Library;

/// <summary>Whether a library entry is a vetted standard indicator or a candidate met in an import or a saved project.</summary>
public enum LibraryStatus
{
    /// <summary>Seen in an import or a saved project; offered in the editor marked 候选 until an admin promotes it.</summary>
    Candidate,

    /// <summary>A standard indicator (标准指标) of the library.</summary>
    Standard,
}

/// <summary>
/// An indicator of the indicator library (指标库): 一级/二级/三级 name, 指标解释, the suggested comparator and unit, a typical
/// value, its 依据 and the fields it suits. One entry per (一级, 二级, 三级 name); see <see cref="KeyOf"/>.
/// </summary>
public sealed class LibraryIndicator
{
    public const int NameMaxLength = Indicator.NameMaxLength;
    public const int TextMaxLength = Indicator.TextMaxLength;
    public const int ShortMaxLength = 32;
    public const int LevelMaxLength = 50;

    private LibraryIndicator()
    {
        Level1 = string.Empty;
        Level2 = string.Empty;
        Name = string.Empty;
        Description = string.Empty;
        Comparator = string.Empty;
        MeasureUnit = string.Empty;
        TypicalValue = string.Empty;
        Basis = string.Empty;
        Fields = string.Empty;
        Source = string.Empty;
    }

    public LibraryIndicator(string level1, string level2, string name, LibraryStatus status, string source)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(level1);
        ArgumentException.ThrowIfNullOrWhiteSpace(level2);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Level1 = level1.Trim();
        Level2 = level2.Trim();
        Name = Clip(name.Trim(), NameMaxLength);
        Status = status;
        Source = Clip((source ?? string.Empty).Trim(), NameMaxLength);
    }

    public int Id { get; private set; }

    public string Level1 { get; private set; }

    public string Level2 { get; private set; }

    /// <summary>三级指标名称.</summary>
    public string Name { get; private set; }

    /// <summary>指标解释 (how it is measured, e.g. 实际购置数量/计划购置数量×100%).</summary>
    public string Description { get; private set; }

    /// <summary>The suggested comparator as written (≥, ≤, =, 区间) or empty for a qualitative indicator.</summary>
    public string Comparator { get; private set; }

    /// <summary>The suggested unit of measure (%, 人, 万元 …); empty when none.</summary>
    public string MeasureUnit { get; private set; }

    /// <summary>A typical 指标值, e.g. ≥90%.</summary>
    public string TypicalValue { get; private set; }

    /// <summary>指标值确定依据, e.g. 年度工作计划.</summary>
    public string Basis { get; private set; }

    /// <summary>The fields (领域/行业) it suits, e.g. 通用, 综合办公, 教育.</summary>
    public string Fields { get; private set; }

    public LibraryStatus Status { get; private set; }

    /// <summary>Where it came from: 通用指标, 导入 631001 …, 项目 631001/… .</summary>
    public string Source { get; private set; }

    /// <summary>The de-duplication key: the three levels without white space.</summary>
    public static string KeyOf(string level1, string level2, string name) =>
        string.Join('|', Squeeze(level1), Squeeze(level2), Squeeze(name));

    public string Key => KeyOf(Level1, Level2, Name);

    /// <summary>An entry described by an indicator used in a project: its description, value, basis, and the comparator and unit its value reads as.</summary>
    public static LibraryIndicator FromUsage(Indicator indicator, LibraryStatus status, string source, string fields = "")
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var entry = new LibraryIndicator(indicator.Level1, indicator.Level2, indicator.Name, status, source);
        var (comparator, unit) = SuggestedFrom(indicator.Value);
        entry.Describe(indicator.Description, comparator, unit, indicator.Value, indicator.Basis, fields);
        return entry;
    }

    /// <summary>The comparator as written and the unit a value reads as (<see cref="TargetValueParser"/>); empty for a qualitative value.</summary>
    public static (string Comparator, string Unit) SuggestedFrom(string? value) => TargetValueParser.Parse(value) switch
    {
        QuantitativeTarget q => (q.IsRange ? "区间" : Written(q.WrittenComparator), q.Unit),
        _ => (string.Empty, string.Empty),
    };

    public void Describe(string? description, string? comparator, string? measureUnit, string? typicalValue, string? basis, string? fields)
    {
        Description = Clip((description ?? string.Empty).Trim(), TextMaxLength);
        Comparator = Clip((comparator ?? string.Empty).Trim(), ShortMaxLength);
        MeasureUnit = Clip((measureUnit ?? string.Empty).Trim(), ShortMaxLength);
        TypicalValue = Clip((typicalValue ?? string.Empty).Trim(), NameMaxLength);
        Basis = Clip((basis ?? string.Empty).Trim(), NameMaxLength);
        Fields = Clip((fields ?? string.Empty).Trim(), NameMaxLength);
    }

    public void Rename(string level1, string level2, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(level1);
        ArgumentException.ThrowIfNullOrWhiteSpace(level2);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Level1 = level1.Trim();
        Level2 = level2.Trim();
        Name = Clip(name.Trim(), NameMaxLength);
    }

    /// <summary>An admin accepts the candidate as a standard indicator (入库).</summary>
    public void Promote() => Status = LibraryStatus.Standard;

    private static string Written(string comparator) => comparator switch
    {
        ">=" => "≥",
        "<=" => "≤",
        _ => comparator,
    };

    private static string Squeeze(string? text)
    {
        text ??= string.Empty;
        var first = 0;
        while (first < text.Length && !char.IsWhiteSpace(text[first]))
        {
            first++;
        }

        // Most names have no white space at all: the text itself, with nothing allocated.
        if (first == text.Length)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first + 1; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
