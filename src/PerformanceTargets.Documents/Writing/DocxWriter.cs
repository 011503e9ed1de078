using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PerformanceTargets.Documents.Blocks;

namespace PerformanceTargets.Documents.Writing;

/// <summary>
/// Renders blocks as a .docx in the official layout: A4, 仿宋 body and 黑体/宋体 headings (eastAsia fonts),
/// tables with single borders, gridSpan for horizontal merges and vMerge for vertical ones.
/// </summary>
public static class DocxWriter
{
    private const int PageWidth = 11906;   // A4 in twentieths of a point
    private const int PageHeight = 16838;
    private const int Margin = 1440;
    private const int TextWidth = PageWidth - (2 * Margin);

    public static byte[] Write(IReadOnlyList<Block> blocks, int year)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = $"{year}年度预算绩效目标";
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        body.Append(Paragraph(p.Text, p.Style));
                        break;
                    case TableBlock t:
                        body.Append(Table(t));
                        break;
                    default:
                        throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(blocks));
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (UInt32Value)(uint)Margin, Right = (UInt32Value)(uint)Margin, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var stylesPart = main.AddNewPart<StyleDefinitionsPart>();
        static RunFonts Fonts(string eastAsia) => new() { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, ComplexScript = "Times New Roman" };
        static Style ParagraphStyleOf(string id, string name, string font, int halfPoints, bool bold, JustificationValues? justify)
        {
            var runProperties = new StyleRunProperties(Fonts(font));
            if (bold)
            {
                runProperties.Append(new Bold());
            }

            runProperties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });

            var paragraphProperties = new StyleParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" });
            if (justify is not null)
            {
                paragraphProperties.Append(new Justification { Val = justify.Value });
            }

            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, paragraphProperties, runProperties)
            {
                Type = StyleValues.Paragraph,
                StyleId = id,
                CustomStyle = true,
            };
        }

        stylesPart.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts("仿宋"), new FontSize { Val = "24" }, new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault()),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            ParagraphStyleOf("PartTitle", "Part Title", "黑体", 36, false, JustificationValues.Center),
            ParagraphStyleOf("DocTitle", "Document Title", "宋体", 44, true, JustificationValues.Center),
            ParagraphStyleOf("Heading1", "heading 1", "黑体", 32, false, null),
            ParagraphStyleOf("Heading2", "heading 2", "楷体", 32, true, null),
            ParagraphStyleOf("TableTitle", "Table Title", "宋体", 28, true, JustificationValues.Center),
            ParagraphStyleOf("TableText", "Table Text", "仿宋", 21, false, null));
        stylesPart.Styles.Save();
    }

    private static Paragraph Paragraph(string text, ParagraphStyle style)
    {
        var styleId = style switch
        {
            ParagraphStyle.PartTitle => "PartTitle",
            ParagraphStyle.Title => "DocTitle",
            ParagraphStyle.Heading1 => "Heading1",
            ParagraphStyle.Heading2 => "Heading2",
            ParagraphStyle.TableTitle => "TableTitle",
            _ => null,
        };
        var paragraph = new Paragraph();
        if (styleId is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        }

        if (text.Length > 0)
        {
            paragraph.Append(Run(text, bold: false));
        }

        return paragraph;
    }

    private static Run Run(string text, bool bold)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        var parts = text.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new TabChar());
            }

            run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Table Table(TableBlock block)
    {
        var columns = block.Rows.Count == 0 ? 1 : block.Rows.Max(r => r.Cells.Sum(c => c.Span));
        var grid = new TableGrid();
        var widths = ColumnWidths(block, columns);
        foreach (var width in widths)
        {
            grid.Append(new GridColumn { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        static BorderType Border<T>()
            where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };

        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(Border<TopBorder>(), Border<LeftBorder>(), Border<BottomBorder>(), Border<RightBorder>(), Border<InsideHorizontalBorder>(), Border<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa }, new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            grid);
        foreach (var row in block.Rows)
        {
            var tableRow = new TableRow(new TableRowProperties(new CantSplit()));
            var column = 0;
            foreach (var cell in row.Cells)
            {
                var width = widths.Skip(column).Take(cell.Span).Sum();
                column += cell.Span;
                var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                if (cell.Span > 1)
                {
                    properties.Append(new GridSpan { Val = cell.Span });
                }

                if (cell.Merge != MergeKind.None)
                {
                    properties.Append(cell.Merge == MergeKind.Restart ? new VerticalMerge { Val = MergedCellValues.Restart } : new VerticalMerge());
                }

                properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                var tableCell = new TableCell(properties);
                var lines = cell.Merge == MergeKind.Continue ? [string.Empty] : cell.Text.Split('\n');
                foreach (var line in lines)
                {
                    var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }));
                    if (line.Length > 0)
                    {
                        paragraph.Append(Run(line, cell.Bold));
                    }

                    tableCell.Append(paragraph);
                }

                tableRow.Append(tableCell);
            }

            table.Append(tableRow);
        }

        return table;
    }

    /// <summary>Widths in twips: a 6-column indicator table gets fixed proportions; a wider grid gets a label column and equal value columns.</summary>
    private static int[] ColumnWidths(TableBlock block, int columns)
    {
        if (columns == 6 && block.Rows.All(r => r.Cells.All(c => c.Span == 1)))
        {
            int[] share = [12, 14, 18, 22, 14, 20];
            return [.. share.Select(s => TextWidth * s / 100)];
        }

        if (columns <= 1)
        {
            return [TextWidth];
        }

        var label = TextWidth * 18 / 100;
        var rest = (TextWidth - label) / (columns - 1);
        return [label, .. Enumerable.Repeat(rest, columns - 1)];
    }
}
