using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Ratings;

public enum RatingsFormat
{
    Json,
    Csv,
    Xlsx,
}

public sealed record ProjectRatingRow(
    int RatingId, string UnitCode, string UnitName, string Code, string Name, decimal Budget, decimal? Executed,
    decimal? ExecutionRate, decimal ExecutionScore, decimal Score, string? Grade, string? Errors)
{
    public IReadOnlyList<IndicatorRatingRow> Indicators { get; init; } = [];
}

public sealed record IndicatorRatingRow(int RatingId, string Level1, string Level2, string Name, string Value, string? Actual, decimal? Weight, decimal? Points, string? DeviationReason);

public sealed record SubGoalRatingRow(string UnitCode, string UnitName, string Indicator, decimal? CompletionRate, string? Grade);

/// <summary>
/// Exports the stored ratings of a year (docs/formats.md §9) as JSON, CSV (one row a project) or .xlsx (sheets 项目评分,
/// 指标明细, 部门分项). Rows are streamed from the database in batches ordered by unit and project code, read with
/// AsNoTracking, and written as they come: memory stays flat whatever the number of projects.
/// </summary>
public sealed class RatingsExporter(AppDbContext db)
{
    public const int BatchSize = 1000;

    public static readonly string[] ProjectColumns = ["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "执行数", "执行率", "执行得分", "总分", "等级"];
    public static readonly string[] IndicatorColumns = ["单位编码", "项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"];
    public static readonly string[] SubGoalColumns = ["单位编码", "单位名称", "分项指标", "完成率", "等级"];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RatingsFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "json" => RatingsFormat.Json,
        "csv" => RatingsFormat.Csv,
        "xlsx" => RatingsFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(RatingsFormat format) => format switch
    {
        RatingsFormat.Json => "application/json",
        RatingsFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static string Extension(RatingsFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Writes the ratings of <paramref name="year"/> (of one unit when <paramref name="unitId"/> is given) to <paramref name="output"/>.</summary>
    public void Write(Stream output, int year, int? unitId, RatingsFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case RatingsFormat.Json:
                WriteJson(output, year, unitId);
                break;
            case RatingsFormat.Csv:
                WriteCsv(output, year, unitId);
                break;
            default:
                WriteXlsx(output, year, unitId);
                break;
        }
    }

    /// <summary>The year's project ratings in unit-code, project-code order, fetched <see cref="BatchSize"/> at a time.</summary>
    public IEnumerable<ProjectRatingRow> Projects(int year, int? unitId, bool withIndicators)
    {
        var ids = (from r in db.ProjectRatings.AsNoTracking()
                   join p in db.Projects on r.ProjectId equals p.Id
                   join u in db.Units on r.UnitId equals u.Id
                   where r.Year == year && (unitId == null || r.UnitId == unitId)
                   orderby u.Code, p.Code
                   select r.Id).ToList();
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var rows = (from r in db.ProjectRatings.AsNoTracking()
                        join p in db.Projects on r.ProjectId equals p.Id
                        join u in db.Units on r.UnitId equals u.Id
                        where chunk.Contains(r.Id)
                        select new ProjectRatingRow(r.Id, u.Code, u.Name, p.Code, p.Name, r.Budget, r.Executed, r.ExecutionRate, r.ExecutionScore, r.Score, r.Grade, r.Errors))
                .ToDictionary(r => r.RatingId);
            var indicators = withIndicators
                ? db.IndicatorRatings.AsNoTracking().Where(i => chunk.Contains(i.ProjectRatingId))
                    .OrderBy(i => i.ProjectRatingId).ThenBy(i => i.Order)
                    .Select(i => new IndicatorRatingRow(i.ProjectRatingId, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.Weight, i.Points, i.DeviationReason))
                    .ToList().ToLookup(i => i.RatingId)
                : null;
            foreach (var id in chunk)
            {
                if (rows.TryGetValue(id, out var row))
                {
                    yield return indicators is null ? row : row with { Indicators = [.. indicators[id]] };
                }
            }
        }
    }

    public IEnumerable<SubGoalRatingRow> SubGoals(int year, int? unitId) =>
        from r in db.SubGoalRatings.AsNoTracking()
        join u in db.Units on r.UnitId equals u.Id
        where r.Year == year && (unitId == null || r.UnitId == unitId)
        orderby u.Code, r.Order
        select new SubGoalRatingRow(u.Code, u.Name, r.Indicator, r.CompletionRate, r.Grade);

    private void WriteJson(Stream output, int year, int? unitId)
    {
        using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartObject();
        json.WriteNumber("year", year);
        json.WriteStartArray("projects");
        foreach (var project in Projects(year, unitId, withIndicators: true))
        {
            json.WriteStartObject();
            json.WriteString("unitCode", project.UnitCode);
            json.WriteString("code", project.Code);
            json.WriteString("name", project.Name);
            Raw(json, "budget", Amount(project.Budget));
            Raw(json, "executed", Amount(project.Executed));
            Raw(json, "executionRate", Plain(project.ExecutionRate));
            Raw(json, "executionScore", Plain(project.ExecutionScore));
            Raw(json, "score", Plain(project.Score));
            Text(json, "grade", project.Grade);
            Text(json, "errors", project.Errors);
            json.WriteStartArray("indicators");
            foreach (var indicator in project.Indicators)
            {
                json.WriteStartObject();
                json.WriteString("level1", indicator.Level1);
                json.WriteString("level2", indicator.Level2);
                json.WriteString("name", indicator.Name);
                json.WriteString("value", indicator.Value);
                Text(json, "actual", indicator.Actual);
                Raw(json, "weight", Plain(indicator.Weight));
                Raw(json, "score", Plain(indicator.Points));
                Text(json, "deviationReason", indicator.DeviationReason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("subGoals");
        foreach (var goal in SubGoals(year, unitId))
        {
            json.WriteStartObject();
            json.WriteString("unitCode", goal.UnitCode);
            json.WriteString("indicator", goal.Indicator);
            Raw(json, "completionRate", Plain(goal.CompletionRate));
            Text(json, "grade", goal.Grade);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private void WriteCsv(Stream output, int year, int? unitId)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', ProjectColumns));
        foreach (var row in Projects(year, unitId, withIndicators: false))
        {
            writer.WriteLine(string.Join(',', ProjectCells(row).Select(Csv)));
        }
    }

    private void WriteXlsx(Stream output, int year, int? unitId)
    {
        var sheets = new Dictionary<string, object>
        {
            ["项目评分"] = Sheet(ProjectColumns, Projects(year, unitId, withIndicators: false).Select(ProjectCells)),
            ["指标明细"] = Sheet(IndicatorColumns, Projects(year, unitId, withIndicators: true).SelectMany(p => p.Indicators.Select(i => new object?[]
            {
                p.UnitCode, p.Code, p.Name, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.Weight, i.Points, i.DeviationReason,
            }))),
            ["部门分项"] = Sheet(SubGoalColumns, SubGoals(year, unitId).Select(g => new object?[] { g.UnitCode, g.UnitName, g.Indicator, g.CompletionRate, g.Grade })),
        };
        output.SaveAs(sheets, excelType: ExcelType.XLSX);
    }

    /// <summary>The 项目评分 cells, shared by the CSV and the .xlsx so both always agree.</summary>
    public static object?[] ProjectCells(ProjectRatingRow row) =>
        [row.UnitCode, row.UnitName, row.Code, row.Name, row.Budget, row.Executed, row.ExecutionRate, row.ExecutionScore, row.Score, row.Grade];

    private static IEnumerable<Dictionary<string, object?>> Sheet(string[] columns, IEnumerable<object?[]> rows)
    {
        var any = false;
        foreach (var cells in rows)
        {
            any = true;
            var row = new Dictionary<string, object?>(columns.Length);
            for (var k = 0; k < columns.Length; k++)
            {
                row[columns[k]] = cells[k];
            }

            yield return row;
        }

        if (!any)
        {
            yield return columns.ToDictionary(c => c, _ => (object?)null);
        }
    }

    private static string Csv(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            decimal d => Plain(d)!,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return Infrastructure.Formatting.CsvField.Of(text);
    }

    private static string? Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros (9.80 → 9.8, 12.50 → 12.5), as the contract shows them.</summary>
    private static string? Plain(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    private static void Raw(Utf8JsonWriter json, string name, string? number)
    {
        json.WritePropertyName(name);
        if (number is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(number, skipInputValidation: true);
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
