namespace PerformanceTargets.Documents.Actuals;

/// <summary>A located problem in an actuals file: where (file, JSON path or sheet row, project code, indicator name) and what.</summary>
public sealed record ActualsError(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// What an actuals file states (JSON, or the .xlsx 自评表 template): per project the 全年执行数, the cumulative spend at
/// checkpoints and per indicator the 实际完成值, an explicit score for a qualitative tier and the 偏差原因; per unit the
/// sub-goals' completion rates. Each item keeps its location in the file for error messages.
/// </summary>
public sealed class ActualsDocument
{
    /// <summary>Reads an actuals file by its kind: the .xlsx 自评表 template (<see cref="ActualsWorkbook"/>) or the actuals JSON (<see cref="ActualsJson"/>).</summary>
    public static (ActualsDocument? Document, List<ActualsError> Errors) Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        return Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? ActualsWorkbook.Read(content, fileName)
            : ActualsJson.Read(content, fileName);
    }

    public int? Year { get; set; }

    public List<ProjectActuals> Projects { get; } = [];

    public List<SubGoalActual> SubGoals { get; } = [];
}

public sealed class ProjectActuals(string code, string where)
{
    public string Code { get; } = code;

    public string Where { get; } = where;

    /// <summary>False when the file does not mention 执行数 (then it is left as stored).</summary>
    public bool HasExecuted { get; set; }

    public decimal? Executed { get; set; }

    /// <summary>Null when the file does not mention the cumulative spend (then it is left as stored).</summary>
    public List<(int Month, decimal Spent, string Where)>? Spending { get; set; }

    public List<IndicatorActual> Indicators { get; } = [];
}

public sealed record IndicatorActual(string Name, string? Actual, decimal? Score, string? DeviationReason, string Where);

public sealed record SubGoalActual(string UnitCode, string Indicator, decimal? CompletionRate, string Where);
