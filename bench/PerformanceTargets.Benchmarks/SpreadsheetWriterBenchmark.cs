using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Benchmarks;

/// <summary>
/// The ratings export's workbook for N projects (docs/performance.md: 项目评分 one row a project, 指标明细 nine rows a project,
/// 部门分项 one row in fifty), written two ways to a temporary file: the hand-written <see cref="XlsxStreamWriter"/> and the
/// OpenXML SDK's streaming <see cref="OpenXmlWriter"/>, both in a SpreadsheetDocument (on a read-write file: the SDK refuses a write-only one)
/// and alone on a zip entry.
/// Same rows, same cell types (inline strings, numbers), header row bold. Run in Release:
/// <c>dotnet run -c Release --project bench/PerformanceTargets.Benchmarks -- spreadsheet [PROJECTS] [RUNS] [WRITERS]</c>
/// (WRITERS: a comma list of <c>openxml-sdk</c>, <c>openxml-writer-on-zip</c>; the hand-written writer always runs).
/// Prints, per run and writer, the wall time, the bytes allocated on the writing thread and the file size.
/// </summary>
public static class SpreadsheetWriterBenchmark
{
    private static readonly string[] ProjectColumns = ["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "执行数", "执行率", "执行得分", "总分", "等级", "状态"];
    private static readonly string[] IndicatorColumns = ["单位编码", "项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"];
    private static readonly string[] SubGoalColumns = ["单位编码", "单位名称", "分项指标", "完成率", "等级"];
    private static readonly string[] Sheets = ["项目评分", "指标明细", "部门分项"];

    /// <summary>A cell's content: text, or a number when <see cref="Text"/> is null and <see cref="Number"/> is set.</summary>
    private readonly record struct Datum(string? Text, decimal? Number)
    {
        public static implicit operator Datum(string? text) => new(text, null);

        public static implicit operator Datum(decimal number) => new(null, number);
    }

    public static void Run(string[] args)
    {
        var projects = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var data = Rows(projects);
        Console.WriteLine($"spreadsheet projects={projects} rows={data.Sum(s => s.Count):N0} runs={runs} cores={Environment.ProcessorCount}");
        var writers = new (string Name, Action<string, List<List<Datum[]>>> Write)[] { ("hand-written", WriteByHand), ("openxml-sdk", WriteWithSdk), ("openxml-writer-on-zip", WriteWithSdkWriterOnZip) };
        if (args.Length > 3)
        {
            writers = [.. writers.Where(w => w.Name == "hand-written" || args[3].Split(',').Contains(w.Name))];
        }

        var results = writers.ToDictionary(w => w.Name, _ => new List<(double Seconds, long Allocated)>());
        for (var run = 0; run <= runs; run++)
        {
            // Alternate the order so neither always runs on a warmer machine; run 0 is a warm-up and is not counted.
            foreach (var (name, write) in run % 2 == 0 ? writers : writers.Reverse())
            {
                var path = Path.GetTempFileName();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                write(path, data);
                clock.Stop();
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                var size = new FileInfo(path).Length;
                File.Delete(path);
                Console.WriteLine($"run={run} writer={name} seconds={clock.Elapsed.TotalSeconds:F2} allocated_mb={allocated / 1048576.0:F0} file_mb={size / 1048576.0:F1}{(run == 0 ? " (warm-up)" : string.Empty)}");
                if (run > 0)
                {
                    results[name].Add((clock.Elapsed.TotalSeconds, allocated));
                }
            }
        }

        foreach (var (name, list) in results)
        {
            var times = list.Select(r => r.Seconds).Order().ToList();
            Console.WriteLine($"{name}: seconds min={times[0]:F2} median={times[times.Count / 2]:F2} max={times[^1]:F2}; allocated_mb min={list.Min(r => r.Allocated) / 1048576.0:F0} max={list.Max(r => r.Allocated) / 1048576.0:F0}");
        }

        double Median(string name) => results[name].Select(r => r.Seconds).Order().ElementAt(runs / 2);
        foreach (var name in results.Keys.Where(n => n != "hand-written"))
        {
            Console.WriteLine($"{name} ÷ hand-written (median seconds) = {Median(name) / Median("hand-written"):F2}");
        }
    }

    /// <summary>The rows, made once (what the database would stream), so only the writing is timed.</summary>
    private static List<List<Datum[]>> Rows(int projects)
    {
        var random = new Random(1);
        var projectRows = new List<Datum[]>(projects);
        var indicatorRows = new List<Datum[]>(projects * 9);
        var subGoalRows = new List<Datum[]>(projects / 50 + 1);
        for (var p = 0; p < projects; p++)
        {
            var unit = $"U{p / 50:D5}";
            var code = $"2021-{p:D6}";
            var name = $"第{p}号公共服务能力提升项目";
            var budget = random.Next(10_000, 5_000_000) + 0.5m;
            projectRows.Add([unit, $"示范单位{p / 50}", code, name, budget, budget * 0.9m, 90.00m, 9.00m, 87.5m + (p % 10), "良", "已审核"]);
            for (var k = 1; k <= 9; k++)
            {
                indicatorRows.Add([unit, code, name, k <= 5 ? "产出指标" : "效益指标", k <= 5 ? "数量指标" : "社会效益指标", $"指标{k}完成情况",
                    $"≥{90 + k}%", $"{88 + k}%", 10m, 9.5m, k % 3 == 0 ? "受疫情影响，部分培训延期至下半年开展。" : null]);
            }

            if (p % 50 == 0)
            {
                subGoalRows.Add([unit, $"示范单位{p / 50}", "重点工作完成率", 95.5m, "优"]);
            }
        }

        return [projectRows, indicatorRows, subGoalRows];
    }

    private static string[] Columns(int sheet) => sheet switch { 0 => ProjectColumns, 1 => IndicatorColumns, _ => SubGoalColumns };

    private static void WriteByHand(string path, List<List<Datum[]>> data)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var workbook = new XlsxStreamWriter(file, Sheets);
        for (var s = 0; s < data.Count; s++)
        {
            var sheet = workbook.NextSheet(Columns(s));
            foreach (var row in data[s])
            {
                sheet.BeginRow();
                foreach (var cell in row)
                {
                    if (cell.Text is null && cell.Number is { } number)
                    {
                        sheet.Number(number);
                    }
                    else
                    {
                        sheet.Text(cell.Text);
                    }
                }

                sheet.EndRow();
            }
        }

        workbook.Complete();
    }

    /// <summary>
    /// The OpenXML SDK way: a SpreadsheetDocument (parts, relationships, content types by the SDK), each worksheet streamed
    /// through <see cref="OpenXmlWriter"/>, element instances reused, one attribute list a cell.
    /// </summary>
    private static void WriteWithSdk(string path, List<List<Datum[]>> data)
    {
        // The SDK needs a readable stream (it opens the package for update), so a write-only file is refused.
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        using var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }, new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }) { Count = 2 });
        styles.Stylesheet.Save();
        var sheetIds = new List<string>();
        for (var s = 0; s < data.Count; s++)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            sheetIds.Add(workbookPart.GetIdOfPart(part));
            using var writer = OpenXmlWriter.Create(part);
            WriteSheet(writer, Columns(s), data[s]);
        }

        workbookPart.Workbook = new Workbook(new DocumentFormat.OpenXml.Spreadsheet.Sheets(
            sheetIds.Select((id, k) => new Sheet { Name = Sheets[k], SheetId = (uint)(k + 1), Id = id })));
        workbookPart.Workbook.Save();
    }

    /// <summary>
    /// Only the worksheets' XML through the SDK's <see cref="OpenXmlWriter"/>, each straight into a zip entry (fastest deflate,
    /// create mode, as the hand-written writer); the package parts come from the hand-written writer with no rows (the sheets
    /// are then replaced). Tells the XML writer's cost apart from the SDK's package.
    /// </summary>
    private static void WriteWithSdkWriterOnZip(string path, List<List<Datum[]>> data)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
        using (var parts = new MemoryStream())
        {
            using (var empty = new XlsxStreamWriter(parts, Sheets))
            {
                empty.Complete();
            }

            using var source = new System.IO.Compression.ZipArchive(new MemoryStream(parts.ToArray()), System.IO.Compression.ZipArchiveMode.Read);
            foreach (var entry in source.Entries.Where(e => !e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.Fastest).Open();
                from.CopyTo(to);
            }
        }

        for (var s = 0; s < data.Count; s++)
        {
            using var entry = zip.CreateEntry($"xl/worksheets/sheet{s + 1}.xml", System.IO.Compression.CompressionLevel.Fastest).Open();
            using var writer = OpenXmlWriter.Create(entry);
            WriteSheet(writer, Columns(s), data[s]);
        }
    }

    private static void WriteSheet(OpenXmlWriter writer, string[] columns, List<Datum[]> rows)
    {
        var row = new Row();
        var cellElement = new DocumentFormat.OpenXml.Spreadsheet.Cell();
        var inline = new InlineString();
        var text = new Text();
        var value = new CellValue();
        var rowAttributes = new List<OpenXmlAttribute>(1);
        var cellAttributes = new List<OpenXmlAttribute>(3);
        var columnNames = Enumerable.Range(0, 16).Select(c => ((char)('A' + c)).ToString()).ToArray();
        var number = new char[32];
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            var r = 0;
            void Write(IReadOnlyList<Datum> cells, bool header)
            {
                r++;
                var rowNumber = r.ToString(CultureInfo.InvariantCulture);
                rowAttributes.Clear();
                rowAttributes.Add(new OpenXmlAttribute("r", string.Empty, rowNumber));
                writer.WriteStartElement(row, rowAttributes);
                for (var c = 0; c < cells.Count; c++)
                {
                    var cell = cells[c];
                    if (cell.Text is null && cell.Number is null)
                    {
                        continue;
                    }

                    cellAttributes.Clear();
                    cellAttributes.Add(new OpenXmlAttribute("r", string.Empty, columnNames[c] + rowNumber));
                    if (header)
                    {
                        cellAttributes.Add(new OpenXmlAttribute("s", string.Empty, "1"));
                    }

                    if (cell.Text is { } t)
                    {
                        cellAttributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
                        writer.WriteStartElement(cellElement, cellAttributes);
                        writer.WriteStartElement(inline);
                        writer.WriteStartElement(text);
                        writer.WriteString(t);
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }
                    else
                    {
                        writer.WriteStartElement(cellElement, cellAttributes);
                        writer.WriteStartElement(value);
                        cell.Number!.Value.TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
                        writer.WriteString(new string(number, 0, length));
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            Write(columns.Select(c => (Datum)c).ToArray(), header: true);
            foreach (var cells in rows)
            {
                Write(cells, header: false);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }
}
