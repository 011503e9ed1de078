using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PerformanceTargets.Documents.Blocks;

/// <summary>
/// Reads the body of a .docx into blocks, safely: the zip is checked first (entry count, real expanded size, no DTD),
/// so a zip bomb or an XML entity trick is refused before the OpenXML SDK parses anything.
/// Horizontal merges (gridSpan) are one cell; a vertical-merge continuation reads as an empty cell;
/// the paragraphs of a cell are joined with <c>\n</c>.
/// </summary>
public static class DocxBlocks
{
    /// <summary>Limits for an uploaded .docx (a goal document is a few hundred KB).</summary>
    public const int MaxEntries = 500;

    public const long MaxExpandedBytes = 64L * 1024 * 1024;

    /// <summary>Checks and reads <paramref name="bytes"/>; returns the blocks, or a Chinese reason the file is refused.</summary>
    public static IReadOnlyList<Block>? TryRead(byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        error = CheckPackage(bytes);
        if (error is not null)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { AutoSave = false });
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                error = "不是有效的 Word 文档：缺少正文（word/document.xml）。";
                return null;
            }

            var blocks = new List<Block>();
            var paragraphNumber = 0;
            var tableNumber = 0;
            ReadContainer(body, blocks, ref paragraphNumber, ref tableNumber);
            return blocks;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or FileFormatException)
        {
            error = "不是有效的 Word (.docx) 文件，或文件已损坏：" + ex.Message;
            return null;
        }
    }

    internal static string? CheckPackage(byte[] bytes)
    {
        var isZip = bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        if (!isZip)
        {
            return "不是 Word (.docx) 文件（只支持 .docx，不支持 .doc 或其他格式）。";
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return $"文件包含 {zip.Entries.Count} 个压缩条目，超过上限 {MaxEntries}，拒绝读取。";
            }

            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var entryStream = entry.Open();
                var head = new StringBuilder();
                int read;
                while ((read = entryStream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (head.Length < 2048)
                    {
                        head.Append(Encoding.UTF8.GetString(buffer, 0, Math.Min(read, 2048)));
                    }

                    total += read;
                    if (total > MaxExpandedBytes)
                    {
                        return $"文件解压后超过 {MaxExpandedBytes / 1024 / 1024} MB，拒绝读取（可能是压缩炸弹）。";
                    }
                }

                if (head.ToString().Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
                {
                    return $"文件中的 {entry.FullName} 含有 DTD 声明（可能引用外部实体），拒绝读取。";
                }
            }
        }
        catch (InvalidDataException)
        {
            return "文件不完整或已损坏（压缩包无法读取，可能在传输中被截断）。";
        }

        return null;
    }

    private static void ReadContainer(OpenXmlElement container, List<Block> blocks, ref int paragraphNumber, ref int tableNumber)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    paragraphNumber++;
                    blocks.Add(new ParagraphBlock(ParagraphText(paragraph), Line: paragraphNumber));
                    break;
                case Table table:
                    tableNumber++;
                    blocks.Add(ReadTable(table, tableNumber));
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is not null:
                    ReadContainer(sdt.SdtContentBlock, blocks, ref paragraphNumber, ref tableNumber);
                    break;
                default:
                    break;
            }
        }
    }

    private static TableBlock ReadTable(Table table, int number)
    {
        var rows = new List<RowBlock>();
        foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
        {
            var cells = new List<CellBlock>();
            foreach (var cell in row.Elements<TableCell>().Concat(row.Elements<SdtCell>().SelectMany(s => s.Descendants<TableCell>())))
            {
                var properties = cell.TableCellProperties;
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                var vMerge = properties?.VerticalMerge;
                var merge = vMerge is null ? MergeKind.None
                    : vMerge.Val is not null && vMerge.Val.Value == MergedCellValues.Restart ? MergeKind.Restart
                    : MergeKind.Continue;
                var text = merge == MergeKind.Continue
                    ? string.Empty
                    : string.Join('\n', cell.Elements<Paragraph>().Select(ParagraphText));
                cells.Add(new CellBlock(text, span, merge));
            }

            rows.Add(new RowBlock(cells, rows.Count + 1));
        }

        return new TableBlock(rows, number);
    }

    /// <summary>The text of a paragraph: its runs' text, tabs as <c>\t</c>, line breaks as <c>\n</c>; deleted text is skipped.</summary>
    public static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when t.Ancestors<DeletedRun>().FirstOrDefault() is null:
                    text.Append(t.Text);
                    break;
                case TabChar when element.Parent is Run:
                    text.Append('\t');
                    break;
                case Break:
                case CarriageReturn:
                    text.Append('\n');
                    break;
                default:
                    break;
            }
        }

        return text.ToString();
    }
}
