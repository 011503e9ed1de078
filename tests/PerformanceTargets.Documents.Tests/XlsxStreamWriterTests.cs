using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using MiniExcelLibs;
using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// The streaming .xlsx writer, read back by two other readers: the OpenXML SDK (the package, cell types and raw values,
/// and its validator) and MiniExcel (which decodes _xHHHH_ as Excel does).
/// </summary>
public class XlsxStreamWriterTests
{
    private static readonly string[] Header = ["编码", "名称", "金额", "说明"];

    [Fact]
    public void A_few_thousand_rows_read_back_cell_by_cell_with_numbers_as_numbers()
    {
        const int rows = 3000;
        var bytes = Write(["数据", "空表"], workbook =>
        {
            var sheet = workbook.NextSheet(Header);
            for (var k = 0; k < rows; k++)
            {
                sheet.BeginRow();
                sheet.Text(Code(k));
                sheet.Text($"项目{k}");
                sheet.Number(Amount(k));
                sheet.Text(k % 3 == 0 ? null : "备注");
                sheet.EndRow();
            }

            workbook.NextSheet(["甲"]);
        });

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var sheets = Sheets(document);
        Assert.Equal(["数据", "空表"], sheets.Keys);
        var data = sheets["数据"];
        Assert.Equal(rows + 1, data.Count);
        Assert.Equal(Header, data[0].Select(c => c.Text));
        for (var k = 0; k < rows; k++)
        {
            var row = data[k + 1];
            Assert.Equal(k % 3 == 0 ? 3 : 4, row.Count);
            Assert.Equal((Code(k), $"项目{k}"), (row[0].Text, row[1].Text));
            Assert.True(row[2].IsNumber, $"row {k + 2}: the amount is not a numeric cell");
            Assert.Equal(Amount(k), decimal.Parse(row[2].Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.Equal($"C{k + 2}", row[2].Reference);
            if (k % 3 != 0)
            {
                Assert.Equal(("备注", false), (row[3].Text, row[3].IsNumber));
            }
        }

        Assert.Equal([["甲"]], sheets["空表"].Select(r => r.Select(c => c.Text).ToArray()));

        var mini = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "数据", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows, mini.Count);
        Assert.Equal((Code(2999), Amount(2999)), ((string?)mini[2999]["编码"], Convert.ToDecimal(mini[2999]["金额"], CultureInfo.InvariantCulture)));
        Assert.IsType<double>(mini[1]["金额"]);
    }

    [Fact]
    public void Text_with_markup_line_breaks_control_characters_and_literal_escapes_reads_back_unchanged()
    {
        string[] texts =
        [
            "<b>A & B</b> \"quoted\" 'single'",
            "第一行\r\n第二行\n第三行\r",
            "tab\tbetween",
            "  leading and trailing spaces  ",
            "bell\u0007 vertical tab\u000B nul\u0000 escape\u001B",
            "_x0041_ and _x00e9_ stay literal, so does _x12_",
            "snake_case_name_",
            "emoji 😀 and 𠀀",
            "noncharacters \uFFFE\uFFFF",
            "=SUM(A1:A2)",
            new string('长', 40_000),
        ];
        var bytes = Write(["文本"], workbook =>
        {
            var sheet = workbook.NextSheet(["值"]);
            foreach (var text in texts)
            {
                sheet.BeginRow();
                sheet.Text(text);
                sheet.EndRow();
            }
        });

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            AssertValid(document);
            var raw = Sheets(document)["文本"].Skip(1).Select(r => r.Single().Text).ToList();
            Assert.Equal("bell_x0007_ vertical tab_x000B_ nul_x0000_ escape_x001B_", raw[4]);
            Assert.Equal("_x005F_x0041_ and _x005F_x00e9_ stay literal, so does _x12_", raw[5]);
            Assert.Equal("第一行\r\n第二行\n第三行\r", raw[1]);
            Assert.Equal("  leading and trailing spaces  ", raw[3]);
        }

        var mini = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Select(r => (string?)r["值"]).ToList();
        Assert.Equal(texts, mini);
    }

    [Fact]
    public void Text_and_numbers_given_as_UTF_8_are_written_byte_for_byte_as_their_strings_and_values()
    {
        // Random texts drawn mostly from what escaping and encoding treat specially, and the fixed cases above.
        string[] alphabet =
        [
            "<", ">", "&", "_", "_x0041_", "_x00e9_", "_X0041_", "x", "0", "A", "\r", "\n", "\t", " ", "\u3000", "\u0000", "\u0007",
            "\u001F", "\uFFFE", "\uFFFF", "\uFFFD", "\uFF08", "\uEFBF", "\uF900", "长", "é", "😀", "\uD800", "\uDC00", "ab",
        ];
        var random = new Random(20261207);
        var texts = new List<string> { string.Empty, "  leading and trailing spaces  ", new string('长', 40_000), "末尾\u3000" };
        for (var k = 0; k < 3000; k++)
        {
            texts.Add(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])));
        }

        var numbers = new List<decimal> { 0m, -0.5m, 12.5m, 12.50m, 1_000_000_000.0001m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950335m / 3 };
        numbers.AddRange(Enumerable.Range(0, 1000).Select(_ => new decimal(random.Next(), random.Next(1000), 0, random.Next(2) == 0, (byte)random.Next(10))));

        var bytes = Write(["字符串", "字节"], workbook =>
        {
            foreach (var utf8 in new[] { false, true })
            {
                var sheet = workbook.NextSheet(["文本", "数值"]);
                for (var k = 0; k < Math.Max(texts.Count, numbers.Count); k++)
                {
                    sheet.BeginRow();
                    var text = texts[k % texts.Count];
                    var number = numbers[k % numbers.Count];
                    if (utf8)
                    {
                        sheet.Utf8Text(System.Text.Encoding.UTF8.GetBytes(text));
                        // As SQLite stores a decimal (Microsoft.Data.Sqlite's 0.0###…) and as the invariant culture writes it.
                        sheet.Utf8Number(System.Text.Encoding.UTF8.GetBytes(number.ToString(k % 2 == 0 ? "0.0###########################" : null, CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        sheet.Text(text);
                        sheet.Number(k % 2 == 0 ? decimal.Parse(number.ToString("0.0###########################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : number);
                    }

                    sheet.EndRow();
                }
            }
        });

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var fromStrings = Entry(zip, "xl/worksheets/sheet1.xml");
        var fromUtf8 = Entry(zip, "xl/worksheets/sheet2.xml");
        Assert.True(fromStrings.Length > 100_000);
        Assert.Equal(fromStrings, fromUtf8);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);

        static byte[] Entry(System.IO.Compression.ZipArchive zip, string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public void Invalid_UTF_8_is_written_as_its_decoded_text_and_a_non_number_is_refused()
    {
        byte[] invalid = [0x41, 0xFF, 0xE9, 0x42, 0xEF, 0xBF];
        var bytes = Write(["文本"], workbook =>
        {
            var sheet = workbook.NextSheet(["值"]);
            sheet.BeginRow();
            sheet.Utf8Text(invalid);
            sheet.EndRow();
            sheet.BeginRow();
            Assert.Throws<FormatException>(() => sheet.Utf8Number("12,5"u8));
            Assert.Throws<FormatException>(() => sheet.Utf8Number("12.5 "u8));
            sheet.EndRow();
        });

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(invalid), Sheets(document)["文本"][1].Single().Text);
    }

    [Fact]
    public void An_upper_case_X_escape_is_not_one_and_is_written_as_it_is()
    {
        // ECMA-376 and Excel (and LibreOffice) decode only _xHHHH_; MiniExcel also decodes _XHHHH_, so it is not the reader here.
        var bytes = Write(["文本"], workbook =>
        {
            var sheet = workbook.NextSheet(["值"]);
            sheet.BeginRow();
            sheet.Text("_X00E9_");
            sheet.EndRow();
        });

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal("_X00E9_", Sheets(document)["文本"][1].Single().Text);
    }

    [Fact]
    public void LibreOffice_reads_text_and_numbers_back_as_written()
    {
        var soffice = LibreOffice.Find();
        if (soffice is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed on this machine; the conversion check cannot run.");
        }

        string[] texts = ["<b>A & B</b> \"quoted\"", "第一行\n第二行", "tab\tbetween", "bell\u0007 vertical tab\u000B", "_x0041_ literal", "emoji 😀", "=SUM(A1:A2)", "  spaced  "];
        var directory = TestFiles.TempDirectory();
        try
        {
            var input = Path.Combine(directory, "written.xlsx");
            File.WriteAllBytes(input, Write(["文本"], workbook =>
            {
                var sheet = workbook.NextSheet(["值", "数"]);
                for (var k = 0; k < texts.Length; k++)
                {
                    sheet.BeginRow();
                    sheet.Text(texts[k]);
                    sheet.Number(Amount(k));
                    sheet.EndRow();
                }
            }));

            LibreOffice.Convert(soffice, directory, input, "csv:Text - txt - csv (StarCalc):44,34,76,1");

            var rows = Csv(File.ReadAllText(Path.Combine(directory, "written.csv")));
            Assert.Equal(["值", "数"], rows[0]);
            Assert.Equal(texts, rows.Skip(1).Select(r => r[0]));
            Assert.Equal(texts.Select((_, k) => Amount(k)), rows.Skip(1).Select(r => decimal.Parse(r[1], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        var bytes = Write(["文本"], workbook =>
        {
            var sheet = workbook.NextSheet(["值"]);
            sheet.BeginRow();
            sheet.Text("half \uD83D pair");
            sheet.EndRow();
        });

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal("half \uFFFD pair", Sheets(document)["文本"][1].Single().Text);
    }

    [Fact]
    public void Numbers_keep_their_value_sign_and_scale()
    {
        decimal[] numbers = [0m, -1.5m, 0.0001m, 12345678901234.56m, 90.00m, 1960000.00m, -0.98m];
        var bytes = Write(["数"], workbook =>
        {
            var sheet = workbook.NextSheet(["值", "空"]);
            foreach (var number in numbers)
            {
                sheet.BeginRow();
                sheet.Number(number);
                sheet.Number(null);
                sheet.EndRow();
            }
        });

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var cells = Sheets(document)["数"].Skip(1).ToList();
        Assert.All(cells, r => Assert.True(r.Single().IsNumber));
        Assert.Equal(numbers, cells.Select(r => decimal.Parse(r.Single().Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Sheets_never_started_are_written_empty_and_the_package_is_still_valid()
    {
        var bytes = Write(["一", "二", "三"], workbook => workbook.NextSheet(["甲", "乙"]));

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var sheets = Sheets(document);
        Assert.Equal(["一", "二", "三"], sheets.Keys);
        Assert.Single(sheets["一"]);
        Assert.Empty(sheets["二"]);
        Assert.Empty(sheets["三"]);
        Assert.Equal(["一", "二", "三"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
    }

    [Fact]
    public void A_workbook_abandoned_midway_is_not_readable_as_a_whole_one()
    {
        using var output = new MemoryStream();
        void WriteUntilTheDatabaseFails()
        {
            using var workbook = new XlsxStreamWriter(output, ["一", "二"]);
            var sheet = workbook.NextSheet(["甲"]);
            sheet.BeginRow();
            sheet.Text("已写");
            sheet.EndRow();
            throw new InvalidOperationException("the database went away");
        }

        Assert.Throws<InvalidOperationException>(WriteUntilTheDatabaseFails);

        // The sheet being written has no closing tags and the next one is missing: both readers refuse the file.
        var bytes = output.ToArray();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.ThrowsAny<Exception>(() => Sheets(document));
        Assert.ThrowsAny<System.Xml.XmlException>(() => MiniExcel.Query(new MemoryStream(bytes), sheetName: "一", excelType: ExcelType.XLSX).ToList());
    }

    [Fact]
    public void A_sheet_refuses_a_row_beyond_excels_limit()
    {
        using var output = new MemoryStream();
        using var workbook = new XlsxStreamWriter(output, ["满"]);
        var sheet = workbook.NextSheet(["值"]);
        for (var k = 1; k < XlsxStreamWriter.MaxRows; k++)
        {
            sheet.BeginRow();
            sheet.EndRow();
        }

        Assert.Equal(XlsxStreamWriter.MaxRows, sheet.Rows);
        var error = Assert.Throws<InvalidOperationException>(sheet.BeginRow);
        Assert.Contains("满", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("[x]")]
    [InlineData("'quoted'")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二")]
    public void A_sheet_name_excel_would_refuse_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new XlsxStreamWriter(new MemoryStream(), [name]));

    [Fact]
    public void Duplicate_sheet_names_are_refused() =>
        Assert.Throws<ArgumentException>(() => new XlsxStreamWriter(new MemoryStream(), ["Sheet", "sheet"]));

    [Fact]
    public void Rows_must_be_begun_before_cells_and_ended_before_the_next()
    {
        using var workbook = new XlsxStreamWriter(new MemoryStream(), ["一"]);
        var sheet = workbook.NextSheet(["甲"]);
        Assert.Throws<InvalidOperationException>(() => sheet.Text("x"));
        sheet.BeginRow();
        Assert.Throws<InvalidOperationException>(sheet.BeginRow);
        Assert.Throws<InvalidOperationException>(() => workbook.NextSheet(["乙"]));
    }

    private static string Code(int k) => (631000 + k).ToString(CultureInfo.InvariantCulture);

    private static decimal Amount(int k) => (k * 1234.5m) - 1000m + (k % 7 == 0 ? 0.01m : 0m);

    private static byte[] Write(string[] sheetNames, Action<XlsxStreamWriter> write)
    {
        using var output = new MemoryStream();
        using (var workbook = new XlsxStreamWriter(output, sheetNames))
        {
            write(workbook);
            workbook.Complete();
        }

        return output.ToArray();
    }

    /// <summary>RFC 4180 records (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (quoted)
            {
                if (c == '"' && k + 1 < text.Length && text[k + 1] == '"')
                {
                    field.Append('"');
                    k++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && k + 1 < text.Length && text[k + 1] == '\n')
                {
                    k++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    private static void AssertValid(SpreadsheetDocument document)
    {
        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Take(5).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private sealed record ReadCell(string Reference, string Text, bool IsNumber);

    /// <summary>Every sheet's rows as the OpenXML SDK reads them: inline-string text as written, numbers as their raw value.</summary>
    private static Dictionary<string, List<List<ReadCell>>> Sheets(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<ReadCell>>>();
        foreach (var sheet in workbook.Workbook!.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = [.. part.Worksheet!.GetFirstChild<SheetData>()!.Elements<Row>().Select(row => row.Elements<Cell>().Select(cell =>
                cell.DataType?.Value == CellValues.InlineString
                    ? new ReadCell(cell.CellReference!.Value!, cell.InlineString!.Text!.Text, false)
                    : new ReadCell(cell.CellReference!.Value!, cell.CellValue!.Text, cell.DataType is null)).ToList())];
        }

        return result;
    }
}
