using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Monitoring;

/// <summary>A located problem in a monitoring file: where (file, sheet and row or JSON path, project code, indicator) and what.</summary>
public sealed record MonitoringFileError(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// What a monitoring file (绩效运行监控 JSON, docs/formats.md §10, or the .xlsx template, §11) states for a round: per
/// project the funds and per indicator row the reported figures. Each item keeps its location for error messages.
/// </summary>
public sealed class MonitoringDocument
{
    /// <summary>Reads a monitoring file by its extension: .xlsx (<see cref="MonitoringWorkbook"/>) or JSON (<see cref="MonitoringJson"/>).</summary>
    public static (MonitoringDocument? Document, List<MonitoringFileError> Errors) Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        return Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? MonitoringWorkbook.Read(content, fileName)
            : MonitoringJson.Read(content, fileName);
    }

    public int? Year { get; set; }

    /// <summary>m of the round's period 1–m月, when the file states it.</summary>
    public int? EndMonth { get; set; }

    public List<ProjectMonitoringData> Projects { get; } = [];

    /// <summary>The Chinese name of a likelihood to its value (确定能, 有可能, 完全不可能); null when unknown.</summary>
    public static Likelihood? ParseLikelihood(string? text) => text?.Trim() switch
    {
        "确定能" => Likelihood.Certain,
        "有可能" => Likelihood.Possible,
        "完全不可能" => Likelihood.Impossible,
        _ => null,
    };

    /// <summary>
    /// 偏差原因 written as names separated by 、 ， , ； ; or spaces (e.g. <c>经费保障、人员保障</c>) to the flags; the names it
    /// does not know in <paramref name="unknown"/>.
    /// </summary>
    public static DeviationCause ParseCauses(IEnumerable<string> names, List<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(unknown);
        var causes = DeviationCause.None;
        foreach (var name in names.SelectMany(n => n.Split(['、', '，', ',', '；', ';', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var match = RunMonitoring.Causes.FirstOrDefault(c => c.Name == name);
            if (match.Name is null)
            {
                unknown.Add(name);
            }
            else
            {
                causes |= match.Cause;
            }
        }

        return causes;
    }

    /// <summary>The flags as names in the official order, joined by 、.</summary>
    public static string CausesText(DeviationCause causes) =>
        string.Join("、", RunMonitoring.Causes.Where(c => causes.HasFlag(c.Cause)).Select(c => c.Name));
}

public sealed class ProjectMonitoringData(string code, string where)
{
    public string Code { get; } = code;

    public string Where { get; } = where;

    /// <summary>年初预算数; null keeps what is stored (the project's budget for a new entry).</summary>
    public decimal? AnnualBudget { get; set; }

    public decimal? ExecutedToDate { get; set; }

    public decimal? ExpectedFullYear { get; set; }

    public List<IndicatorMonitoringData> Indicators { get; } = [];
}

/// <summary>One indicator row's figures: <see cref="Row"/> is the row number of the entry (1-based), <see cref="Name"/> the 三级指标 it must match.</summary>
public sealed record IndicatorMonitoringData(
    int Row,
    string? Name,
    string? CompletedToDate,
    string? ExpectedFullYear,
    Likelihood Likelihood,
    DeviationCause Causes,
    string? DeviationNote,
    string? CorrectiveMeasures,
    string? Remark,
    string Where);
