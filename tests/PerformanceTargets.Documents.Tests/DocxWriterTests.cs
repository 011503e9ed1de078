using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>The exported .docx has the official layout and opens in a second reader (the OpenXML SDK and LibreOffice).</summary>
public class DocxWriterTests
{
    private static readonly InterchangeDocument Seed = TestFiles.ImportSeed();
    private static readonly byte[] Docx = PlanDocuments.WriteDocx(Seed);

    [Fact]
    public void The_export_is_a_valid_open_xml_document_on_a4_paper_with_chinese_fonts()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Docx), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Take(5).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var body = document.MainDocumentPart!.Document!.Body!;
        var page = body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (page.Width!.Value, page.Height!.Value));

        var fonts = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().Select(f => f.EastAsia?.Value).ToList();
        Assert.Contains("仿宋", fonts);
        Assert.Contains("宋体", fonts);
        Assert.Equal(10, body.Elements<Table>().Count());
    }

    [Fact]
    public void The_project_table_merges_its_headers_vertically_and_the_indicator_table_merges_level1()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Docx), false);
        var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();
        var project = tables[0].Elements<TableRow>().ToList();

        static TableCell First(TableRow row) => row.Elements<TableCell>().First();
        static string Text(TableCell cell) => cell.InnerText;
        static bool Restarts(TableCell cell) => cell.TableCellProperties?.VerticalMerge?.Val?.Value == MergedCellValues.Restart;
        static bool Continues(TableCell cell) => cell.TableCellProperties?.VerticalMerge is { } v && (v.Val is null || v.Val.Value == MergedCellValues.Continue);

        Assert.Equal("预算规模及资金用途", Text(First(project[2])));
        Assert.True(Restarts(First(project[2])));
        Assert.True(Continues(First(project[3])));
        Assert.Equal("资金支出计划（%）", Text(First(project[4])));
        Assert.True(Restarts(First(project[4])));
        Assert.True(Continues(First(project[5])));
        Assert.Equal(12, project[3].Elements<TableCell>().Last().TableCellProperties!.GridSpan!.Val!.Value);

        var indicators = tables[1].Elements<TableRow>().ToList();
        Assert.Equal(10, indicators.Count);
        Assert.True(Restarts(First(indicators[1])));
        Assert.Equal("产出指标", Text(First(indicators[1])));
        Assert.All(indicators.Skip(2).Take(3), r => Assert.True(Continues(First(r))));
        Assert.True(Restarts(First(indicators[5])));
        Assert.False(Restarts(First(indicators[9])) || Continues(First(indicators[9])), "满意度指标 has one row: no merge");

        var goals = project[6].Elements<TableCell>().Last().Elements<Paragraph>().Select(p => p.InnerText);
        Assert.Equal(["1.营造良好的工作氛围，提升综合办公环境。", "2.为客商及群众提供更好的服务环境，提高综合满意度。"], goals);
    }

    [Fact]
    public void LibreOffice_opens_the_export_and_reads_its_tables()
    {
        var soffice = LibreOffice.Find();
        if (soffice is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed on this machine; the conversion check cannot run.");
        }

        var directory = TestFiles.TempDirectory();
        try
        {
            var input = Path.Combine(directory, "seed-export.docx");
            File.WriteAllBytes(input, Docx);

            LibreOffice.Convert(soffice, directory, input, "pdf");
            var pdf = File.ReadAllBytes(Path.Combine(directory, "seed-export.pdf"));
            Assert.True(pdf.Length > 10_000, $"PDF has only {pdf.Length} bytes");
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

            LibreOffice.Convert(soffice, directory, input, "txt:Text (encoded):UTF8");
            var text = File.ReadAllText(Path.Combine(directory, "seed-export.txt"));
            Assert.Contains("13030321EIPRN9KG00TYW", text, StringComparison.Ordinal);
            Assert.Contains("34760000.00", text, StringComparison.Ordinal);
            Assert.Contains("实际购置用品数量/计划购置用品数量*100%", text, StringComparison.Ordinal);
            Assert.Contains("≥90百分比", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
