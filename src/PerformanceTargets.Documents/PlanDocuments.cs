using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Documents;

/// <summary>The formats a goal document comes in and goes out as.</summary>
public enum DocumentKind
{
    Json,
    Text,
    Docx,

    /// <summary>Goal tables filled in Excel (read only; the .xlsx 自评表 of year end is told apart by the caller).</summary>
    Xlsx,
}

/// <summary>
/// Entry points for the web layer: read a goal document (JSON interchange, text dump, .docx) into the interchange
/// model — all or nothing, with located Chinese errors — and write the model back in any of the three formats.
/// </summary>
public static class PlanDocuments
{
    /// <summary>Largest upload read (a goal document is well under this).</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>The format a file name stands for: <c>.json</c>, <c>.txt</c> or <c>.docx</c>; null otherwise.</summary>
    public static DocumentKind? FormatOf(string fileName) => Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
    {
        ".json" => DocumentKind.Json,
        ".txt" => DocumentKind.Text,
        ".docx" => DocumentKind.Docx,
        ".xlsx" => DocumentKind.Xlsx,
        _ => null,
    };

    /// <summary>
    /// Reads an uploaded file by its extension. <paramref name="year"/> is the fiscal year the user imports into;
    /// Word and text documents do not state it (a JSON file does, and must agree).
    /// </summary>
    public static ImportResult Read(byte[] content, string fileName, int year) => Read(content, fileName, year, null);

    /// <summary>As <see cref="Read(byte[], string, int)"/>, with what the caller supplies (unit, label dictionary) for documents that lack it.</summary>
    public static ImportResult Read(byte[] content, string fileName, int year, ReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(content);
        switch (FormatOf(fileName))
        {
            case DocumentKind.Json:
                // UTF-8 (the format's encoding) is read as bytes; anything else is decoded as the text formats are (GB18030).
                var result = System.Text.Unicode.Utf8.IsValid(content) ? InterchangeJson.Read(content, fileName) : ReadJson(TextDump.Decode(content), fileName);
                return result.Succeeded && result.Document!.Year != year
                    ? ImportResult.Failure(new DocumentError(fileName, null, null, "$.year", $"文件的年度为 {result.Document.Year}，与导入的年度 {year} 不一致。"))
                    : result;
            case DocumentKind.Text:
                return ReadText(content, fileName, year, options);
            case DocumentKind.Docx:
                return ReadDocx(content, fileName, year, options);
            case DocumentKind.Xlsx:
                return ReadXlsx(content, fileName, year, options);
            default:
                return ImportResult.Failure(new DocumentError(fileName, null, null, null, "不支持的文件类型：只能导入 .docx、.xlsx、.txt 或 .json 文件。"));
        }
    }

    public static ImportResult ReadJson(string json, string fileName) => InterchangeJson.Read(json, fileName);

    /// <summary>Reads the text dump of a Word document (UTF-8 or GB18030).</summary>
    public static ImportResult ReadText(byte[] content, string fileName, int year, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return TooLarge(content, fileName) ?? ReadText(TextDump.Decode(content), fileName, year, options);
    }

    public static ImportResult ReadText(string text, string fileName, int year, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return ImportResult.Failure(new DocumentError(fileName, null, null, null, "文件为空。"));
        }

        return PlanDocumentParser.Parse(TextDump.Read(text), fileName, year, positionsAreLines: true, options);
    }

    /// <summary>Reads a .docx safely (zip bomb and entity checks first).</summary>
    public static ImportResult ReadDocx(byte[] content, string fileName, int year, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (TooLarge(content, fileName) is { } tooLarge)
        {
            return tooLarge;
        }

        var blocks = DocxBlocks.TryRead(content, out var error);
        return blocks is null
            ? ImportResult.Failure(new DocumentError(fileName, null, null, null, error!))
            : PlanDocumentParser.Parse(blocks, fileName, year, options: options);
    }

    /// <summary>Reads goal tables filled in Excel (.xlsx): each sheet is a table (merged cells honoured), read like a Word table.</summary>
    public static ImportResult ReadXlsx(byte[] content, string fileName, int year, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (TooLarge(content, fileName) is { } tooLarge)
        {
            return tooLarge;
        }

        var blocks = XlsxBlocks.TryRead(content, out var error);
        return blocks is null
            ? ImportResult.Failure(new DocumentError(fileName, null, null, null, error!))
            : PlanDocumentParser.Parse(blocks, fileName, year, options: options);
    }

    public static string WriteJson(InterchangeDocument document) => InterchangeJson.Serialize(document);

    /// <summary>The text dump in the seed's format (one cell a line, TAB-led; blank line between rows).</summary>
    public static string WriteText(InterchangeDocument document) => TextDump.Write(DocumentLayout.Build(document));

    /// <summary>A .docx in the official layout (A4, merged header cells, Chinese fonts).</summary>
    public static byte[] WriteDocx(InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return DocxWriter.Write(DocumentLayout.Build(document), document.Year);
    }

    /// <summary>The goal tables as an .xlsx workbook (<see cref="XlsxGoalTables"/>): the tables only, not 第一部分.</summary>
    public static byte[] WriteXlsx(InterchangeDocument document) => XlsxGoalTables.Write(document);

    public static byte[] Write(InterchangeDocument document, DocumentKind format) => format switch
    {
        DocumentKind.Json => System.Text.Encoding.UTF8.GetBytes(WriteJson(document)),
        DocumentKind.Text => System.Text.Encoding.UTF8.GetBytes(WriteText(document)),
        DocumentKind.Xlsx => WriteXlsx(document),
        _ => WriteDocx(document),
    };

    private static ImportResult? TooLarge(byte[] content, string fileName) =>
        content.Length > MaxFileBytes
            ? ImportResult.Failure(new DocumentError(fileName, null, null, null, $"文件超过 {MaxFileBytes / 1024 / 1024} MB，拒绝读取。"))
            : content.Length == 0 ? ImportResult.Failure(new DocumentError(fileName, null, null, null, "文件为空。")) : null;
}
