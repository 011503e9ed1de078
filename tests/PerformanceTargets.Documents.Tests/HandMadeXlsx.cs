using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// Builds an .xlsx straight with the OpenXML SDK (not with the product's code) from a text dump, the way units fill
/// the template in Excel: one sheet, a paragraph a row of one cell, table rows below without a gap; text in the shared
/// string table; the last cell of a short row merged across the remaining columns (even when empty); an empty
/// first-column cell under a filled one merged vertically with it.
/// </summary>
internal static class HandMadeXlsx
{
    public static byte[] FromDump(string dump)
    {
        var rows = new List<List<string>>();
        List<string>? row = null;
        foreach (var line in dump.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith('\t'))
            {
                row ??= [];
                row.Add(line[1..]);
            }
            else if (line.Length == 0)
            {
                if (row is not null)
                {
                    rows.Add(row);
                    row = null;
                }
            }
            else if (row is not null)
            {
                row[^1] += "\n" + line;
            }
            else
            {
                rows.Add([line]);
            }
        }

        if (row is not null)
        {
            rows.Add(row);
        }

        var columns = rows.Max(r => r.Count);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var merges = new MergeCells();
            for (var r = 0; r < rows.Count; r++)
            {
                var sheetRow = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    var text = rows[r][c];
                    if (text.Length > 0)
                    {
                        if (!index.TryGetValue(text, out var i))
                        {
                            i = index[text] = index.Count;
                            strings.SharedStringTable.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                        }

                        sheetRow.Append(new Cell { CellReference = Reference(r, c), DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                    }

                    if (c == rows[r].Count - 1 && rows[r].Count < columns)
                    {
                        merges.Append(new MergeCell { Reference = $"{Reference(r, c)}:{Reference(r, columns - 1)}" });
                    }
                }

                data.Append(sheetRow);
                if (rows[r].Count > 1 && rows[r][0].Length > 0)
                {
                    var end = r;
                    while (end + 1 < rows.Count && rows[end + 1].Count > 1 && rows[end + 1][0].Length == 0)
                    {
                        end++;
                    }

                    if (end > r)
                    {
                        merges.Append(new MergeCell { Reference = $"{Reference(r, 0)}:{Reference(end, 0)}" });
                    }
                }
            }

            var worksheet = new Worksheet(data);
            if (merges.HasChildren)
            {
                worksheet.Append(merges);
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "绩效目标表" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string Reference(int row, int column) => $"{(char)('A' + column)}{row + 1}";
}
