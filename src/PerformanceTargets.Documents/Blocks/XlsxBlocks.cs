using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerformanceTargets.Documents.Blocks;

/// <summary>
/// Reads goal tables filled in Excel into blocks (OpenXML SDK), with the same package checks as .docx: every sheet, in
/// workbook order, is read as tables separated by fully empty rows. Merged cells are honoured as Word's are: a range
/// is one cell in its first row (its text in the top-left cell), and an empty cell (a vertical-merge continuation) in
/// the rows below; a row ends at its last non-empty cell.
/// </summary>
public static partial class XlsxBlocks
{
    /// <summary>The package checks of <see cref="TryRead"/> alone (entry count, expanded size, no DTD): true when the file may be opened.</summary>
    public static bool IsSafePackage(byte[] bytes) => DocxBlocks.CheckPackage(bytes ?? []) is null;

    public static IReadOnlyList<Block>? TryRead(byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        error = DocxBlocks.CheckPackage(bytes);
        if (error is not null)
        {
            error = error.Replace("Word (.docx)", "Excel (.xlsx)", StringComparison.Ordinal).Replace("不支持 .doc", "不支持 .xls", StringComparison.Ordinal);
            return null;
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { AutoSave = false });
            var workbook = document.WorkbookPart;
            if (workbook?.Workbook?.Sheets is null)
            {
                error = "不是有效的 Excel 工作簿：缺少工作表。";
                return null;
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var blocks = new List<Block>();
            foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
            {
                if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part || part.Worksheet is null)
                {
                    continue;
                }

                ReadSheet(part.Worksheet, strings, blocks);
            }

            if (!blocks.OfType<TableBlock>().Any())
            {
                error = "工作簿中没有内容。";
                return null;
            }

            return blocks;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException or FileFormatException or ArgumentException)
        {
            error = "不是有效的 Excel (.xlsx) 文件，或文件已损坏：" + ex.Message;
            return null;
        }
    }

    private static void ReadSheet(Worksheet worksheet, List<string> strings, List<Block> blocks)
    {
        var grid = new SortedDictionary<int, SortedDictionary<int, string>>();
        foreach (var row in worksheet.Descendants<Row>())
        {
            foreach (var cell in row.Elements<Cell>())
            {
                if (cell.CellReference?.Value is not { } reference || !TryPosition(reference, out var r, out var c))
                {
                    continue;
                }

                var text = CellText(cell, strings);
                if (text.Length > 0)
                {
                    if (!grid.TryGetValue(r, out var cells))
                    {
                        grid[r] = cells = [];
                    }

                    cells[c] = text;
                }
            }
        }

        // Merged ranges: (row, column) → what the position is: the range's start (with its span) or covered.
        var starts = new Dictionary<(int, int), int>();
        var covered = new HashSet<(int, int)>();
        var continues = new HashSet<(int, int)>();
        foreach (var merge in worksheet.Descendants<MergeCell>())
        {
            var parts = merge.Reference?.Value?.Split(':');
            if (parts is not { Length: 2 } || !TryPosition(parts[0], out var r1, out var c1) || !TryPosition(parts[1], out var r2, out var c2))
            {
                continue;
            }

            starts[(r1, c1)] = c2 - c1 + 1;
            for (var r = r1; r <= r2; r++)
            {
                for (var c = c1; c <= c2; c++)
                {
                    if ((r, c) != (r1, c1))
                    {
                        covered.Add((r, c));
                    }
                }

                if (r > r1)
                {
                    continues.Add((r, c1));
                }
            }
        }

        if (grid.Count == 0)
        {
            return;
        }

        var lastRow = grid.Keys.Max();
        var rows = new List<RowBlock>();
        for (var r = grid.Keys.Min(); r <= lastRow + 1; r++)
        {
            if (!grid.TryGetValue(r, out var cells) || cells.Count == 0)
            {
                if (rows.Count > 0)
                {
                    blocks.Add(new TableBlock(Rectangular(rows), rows[0].Line));
                    rows = [];
                }

                continue;
            }

            var lastColumn = cells.Keys.Max();
            var row = new List<CellBlock>();
            for (var c = 1; c <= lastColumn; c++)
            {
                if (continues.Contains((r, c)))
                {
                    row.Add(new CellBlock(string.Empty, starts.TryGetValue((r, c), out var s) ? s : 1, MergeKind.Continue));
                    continue;
                }

                if (covered.Contains((r, c)))
                {
                    continue;
                }

                var span = starts.TryGetValue((r, c), out var width) ? width : 1;
                row.Add(new CellBlock(cells.GetValueOrDefault(c, string.Empty), span));
            }

            rows.Add(new RowBlock(row, r));
        }
    }

    /// <summary>
    /// A sheet is a grid: Excel stores no empty cells, so a row whose last cells are empty ends early. Each row of a
    /// table is filled up with empty cells to the table's width (as Word's rows are), so a row of an indicator table
    /// whose 指标值确定依据 is empty still has its six cells.
    /// </summary>
    private static List<RowBlock> Rectangular(List<RowBlock> rows)
    {
        var width = rows.Max(r => r.Cells.Sum(c => c.Span));
        return [.. rows.Select(r =>
        {
            var missing = width - r.Cells.Sum(c => c.Span);
            return missing <= 0 ? r : r with { Cells = [.. r.Cells, .. Enumerable.Repeat(new CellBlock(string.Empty), missing)] };
        })];
    }

    private static string CellText(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < strings.Count ? strings[index] : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        return raw;
    }

    /// <summary><c>B12</c> → row 12, column 2.</summary>
    private static bool TryPosition(string reference, out int row, out int column)
    {
        var match = ReferencePattern().Match(reference);
        row = column = 0;
        if (!match.Success)
        {
            return false;
        }

        foreach (var ch in match.Groups[1].Value.ToUpperInvariant())
        {
            column = (column * 26) + (ch - 'A' + 1);
        }

        row = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^\$?([A-Za-z]{1,3})\$?(\d+)$")]
    private static partial Regex ReferencePattern();
}
