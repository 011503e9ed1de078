using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>A real Word file (merged cells, bookmarks, split runs) imports exactly as its text dump does.</summary>
public class DocxImportTests
{
    [Fact]
    public void The_seed_as_a_word_file_with_merged_cells_imports_the_same_as_its_text_dump()
    {
        var docx = HandMadeDocx.FromDump(TestFiles.SeedText);
        AssertHasMergedCells(docx);

        var fromDocx = TestFiles.Succeed(PlanDocuments.ReadDocx(docx, "seed.docx", 2021));

        RoundTripTests.AssertSameDocument(TestFiles.ImportSeed(), fromDocx);
        Assert.Equal(45, fromDocx.Units[0].Projects.Sum(p => p.Indicators.Count));
        Assert.Equal("开发区建设开发资金", fromDocx.Units[0].Projects[3].Name);
    }

    [Fact]
    public void Another_units_word_file_imports_the_same_as_its_text_dump()
    {
        var docx = HandMadeDocx.FromDump(OtherUnitDocument.Text);
        var fromDocx = TestFiles.Succeed(PlanDocuments.ReadDocx(docx, "other.docx", 2022));
        var fromText = TestFiles.Succeed(PlanDocuments.ReadText(OtherUnitDocument.Text, "other.txt", 2022));
        RoundTripTests.AssertSameDocument(fromText, fromDocx);
    }

    [Fact]
    public void The_read_dispatches_on_the_file_extension()
    {
        var docx = HandMadeDocx.FromDump(OtherUnitDocument.Text);
        Assert.True(PlanDocuments.Read(docx, "other.DOCX", 2022).Succeeded);
        Assert.True(PlanDocuments.Read(System.Text.Encoding.UTF8.GetBytes(OtherUnitDocument.Text), "other.txt", 2022).Succeeded);
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.Read(docx, "other.pdf", 2022)));
        Assert.Contains("不支持的文件类型", error.Message, StringComparison.Ordinal);
    }

    private static void AssertHasMergedCells(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var cells = document.MainDocumentPart!.Document!.Body!.Descendants<TableCell>().ToList();
        Assert.Contains(cells, c => c.TableCellProperties?.VerticalMerge is { Val: null });
        Assert.Contains(cells, c => c.TableCellProperties?.GridSpan is not null);
    }
}
