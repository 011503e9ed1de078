using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>Each broken variant of a document is refused whole, with a located Chinese error.</summary>
public class MalformedDocumentTests
{
    private static string Seed => TestFiles.SeedText;

    private static IReadOnlyList<DocumentError> TextErrors(string text, string name = "bad.txt") =>
        TestFiles.Fail(PlanDocuments.ReadText(text, name, 2021));

    private static string ReplaceOnce(string text, string old, string replacement, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = text.IndexOf(old, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"“{old}” occurrence {occurrence} not found");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    [Fact]
    public void A_missing_project_code_is_located_in_its_table()
    {
        var error = Assert.Single(TextErrors(ReplaceOnce(Seed, "\t项目编码\n\t1303032113FG3ZE1SGQAM\n", string.Empty)));
        Assert.Equal((1, "项目编码"), (error.Table, error.Field));
        Assert.Contains("缺少", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_project_code_is_located_in_its_row()
    {
        var error = Assert.Single(TextErrors(ReplaceOnce(Seed, "\t13030321EYP6WRB8KOFGQ\n", "\t\n")));
        Assert.Equal("bad.txt 表9 第2行 项目编码: 不能为空", error.ToString());
    }

    [Fact]
    public void A_project_code_used_twice_in_the_file_is_refused()
    {
        var error = Assert.Single(TextErrors(ReplaceOnce(Seed, "\t130303214BPTRMWTXKRMT\n", "\t13030321199H7YOAI104I\n")));
        Assert.Equal((5, 2, "项目编码"), (error.Table, error.Row, error.Field));
        Assert.Contains("重复", error.Message, StringComparison.Ordinal);
        Assert.Contains("表3第2行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Funds_that_do_not_add_up_to_the_budget_are_refused()
    {
        var broken = ReplaceOnce(Seed, "\t其中：财政资金\n\t214540.00\n", "\t其中：财政资金\n\t200000.00\n");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal((3, 3, "其中：财政资金"), (error.Table, error.Row, error.Field));
        Assert.Contains("与预算数（214540.00 元）不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_amount_is_refused()
    {
        var error = Assert.Single(TextErrors(ReplaceOnce(Seed, "\t预算数\n\t570000.00\n", "\t预算数\n\t57万O\n")));
        Assert.Equal((9, 3, "预算数"), (error.Table, error.Row, error.Field));
        Assert.Contains("格式不正确", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spending_plan_going_down_is_refused()
    {
        var broken = ReplaceOnce(Seed, "\t70.00%\n\t70.00%\n\t70.00%\n", "\t70.00%\n\t60.00%\n\t70.00%\n");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal((9, 6, "资金支出计划"), (error.Table, error.Row, error.Field));
        Assert.Contains("不能减少", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spending_plan_not_ending_at_100_percent_is_refused()
    {
        var broken = ReplaceOnce(Seed, "\t75.00%\n\t100.00%\n", "\t75.00%\n\t90.00%\n");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal((1, 6), (error.Table, error.Row));
        Assert.Contains("100%", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_level1_indicator_is_refused()
    {
        var broken = ReplaceOnce(Seed, "\t产出指标\n\t数量指标\n\t购置率", "\t产出指数\n\t数量指标\n\t购置率");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal((2, 2, "一级指标"), (error.Table, error.Row, error.Field));
        Assert.Contains("“产出指数”不是已知的一级指标", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_indicator_value_is_located_by_table_row_and_column()
    {
        var broken = ReplaceOnce(Seed, "\t综合业务管理工作完成率\n\t≥90百分比\n", "\t综合业务管理工作完成率\n\t\n");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal("bad.txt 表2 第3行 指标值: 不能为空", error.ToString());
    }

    [Fact]
    public void Several_errors_are_all_reported_and_nothing_is_imported()
    {
        var broken = ReplaceOnce(Seed, "\t项目编码\n\t1303032113FG3ZE1SGQAM\n", string.Empty);
        broken = ReplaceOnce(broken, "\t产出指标\n\t数量指标\n\t购置率", "\t产出指数\n\t数量指标\n\t购置率");
        var errors = TextErrors(broken);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_text_file_cut_inside_an_indicator_row_is_reported_as_incomplete()
    {
        var cut = Seed[..(Seed.IndexOf("\t监测数据准确性", StringComparison.Ordinal) + "\t监测数据准确性\n".Length)];
        var error = Assert.Single(TextErrors(cut));
        Assert.Equal((10, 3), (error.Table, error.Row));
        Assert.Contains("文件可能不完整", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_cut_inside_a_project_table_is_reported_as_incomplete()
    {
        var cut = Seed[..Seed.IndexOf("\t资金支出计划（%）", Seed.IndexOf("13030321EYP6WRB8KOFGQ", StringComparison.Ordinal), StringComparison.Ordinal)];
        var errors = TextErrors(cut);
        Assert.All(errors, e => Assert.Equal(9, e.Table));
        Assert.Contains(errors, e => e.Field == "资金支出计划" && e.Message.Contains("不完整", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("缺少绩效指标表", StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_file_cut_before_any_table_is_refused()
    {
        var cut = Seed[..Seed.IndexOf(" 第二部分", StringComparison.Ordinal)];
        var error = Assert.Single(TextErrors(cut));
        Assert.Contains("没有表格", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contradictory_standard_is_located_at_its_paragraph()
    {
        var broken = ReplaceOnce(Seed, "征拆工作完成率区间在60%以下为差", "征拆工作完成率区间在60%-70%为差");
        var error = Assert.Single(TextErrors(broken));
        Assert.Equal("绩效标准", error.Field);
        Assert.StartsWith("bad.txt 第29行 绩效标准: ", error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.Paragraph);
        Assert.Null(error.Table);
    }

    [Theory]
    [InlineData("%PDF-1.7 not a word file")]
    [InlineData("\u00D0\u00CF\u0011\u00E0 an old .doc (OLE) file")]
    [InlineData("")]
    public void A_file_that_is_not_a_docx_is_refused(string content)
    {
        var bytes = content.Select(c => (byte)c).ToArray();
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(bytes, "bad.docx", 2021)));
        Assert.Equal("bad.docx", error.File);
        Assert.Matches("不是 Word|文件为空", error.Message);
    }

    [Fact]
    public void A_truncated_docx_is_refused()
    {
        var docx = PlanDocuments.WriteDocx(TestFiles.ImportSeed());
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(docx[..(docx.Length / 2)], "cut.docx", 2021)));
        Assert.Contains("不完整或已损坏", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_without_tables_is_refused()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(
                new Paragraph(new Run(new Text("第一部分"))),
                new Paragraph(new Run(new Text("一、总体绩效目标"))),
                new Paragraph(new Run(new Text("坚持以打造省级经济开发区为目标。")))));
        }

        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(stream.ToArray(), "notables.docx", 2021)));
        Assert.Contains("没有表格", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_parsing()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 70; i++)
            {
                entry.Write(zeros);
            }
        }

        Assert.True(stream.Length < 1024 * 1024, "the bomb should be small on disk");
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(stream.ToArray(), "bomb.docx", 2021)));
        Assert.Contains("压缩炸弹", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_with_too_many_entries_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 600; i++)
            {
                zip.CreateEntry($"word/media/{i}.xml");
            }
        }

        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(stream.ToArray(), "many.docx", 2021)));
        Assert.Contains("超过上限", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_declaring_an_external_entity_is_refused()
    {
        var docx = PlanDocuments.WriteDocx(TestFiles.ImportSeed());
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            var evil = xml.Replace("?>", "?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", StringComparison.Ordinal)
                .Replace("第一部分", "&xxe;", StringComparison.Ordinal);
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open(), new UTF8Encoding(false));
            writer.Write(evil);
        }

        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadDocx(stream.ToArray(), "xxe.docx", 2021)));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_funds_that_do_not_add_up_is_refused_at_its_path()
    {
        var json = PlanDocuments.WriteJson(TestFiles.ImportSeed()).Replace("\"fiscalFunds\": 214540.00", "\"fiscalFunds\": 200000.00", StringComparison.Ordinal);
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadJson(json, "bad.json")));
        Assert.Equal("$.units[0].projects[1].fiscalFunds", error.Field);
        Assert.Contains("不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_an_amount_written_as_a_string_is_refused_with_its_line()
    {
        var json = PlanDocuments.WriteJson(TestFiles.ImportSeed()).Replace("\"budget\": 570000.00", "\"budget\": \"570000.00\"", StringComparison.Ordinal);
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadJson(json, "bad.json")));
        Assert.NotNull(error.Row);
        Assert.Equal("$.units[0].projects[4].budget", error.Field);
        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }
}
