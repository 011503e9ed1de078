using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Web.Infrastructure;
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
    /// <summary>未评: no actuals were entered, so the stored 0 分 is no score (<see cref="ProjectRating.Unrated"/>).</summary>
    public bool IsUnrated => ProjectRating.IsUnrated(Grade, Errors);

    /// <summary>已评, 未评 or 无法评级 (<see cref="ProjectRating.StatusOf"/>).</summary>
    public string Status => ProjectRating.StatusOf(Grade, Errors);

    /// <summary>执行得分, or null for an unrated project.</summary>
    public decimal? ShownExecutionScore => IsUnrated ? null : ExecutionScore;

    /// <summary>总分, or null for an unrated project.</summary>
    public decimal? ShownScore => IsUnrated ? null : Score;

    public IReadOnlyList<IndicatorRatingRow> Indicators { get; init; } = [];
}

public sealed record IndicatorRatingRow(int RatingId, string Level1, string Level2, string Name, string Value, string? Actual, decimal? Weight, decimal? Points, string? DeviationReason);

/// <summary>
/// A unit's 部门整体自评 (not stored: scored from its 部门整体支出绩效目标表 by the same rules as a project, with the year's
/// settings), written after the project rows with 类型 部门整体.
/// </summary>
public sealed record DepartmentRatingRow(string UnitCode, string UnitName, decimal Budget, decimal? Executed, Domain.Rules.ProjectScore Score, IReadOnlyList<IndicatorRatingRow> Indicators)
{
    public const string Kind = "部门整体";

    public string Status => Score.IsUnrated ? ProjectRating.UnratedLabel : Score.Grade is not null ? "已评" : "无法评级";

    /// <summary>执行率 as the project rows give it (a fraction, 4 decimals).</summary>
    public decimal? ExecutionRate => Score.Execution.RatePercent is { } percent ? Math.Round(percent / 100m, 4, MidpointRounding.AwayFromZero) : null;

    public decimal? ShownExecutionScore => Score.IsUnrated ? null : Score.Execution.DisplayPoints;

    public decimal? ShownScore => Score.IsUnrated ? null : Score.DisplayTotal;
}

public sealed record SubGoalRatingRow(string UnitCode, string UnitName, string Indicator, decimal? CompletionRate, string? Grade);

/// <summary>
/// Exports the stored ratings of a year (docs/formats.md §9) as JSON, CSV (one row a project) or .xlsx (sheets 项目评分,
/// 指标明细, 部门分项). Rows are streamed from the database, one ordered query a sheet (by unit and project code), read with
/// AsNoTracking, and written as they come (the .xlsx through <see cref="XlsxStreamWriter"/>): memory stays flat whatever
/// the number of projects.
/// </summary>
public sealed partial class RatingsExporter(AppDbContext db, ILogger<RatingsExporter> logger)
{
    public const string ProjectSheet = "项目评分";
    public const string IndicatorSheet = "指标明细";
    public const string SubGoalSheet = "部门分项";

    /// <summary>
    /// Data rows a 指标明细 sheet takes (Excel's limit less the header row); beyond them the rows go on in 指标明细2,
    /// 指标明细3 …, each with the header row. A province's ~1,000,000 indicators reach the limit. Settable for tests.
    /// </summary>
    public int IndicatorRowsPerSheet { get; set; } = XlsxStreamWriter.MaxRows - 1;

    /// <summary>The 项目评分 columns; 类型 (项目 or 部门整体) was added last, so the columns before it keep their places.</summary>
    public static readonly string[] ProjectColumns = ["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "执行数", "执行率", "执行得分", "总分", "等级", "状态", "类型"];

    /// <summary>类型 of a project row.</summary>
    public const string ProjectKind = "项目";
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

    /// <summary>
    /// Writes the ratings of <paramref name="year"/> (of one unit when <paramref name="unitId"/> is given) to <paramref name="output"/>;
    /// <paramref name="departments"/> (部门整体自评) follow the project rows with 类型 部门整体 (JSON: <c>departmentTables</c>).
    /// </summary>
    public void Write(Stream output, int year, int? unitId, RatingsFormat format, IReadOnlyList<DepartmentRatingRow>? departments = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        departments ??= [];
        switch (format)
        {
            case RatingsFormat.Json:
                WriteJson(output, year, unitId, departments);
                break;
            case RatingsFormat.Csv:
                WriteCsv(output, year, unitId, departments);
                break;
            default:
                WriteXlsx(output, year, unitId, departments);
                break;
        }
    }

    /// <summary>
    /// The year's project ratings in unit-code, project-code order: one query, streamed row by row (with the indicators,
    /// one row an indicator joined to its project, grouped back here). Stop enumerating early and the query stops too.
    /// </summary>
    public IEnumerable<ProjectRatingRow> Projects(int year, int? unitId, bool withIndicators) =>
        withIndicators ? ProjectsWithIndicators(year, unitId) : ProjectQuery(year, unitId).AsEnumerable();

    /// <summary>The project ratings of the units <paramref name="unitIds"/> of <paramref name="year"/>, in unit-code, project-code order.</summary>
    public IEnumerable<ProjectRatingRow> ProjectsOfUnits(int year, IReadOnlyCollection<int> unitIds) =>
        ProjectRows(db.ProjectRatings.AsNoTracking().Where(r => r.Year == year && unitIds.Contains(r.UnitId)));

    /// <summary>The sub-goal ratings of the units <paramref name="unitIds"/> of <paramref name="year"/>, in unit-code order.</summary>
    public IEnumerable<SubGoalRatingRow> SubGoalsOfUnits(int year, IReadOnlyCollection<int> unitIds) =>
        SubGoalRows(db.SubGoalRatings.AsNoTracking().Where(r => r.Year == year && unitIds.Contains(r.UnitId)));

    public IEnumerable<SubGoalRatingRow> SubGoals(int year, int? unitId)
    {
        var ratings = db.SubGoalRatings.AsNoTracking().Where(r => r.Year == year);
        return SubGoalRows(unitId is { } id ? ratings.Where(r => r.UnitId == id) : ratings);
    }

    private IQueryable<ProjectRating> Ratings(int year, int? unitId)
    {
        var ratings = db.ProjectRatings.AsNoTracking().Where(r => r.Year == year);
        return unitId is { } id ? ratings.Where(r => r.UnitId == id) : ratings;
    }

    private IQueryable<ProjectRatingRow> ProjectQuery(int year, int? unitId) => ProjectRows(Ratings(year, unitId));

    /// <summary>The 项目评分 rows of <paramref name="ratings"/>, in unit-code, project-code order.</summary>
    private IQueryable<ProjectRatingRow> ProjectRows(IQueryable<ProjectRating> ratings) =>
        from r in ratings
        join p in db.Projects on r.ProjectId equals p.Id
        join u in db.Units on r.UnitId equals u.Id
        orderby u.Code, p.Code, r.Id
        select new ProjectRatingRow(r.Id, u.Code, u.Name, p.Code, p.Name, r.Budget, r.Executed, r.ExecutionRate, r.ExecutionScore, r.Score, r.Grade, r.Errors);

    /// <summary>The 部门分项 rows of <paramref name="ratings"/>, in unit-code order.</summary>
    private IQueryable<SubGoalRatingRow> SubGoalRows(IQueryable<SubGoalRating> ratings) =>
        from r in ratings
        join u in db.Units on r.UnitId equals u.Id
        orderby u.Code, r.Order
        select new SubGoalRatingRow(u.Code, u.Name, r.Indicator, r.CompletionRate, r.Grade);

    private IEnumerable<ProjectRatingRow> ProjectsWithIndicators(int year, int? unitId)
    {
        var rows = from r in Ratings(year, unitId)
                   join p in db.Projects on r.ProjectId equals p.Id
                   join u in db.Units on r.UnitId equals u.Id
                   from i in db.IndicatorRatings.Where(i => i.ProjectRatingId == r.Id).DefaultIfEmpty()
                   orderby u.Code, p.Code, r.Id, i.Order
                   select new
                   {
                       Project = new ProjectRatingRow(r.Id, u.Code, u.Name, p.Code, p.Name, r.Budget, r.Executed, r.ExecutionRate, r.ExecutionScore, r.Score, r.Grade, r.Errors),
                       Indicator = i == null ? null : new IndicatorRatingRow(i.ProjectRatingId, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.Weight, i.Points, i.DeviationReason),
                   };
        ProjectRatingRow? current = null;
        var indicators = new List<IndicatorRatingRow>();
        foreach (var row in rows.AsEnumerable())
        {
            if (current?.RatingId != row.Project.RatingId)
            {
                if (current is not null)
                {
                    yield return current with { Indicators = [.. indicators] };
                }

                current = row.Project;
                indicators.Clear();
            }

            if (row.Indicator is not null)
            {
                indicators.Add(row.Indicator);
            }
        }

        if (current is not null)
        {
            yield return current with { Indicators = [.. indicators] };
        }
    }

    /// <summary>指标明细 rows read ahead of the workbook at most, and handed over at once (<see cref="ReadAhead"/>).</summary>
    private const int IndicatorReadAhead = 8192;

    private const int IndicatorReadAheadChunk = 512;

    /// <summary>分值 and 得分 in <see cref="IndicatorColumns"/> (and in <see cref="IndicatorLine"/>, in the same order).</summary>
    private const int IndicatorWeightColumn = 8;

    private const int IndicatorPointsColumn = 9;

    /// <summary>单位编码, 项目编码 and 项目名称, the first columns of <see cref="IndicatorColumns"/>: the same on every row of a project.</summary>
    private const int IndicatorProjectColumns = 3;

    /// <summary>
    /// On SQLite the 指标明细 rows are read through SQLite's own API as UTF-8 and written to the sheet as they are
    /// (<see cref="SqliteRowReader"/>): the same rows, the same cells, no string a value (the sheet of 900,000 rows took
    /// 3.2–3.3 s through EF Core, 1.9–2.0 s so). On by default; tests turn it off to compare the two.
    /// </summary>
    public bool ReadSqliteDirectly { get; set; } = true;

    /// <summary>
    /// <see cref="IndicatorLines"/> on SQLite, stepped through <see cref="SqliteRowReader"/> in blocks of
    /// <see cref="IndicatorReadAheadChunk"/> rows; a project's own columns are read on its first row only. The query asks
    /// for <see cref="IndicatorLines"/>' rows with SQLite's <c>CROSS JOIN</c>, which keeps the join order as written: units by
    /// code, a unit's projects of the year by code, a rating's indicators by order, so the rows come in the sheet's order
    /// and nothing is sorted (SQLite 3.53 otherwise starts from the projects and sorts all 900,000 rows: 1.5 s against
    /// 0.8 s). Each project has one rating and its code is unique in its year, so the order is <see cref="IndicatorLines"/>'.
    /// </summary>
    private IEnumerable<SqliteRowBlock> IndicatorBlocks(int year, int? unitId)
    {
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p."Id", u."Code", p."Code", p."Name", i."Level1", i."Level2", i."Name", i."Value", i."Actual", i."Weight", i."Points", i."DeviationReason"
            FROM "Units" AS u
            CROSS JOIN "Projects" AS p ON p."UnitId" = u."Id"
            CROSS JOIN "ProjectRatings" AS r ON r."ProjectId" = p."Id"
            CROSS JOIN "IndicatorRatings" AS i ON i."ProjectRatingId" = r."Id"
            WHERE p."Year" = @year AND r."Year" = @year AND (@unit IS NULL OR r."UnitId" = @unit)
            ORDER BY u."Code", p."Code", p."Id", i."Order"
            """;
        command.Parameters.AddWithValue("@year", year);
        command.Parameters.AddWithValue("@unit", unitId is { } id ? id : DBNull.Value);
        db.Database.OpenConnection();
        try
        {
            using var reader = new SqliteRowReader(connection, command);
            if (reader.FieldCount != IndicatorColumns.Length + 1)
            {
                throw new InvalidOperationException($"the 指标明细 query has {reader.FieldCount} columns, the sheet {IndicatorColumns.Length} and the project's id");
            }

            var block = new SqliteRowBlock(IndicatorColumns.Length, IndicatorProjectColumns, IndicatorReadAheadChunk);
            while (reader.Read())
            {
                block.Add(reader);
                if (block.IsFull)
                {
                    yield return block;
                    block = new SqliteRowBlock(IndicatorColumns.Length, IndicatorProjectColumns, IndicatorReadAheadChunk);
                }
            }

            if (block.Count > 0)
            {
                yield return block;
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>The 指标明细 rows: only the columns the sheet shows (one row an indicator, 900,000 at province scale).</summary>
    private IEnumerable<IndicatorLine> IndicatorLines(int year, int? unitId) =>
        from r in Ratings(year, unitId)
        join p in db.Projects on r.ProjectId equals p.Id
        join u in db.Units on r.UnitId equals u.Id
        join i in db.IndicatorRatings on r.Id equals i.ProjectRatingId
        orderby u.Code, p.Code, r.Id, i.Order
        select new IndicatorLine(u.Code, p.Code, p.Name, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.Weight, i.Points, i.DeviationReason);

    private void WriteJson(Stream output, int year, int? unitId, IReadOnlyList<DepartmentRatingRow> departments)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = 0;
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
            Raw(json, "executionScore", Plain(project.ShownExecutionScore));
            Raw(json, "score", Plain(project.ShownScore));
            Text(json, "grade", project.Grade);
            json.WriteString("status", project.Status);
            Text(json, "errors", project.Errors);
            WriteIndicators(json, project.Indicators);
            json.WriteEndObject();
            rows++;
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
        json.WriteStartArray("departmentTables");
        foreach (var department in departments)
        {
            json.WriteStartObject();
            json.WriteString("unitCode", department.UnitCode);
            json.WriteString("unitName", department.UnitName);
            json.WriteString("kind", DepartmentRatingRow.Kind);
            Raw(json, "budget", Amount(department.Budget));
            Raw(json, "executed", Amount(department.Executed));
            Raw(json, "executionRate", Plain(department.ExecutionRate));
            Raw(json, "executionScore", Plain(department.ShownExecutionScore));
            Raw(json, "score", Plain(department.ShownScore));
            Text(json, "grade", department.Score.Grade);
            json.WriteString("status", department.Status);
            Text(json, "errors", department.Score.Errors.Count == 0 ? null : string.Join("；", department.Score.Errors));
            WriteIndicators(json, department.Indicators);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        Written(logger, year, "json", rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The <c>indicators</c> array of a project's or a 部门整体 table's rating.</summary>
    private static void WriteIndicators(Utf8JsonWriter json, IReadOnlyList<IndicatorRatingRow> indicators)
    {
        json.WriteStartArray("indicators");
        foreach (var indicator in indicators)
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
    }

    private void WriteCsv(Stream output, int year, int? unitId, IReadOnlyList<DepartmentRatingRow> departments)
    {
        using var writer = new StreamWriter(output, CsvWriter.Encoding, 64 * 1024, leaveOpen: true);
        var csv = new CsvWriter(writer, decimalFormat: d => Plain(d)!);
        var started = Stopwatch.GetTimestamp();
        var rows = 0;
        csv.WriteRow(ProjectColumns);
        foreach (var row in Projects(year, unitId, withIndicators: false))
        {
            csv.WriteRow(ProjectCells(row));
            rows++;
        }

        foreach (var department in departments)
        {
            csv.WriteRow(DepartmentCells(department));
        }

        writer.Flush();
        Written(logger, year, "csv", rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void WriteXlsx(Stream output, int year, int? unitId, IReadOnlyList<DepartmentRatingRow> departments)
    {
        var indicatorCount = (from r in Ratings(year, unitId) join i in db.IndicatorRatings on r.Id equals i.ProjectRatingId select i.Id).Count();
        var indicatorSheets = Math.Max(1, (indicatorCount + IndicatorRowsPerSheet - 1) / IndicatorRowsPerSheet);
        using var workbook = new XlsxStreamWriter(output, [ProjectSheet, .. IndicatorSheetNames(indicatorSheets), SubGoalSheet]);
        var started = Stopwatch.GetTimestamp();
        var projects = workbook.NextSheet(ProjectColumns);
        foreach (var row in Projects(year, unitId, withIndicators: false))
        {
            projects.BeginRow();
            foreach (var cell in ProjectCells(row))
            {
                Cell(projects, cell);
            }

            projects.EndRow();
        }

        foreach (var department in departments)
        {
            projects.BeginRow();
            foreach (var cell in DepartmentCells(department))
            {
                Cell(projects, cell);
            }

            projects.EndRow();
        }

        var projectRows = projects.Rows - 1;
        Sheet(ProjectSheet, projectRows, year, started);

        started = Stopwatch.GetTimestamp();
        var indicators = workbook.NextSheet(IndicatorColumns);
        var indicatorRows = 0;
        XlsxSheetWriter NextRow()
        {
            if (indicators.Rows - 1 == IndicatorRowsPerSheet)
            {
                indicatorRows += indicators.Rows - 1;
                indicators = workbook.NextSheet(IndicatorColumns);
            }

            indicators.BeginRow();
            return indicators;
        }

        // Read on another thread (the context is used there only, until the last row): the rows are read while the ones
        // before them are formatted and compressed, each side on a core.
        if (ReadSqliteDirectly && db.Database.IsSqlite())
        {
            foreach (var block in ReadAhead.Of(IndicatorBlocks(year, unitId), IndicatorReadAhead / IndicatorReadAheadChunk, 1))
            {
                for (var row = 0; row < block.Count; row++)
                {
                    var sheet = NextRow();
                    for (var column = 0; column < IndicatorColumns.Length; column++)
                    {
                        var value = block.Value(row, column, out var isNull);
                        if (isNull)
                        {
                            sheet.Text(null);
                        }
                        else if (column is IndicatorWeightColumn or IndicatorPointsColumn)
                        {
                            sheet.Utf8Number(value);
                        }
                        else
                        {
                            sheet.Utf8Text(value);
                        }
                    }

                    sheet.EndRow();
                }
            }
        }
        else
        {
            foreach (var i in ReadAhead.Of(IndicatorLines(year, unitId), IndicatorReadAhead, IndicatorReadAheadChunk))
            {
                var sheet = NextRow();
                sheet.Text(i.UnitCode);
                sheet.Text(i.ProjectCode);
                sheet.Text(i.ProjectName);
                sheet.Text(i.Level1);
                sheet.Text(i.Level2);
                sheet.Text(i.Name);
                sheet.Text(i.Value);
                sheet.Text(i.Actual);
                sheet.Number(i.Weight);
                sheet.Number(i.Points);
                sheet.Text(i.DeviationReason);
                sheet.EndRow();
            }
        }

        Sheet(IndicatorSheet, indicatorRows + indicators.Rows - 1, year, started);

        started = Stopwatch.GetTimestamp();
        var subGoals = workbook.NextSheet(SubGoalColumns);
        foreach (var g in SubGoals(year, unitId))
        {
            subGoals.BeginRow();
            subGoals.Text(g.UnitCode);
            subGoals.Text(g.UnitName);
            subGoals.Text(g.Indicator);
            subGoals.Number(g.CompletionRate);
            subGoals.Text(g.Grade);
            subGoals.EndRow();
        }

        Sheet(SubGoalSheet, subGoals.Rows - 1, year, started);
        workbook.Complete();
    }

    /// <summary>指标明细, 指标明细2, 指标明细3 …</summary>
    public static IEnumerable<string> IndicatorSheetNames(int count) =>
        Enumerable.Range(1, count).Select(n => n == 1 ? IndicatorSheet : IndicatorSheet + n.ToString(CultureInfo.InvariantCulture));

    private void Sheet(string sheet, int rows, int year, long started) =>
        Written(logger, year, "xlsx " + sheet, rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>Each part's time, so an export's cost can be compared part by part (bench/export-ratings.sh turns it on).</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Ratings {Year} {Part}: {Rows} rows in {Milliseconds:F0} ms")]
    private static partial void Written(ILogger logger, int year, string part, int rows, double milliseconds);

    private sealed record IndicatorLine(
        string UnitCode, string ProjectCode, string ProjectName, string Level1, string Level2, string Name, string Value, string? Actual, decimal? Weight, decimal? Points, string? DeviationReason);

    private static void Cell(XlsxSheetWriter sheet, object? value)
    {
        switch (value)
        {
            case decimal number:
                sheet.Number(number);
                break;
            case null:
                sheet.Number(null);
                break;
            default:
                sheet.Text(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// The 项目评分 cells, shared by the CSV and the .xlsx so both always agree. An unrated project (未评) has empty score
    /// cells; the 状态 column says 已评, 未评 or 无法评级.
    /// </summary>
    public static object?[] ProjectCells(ProjectRatingRow row) =>
        [row.UnitCode, row.UnitName, row.Code, row.Name, row.Budget, row.Executed, row.ExecutionRate, row.ShownExecutionScore, row.ShownScore, row.Grade, row.Status, ProjectKind];

    /// <summary>A 部门整体 row of 项目评分: no 项目编码, 项目名称 部门整体支出, 类型 部门整体.</summary>
    public static object?[] DepartmentCells(DepartmentRatingRow row) =>
        [row.UnitCode, row.UnitName, string.Empty, "部门整体支出", row.Budget, row.Executed, row.ExecutionRate, row.ShownExecutionScore, row.ShownScore, row.Score.Grade, row.Status, DepartmentRatingRow.Kind];

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
