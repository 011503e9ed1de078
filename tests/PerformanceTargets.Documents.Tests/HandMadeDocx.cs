using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// Builds a .docx straight with the OpenXML SDK (not with the product's writer) from a text dump, the way Word lays
/// such a document out: bookmarks before headings, text split over several runs, each cell line its own paragraph,
/// an empty first-column cell as a vertical-merge continuation of the cell above (vMerge), and the last cell of a
/// short row spanning the remaining grid columns (gridSpan).
/// </summary>
internal static partial class HandMadeDocx
{
    public static byte[] FromDump(string dump)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var lines = dump.Split('\n');
            var table = new List<List<string>>();
            List<string>? row = null;
            var bookmark = 0;

            void FlushTable()
            {
                if (row is not null)
                {
                    table.Add(row);
                    row = null;
                }

                if (table.Count > 0)
                {
                    body.Append(BuildTable(table));
                    table = [];
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.StartsWith('\t'))
                {
                    row ??= [];
                    row.Add(line[1..]);
                }
                else if (line.Length == 0)
                {
                    if (row is not null)
                    {
                        table.Add(row);
                        row = null;
                    }
                    else
                    {
                        FlushTable();
                        body.Append(new Paragraph());
                    }
                }
                else if (row is not null)
                {
                    row[^1] += "\n" + line;
                }
                else
                {
                    FlushTable();
                    var text = BookmarkMarker().Replace(line, string.Empty);
                    var paragraph = new Paragraph();
                    if (text.Length != line.Length)
                    {
                        paragraph.Append(new BookmarkStart { Id = (++bookmark).ToString(System.Globalization.CultureInfo.InvariantCulture), Name = "_Toc" + bookmark });
                        paragraph.Append(new BookmarkEnd { Id = bookmark.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    }

                    AppendRuns(paragraph, text);
                    body.Append(paragraph);
                }
            }

            FlushTable();
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Table BuildTable(List<List<string>> rows)
    {
        var columns = rows.Max(r => r.Count);
        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }, new BottomBorder { Val = BorderValues.Single })));
        var grid = new TableGrid();
        for (var c = 0; c < columns; c++)
        {
            grid.Append(new GridColumn { Width = "1200" });
        }

        table.Append(grid);
        for (var r = 0; r < rows.Count; r++)
        {
            var tableRow = new TableRow();
            for (var c = 0; c < rows[r].Count; c++)
            {
                var text = rows[r][c];
                var properties = new TableCellProperties(new TableCellWidth { Width = "1200", Type = TableWidthUnitValues.Dxa });
                if (c == rows[r].Count - 1 && rows[r].Count < columns)
                {
                    properties.Append(new GridSpan { Val = columns - rows[r].Count + 1 });
                }

                var continues = c == 0 && text.Length == 0 && r > 0;
                var starts = c == 0 && text.Length > 0 && r + 1 < rows.Count && rows[r + 1].Count > 0 && rows[r + 1][0].Length == 0;
                if (continues)
                {
                    properties.Append(new VerticalMerge());
                }
                else if (starts)
                {
                    properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                }

                var cell = new TableCell(properties);
                foreach (var paragraphText in text.Split('\n'))
                {
                    var paragraph = new Paragraph();
                    AppendRuns(paragraph, paragraphText);
                    cell.Append(paragraph);
                }

                tableRow.Append(cell);
            }

            table.Append(tableRow);
        }

        return table;
    }

    /// <summary>Word splits text into runs at formatting changes; split each text in two runs to read them back joined.</summary>
    private static void AppendRuns(Paragraph paragraph, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var half = text.Length / 2;
        foreach (var part in new[] { text[..half], text[half..] }.Where(p => p.Length > 0))
        {
            paragraph.Append(new Run(
                new RunProperties(new RunFonts { EastAsia = "仿宋" }),
                new Text(part) { Space = SpaceProcessingModeValues.Preserve }));
        }
    }

    [GeneratedRegex(@"^\[bookmark: [^\]]*\]")]
    private static partial Regex BookmarkMarker();
}
