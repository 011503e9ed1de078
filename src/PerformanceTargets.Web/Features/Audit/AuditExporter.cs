using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Web.Infrastructure.Auditing;

namespace PerformanceTargets.Web.Features.Audit;

public enum AuditFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>One audit entry as the JSON download carries it; <see cref="At"/> in China time with its offset (<c>+08:00</c>).</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string UserName, string Action, string? Operation, string EntityType, string EntityKey, int? Year, string? UnitCode, string? ProjectCode, string? Before, string? After);

/// <summary>
/// The one audit-trail export, for the 审计日志 page and the API alike (docs/api.md, "The audit trail download"): the
/// entries of a query in id order, streamed from the database, as JSON (<see cref="AuditEntryDto"/>), CSV (through
/// <see cref="CsvWriter"/>: UTF-8 with a BOM, every cell quoted, formula-like text defused) or .xlsx (one sheet 审计日志,
/// through <see cref="XlsxStreamWriter"/>). Spreadsheet columns are in Chinese (<see cref="Columns"/>); every time is China
/// time written as ISO 8601 with its offset, e.g. <c>2026-11-24T16:30:15+08:00</c>. The door filters and checks access.
/// </summary>
public static class AuditExporter
{
    public const string SheetName = "审计日志";

    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The columns of the csv and the sheet, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["时间（北京时间）", "用户", "动作", "来源", "对象类型", "对象", "年度", "单位编码", "项目编码", "修改前", "修改后", "编号"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    public static AuditFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "json" => AuditFormat.Json,
        "csv" => AuditFormat.Csv,
        "xlsx" => AuditFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(AuditFormat format) => format switch
    {
        AuditFormat.Json => "application/json; charset=utf-8",
        AuditFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The download's name: <c>审计日志-20261124-163015.csv</c> (China time of <paramref name="now"/>).</summary>
    public static string FileName(AuditFormat format, DateTimeOffset now) =>
        $"审计日志-{now.ToOffset(ChinaOffset):yyyyMMdd-HHmmss}.{format.ToString().ToLowerInvariant()}";

    /// <summary>China time of <paramref name="at"/> with its offset, to the second: <c>2026-11-24T16:30:15+08:00</c>.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes the entries of <paramref name="entries"/> (ordered here by id) to a temporary file and returns it open for
    /// reading from its start; the file is deleted when the stream is closed.
    /// </summary>
    public static async Task<Stream> WriteTemporaryAsync(IQueryable<AuditEntry> entries, AuditFormat format, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await WriteAsync(entries, file, format, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the entries of <paramref name="entries"/> (ordered here by id) to <paramref name="output"/> (left open).</summary>
    public static async Task WriteAsync(IQueryable<AuditEntry> entries, Stream output, AuditFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        var rows = entries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken);
        switch (format)
        {
            case AuditFormat.Json:
                await JsonSerializer.SerializeAsync(output, Dto(entries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable(), cancellationToken), Json, cancellationToken);
                break;
            case AuditFormat.Csv:
                await using (var writer = new StreamWriter(output, CsvWriter.Encoding, bufferSize: 1 << 16, leaveOpen: true))
                {
                    var csv = new CsvWriter(writer, alwaysQuote: true);
                    await csv.WriteRowAsync(Columns);
                    await foreach (var entry in rows)
                    {
                        await csv.WriteRowAsync(Cells(entry));
                    }
                }

                break;
            default:
                using (var workbook = new XlsxStreamWriter(output, [SheetName]))
                {
                    var sheet = workbook.NextSheet(Columns);
                    await foreach (var entry in rows)
                    {
                        sheet.BeginRow();
                        foreach (var cell in Cells(entry))
                        {
                            sheet.Value(cell);
                        }

                        sheet.EndRow();
                    }

                    workbook.Complete();
                }

                break;
        }
    }

    /// <summary>One entry's cells in <see cref="Columns"/> order: text, or a number for 年度 and 编号.</summary>
    private static object?[] Cells(AuditEntry a) =>
        [Time(a.At), a.UserName, a.Action, a.Operation, a.EntityType, a.EntityKey, a.Year, a.UnitCode, a.ProjectCode, a.Before, a.After, a.Id];

    private static async IAsyncEnumerable<AuditEntryDto> Dto(IAsyncEnumerable<AuditEntry> entries, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in entries.WithCancellation(cancellationToken))
        {
            yield return new AuditEntryDto(a.Id, a.At.ToOffset(ChinaOffset), a.UserName, a.Action, a.Operation, a.EntityType, a.EntityKey, a.Year, a.UnitCode, a.ProjectCode, a.Before, a.After);
        }
    }
}
