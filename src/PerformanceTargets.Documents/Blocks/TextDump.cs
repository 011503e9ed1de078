using System.Text;
using System.Text.RegularExpressions;

namespace PerformanceTargets.Documents.Blocks;

/// <summary>
/// The plain-text dump of a Word document (the seed's format), to and from blocks:
/// a cell is a line led by a TAB, its further paragraphs follow on lines without a tab; a blank line ends a row;
/// a line without a tab outside a cell is a paragraph; a blank line outside a row is an empty paragraph.
/// <c>[bookmark: …]</c> markers are dropped on reading.
/// </summary>
public static partial class TextDump
{
    /// <summary>Decodes the bytes of a dump: UTF-8 (with or without BOM), else GB18030 as Chinese offices often save.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936).GetString(bytes);
        }
    }

    public static IReadOnlyList<Block> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var blocks = new List<Block>();
        List<RowBlock>? rows = null;
        List<CellBlock>? cells = null;
        StringBuilder? cell = null;
        var tableLine = 0;
        var rowLine = 0;

        void EndCell()
        {
            if (cell is not null)
            {
                cells!.Add(new CellBlock(cell.ToString()));
                cell = null;
            }
        }

        void EndRow()
        {
            EndCell();
            if (cells is not null)
            {
                rows!.Add(new RowBlock(cells, rowLine));
                cells = null;
            }
        }

        void EndTable()
        {
            EndRow();
            if (rows is not null)
            {
                blocks.Add(new TableBlock(rows, tableLine));
                rows = null;
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.StartsWith('\t'))
            {
                EndCell();
                if (rows is null)
                {
                    rows = [];
                    tableLine = number;
                }

                if (cells is null)
                {
                    cells = [];
                    rowLine = number;
                }

                cell = new StringBuilder(line[1..]);
            }
            else if (line.Length == 0)
            {
                if (cells is not null)
                {
                    EndRow();
                }
                else
                {
                    EndTable();
                    if (i < lines.Length - 1 || blocks.Count == 0)
                    {
                        blocks.Add(new ParagraphBlock(string.Empty, Line: number));
                    }
                }
            }
            else if (cell is not null)
            {
                cell.Append('\n').Append(line);
            }
            else
            {
                EndTable();
                blocks.Add(new ParagraphBlock(BookmarkPattern().Replace(line, string.Empty), Line: number));
            }
        }

        EndTable();
        return blocks;
    }

    public static string Write(IEnumerable<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var lines = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    lines.Add(paragraph.Text);
                    break;
                case TableBlock table:
                    foreach (var row in table.Rows)
                    {
                        foreach (var c in row.Cells)
                        {
                            lines.Add("\t" + (c.Merge == MergeKind.Continue ? string.Empty : c.Text));
                        }

                        lines.Add(string.Empty);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(blocks));
            }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^(\[bookmark: [^\]]*\])+")]
    private static partial Regex BookmarkPattern();
}
