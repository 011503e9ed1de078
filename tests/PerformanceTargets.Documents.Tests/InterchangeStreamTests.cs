using System.Text;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>The streamed read of the JSON interchange (<see cref="InterchangeJsonStream"/>): the same projects as the whole-document read, one at a time.</summary>
public sealed class InterchangeStreamTests
{
    private static string SamplePath => Path.Combine(TestFiles.RepositoryRoot, "samples", "631001-2021-goals.json");

    [Fact]
    public void Streamed_read_yields_the_projects_and_units_of_the_whole_document_read()
    {
        var bytes = File.ReadAllBytes(SamplePath);
        var whole = TestFiles.Succeed(InterchangeJson.Read(bytes, "goals.json"));

        var items = InterchangeJsonStream.Read(new TrickleStream(bytes, 7), "goals.json").ToList();

        Assert.All(items, i => Assert.True(i.Valid, string.Join("\n", i.Errors)));
        Assert.Equal(whole.Year, Assert.Single(items, i => i.Kind == InterchangeStreamItemKind.Year).Year);
        var units = items.Where(i => i.Kind == InterchangeStreamItemKind.Unit).Select(i => i.Unit!).ToList();
        var projects = items.Where(i => i.Kind == InterchangeStreamItemKind.Project).ToList();
        Assert.Equal(whole.Units.Count, units.Count);
        Assert.Equal(whole.Units.Sum(u => u.Projects.Count), projects.Count);
        Assert.True(projects.Count > 1);

        // Put together again, the streamed read is the whole-document read, written out byte for byte.
        var rebuilt = new InterchangeDocument { Year = whole.Year };
        for (var u = 0; u < units.Count; u++)
        {
            units[u].Projects = [.. projects.Where(p => p.UnitIndex == u).OrderBy(p => p.ProjectIndex).Select(p => p.Project!)];
            Assert.All(projects.Where(p => p.UnitIndex == u), p => Assert.Equal(units[u].Code, p.Unit!.Code));
            rebuilt.Units.Add(units[u]);
        }

        Assert.Equal(InterchangeJson.Serialize(whole), InterchangeJson.Serialize(rebuilt));
    }

    [Fact]
    public void Streamed_read_holds_one_project_at_a_time_from_a_non_seekable_stream()
    {
        // 3,000 projects (about 2 MB) read through a 64 KB window from a stream that gives 1,000 bytes a read and cannot seek:
        // the reader never asks for more than its window, and every project comes out.
        var document = Document(3000, _ => { });
        var bytes = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(document));
        var stream = new TrickleStream(bytes, 1000);

        var count = 0;
        foreach (var item in InterchangeJsonStream.Read(stream, "big.json"))
        {
            Assert.True(item.Valid, string.Join("\n", item.Errors));
            if (item.Kind == InterchangeStreamItemKind.Project)
            {
                count++;
                Assert.Equal($"P{item.ProjectIndex:00000}", item.Project!.Code);
                // The stream is read as the projects are taken: never the whole document ahead.
                Assert.True(stream.Position < bytes.Length || count > 2900, $"project {count}: {stream.Position} of {bytes.Length} bytes read");
            }
        }

        Assert.Equal(3000, count);
        Assert.True(stream.LargestRequest <= 128 * 1024, $"asked for {stream.LargestRequest} bytes at once");
    }

    [Fact]
    public void Peek_reads_the_year_and_stops_at_the_units_without_reading_them()
    {
        var bytes = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(Document(3000, _ => { })));
        var stream = new TrickleStream(bytes, 1000);

        Assert.Equal((2021, true), InterchangeJsonStream.Peek(stream));
        Assert.True(stream.Position <= 64 * 1024, $"read {stream.Position} of {bytes.Length} bytes");

        // Units before the year: they are skipped token by token (never held whole) to find it.
        var late = Encoding.UTF8.GetBytes("{\"units\": " + Encoding.UTF8.GetString(bytes)[(Encoding.UTF8.GetString(bytes).IndexOf("[", StringComparison.Ordinal))..].TrimEnd().TrimEnd('}') + ", \"year\": 2022}");
        Assert.Equal((2022, true), InterchangeJsonStream.Peek(new TrickleStream(late, 1000)));
        Assert.Null(InterchangeJsonStream.Peek(new MemoryStream("[1]"u8.ToArray())));
    }

    [Fact]
    public void IsUtf8_takes_characters_split_between_reads_and_refuses_other_encodings()
    {
        var text = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(Document(20, _ => { })));
        for (var chunk = 1; chunk <= 11; chunk++)
        {
            Assert.True(InterchangeJsonStream.IsUtf8(new MemoryStream(text), chunk), $"chunk {chunk}");
        }

        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes("{\"year\": 2021, \"units\": [{\"name\": \"测试单位\"}]}");
        Assert.False(InterchangeJsonStream.IsUtf8(new MemoryStream(gb18030), 7));
        Assert.False(InterchangeJsonStream.IsUtf8(new MemoryStream([.. "{}"u8, 0xE6, 0xB5]), 1 << 20));
    }

    [Fact]
    public void An_error_in_the_last_project_is_located_by_file_unit_project_and_field()
    {
        var document = Document(50, p => { });
        document.Units[0].Projects[^1].FiscalFunds += 1;
        var bytes = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(document));

        var items = InterchangeJsonStream.Read(new TrickleStream(bytes, 4096), "big.json").ToList();

        var error = Assert.Single(items.SelectMany(i => i.Errors));
        Assert.Equal("big.json", error.File);
        Assert.Equal("$.units[0].projects[49]（单位 631001 项目 P00049）.fiscalFunds", error.Field);
        Assert.Contains("财政资金", error.Message);
        Assert.Equal(50, items.Count(i => i.Kind == InterchangeStreamItemKind.Project));
    }

    [Fact]
    public void Malformed_json_stops_the_read_with_a_located_error()
    {
        var bytes = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(Document(3, _ => { })).Replace("\"budget\": 1000.00", "\"budget\": \"1000\""));

        var items = InterchangeJsonStream.Read(new MemoryStream(bytes), "bad.json").ToList();

        var failed = items[^1];
        Assert.Equal(InterchangeStreamItemKind.Failed, failed.Kind);
        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("$.units[0].projects[0].budget", error.Field);
        Assert.NotNull(error.Row);
    }

    [Fact]
    public void Duplicate_codes_across_units_are_found_as_they_stream()
    {
        var document = Document(2, _ => { });
        var second = Document(1, _ => { }).Units[0];
        second.Code = "631002";
        document.Units.Add(second);
        var bytes = Encoding.UTF8.GetBytes(InterchangeJson.Serialize(document));

        var error = Assert.Single(InterchangeJsonStream.Read(new MemoryStream(bytes), "d.json").SelectMany(i => i.Errors));

        Assert.Equal("$.units[1].projects[0]（单位 631002 项目 P00000）.code", error.Field);
    }

    internal static InterchangeDocument Document(int projects, Action<InterchangeProject> change)
    {
        var unit = new InterchangeUnit { Code = "631001", Name = "测试单位", OverallGoal = "总体目标" };
        for (var i = 0; i < projects; i++)
        {
            var project = new InterchangeProject
            {
                Code = $"P{i:00000}",
                Name = $"项目{i}",
                Budget = 1000.00m,
                FiscalFunds = 600.00m,
                OtherFunds = 400.00m,
                Purpose = "用途",
                Goals = ["完成工作"],
                SpendingPlan = [new InterchangeCheckpoint { Month = 6, CumulativePercent = 50 }, new InterchangeCheckpoint { Month = 12, CumulativePercent = 100 }],
                Indicators = [new InterchangeIndicator { Level1 = "产出指标", Level2 = "数量指标", Name = "完成数量", Value = "≥10个" }],
            };
            change(project);
            unit.Projects.Add(project);
        }

        return new InterchangeDocument { Year = 2021, Units = [unit] };
    }

    /// <summary>A read-only, non-seekable stream that gives at most <c>chunk</c> bytes a read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public int LargestRequest { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            LargestRequest = Math.Max(LargestRequest, count);
            var n = Math.Min(Math.Min(count, chunk), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
