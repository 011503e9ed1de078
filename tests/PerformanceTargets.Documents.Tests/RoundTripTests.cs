using System.Text.RegularExpressions;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>import(export(x)) equals x, field by field, for each format; the text export reproduces the seed.</summary>
public class RoundTripTests
{
    private static readonly InterchangeDocument Seed = TestFiles.ImportSeed();

    [Fact]
    public void Json_round_trip_keeps_every_field()
    {
        var json = PlanDocuments.WriteJson(Seed);
        var again = TestFiles.Succeed(PlanDocuments.ReadJson(json, "seed.json"));
        AssertSameDocument(Seed, again);
    }

    [Fact]
    public void Text_round_trip_keeps_every_field()
    {
        var text = PlanDocuments.WriteText(Seed);
        var again = TestFiles.Succeed(PlanDocuments.ReadText(text, "seed.txt", Seed.Year));
        AssertSameDocument(Seed, again);
    }

    [Fact]
    public void Docx_round_trip_keeps_every_field()
    {
        var docx = PlanDocuments.WriteDocx(Seed);
        var again = TestFiles.Succeed(PlanDocuments.ReadDocx(docx, "seed.docx", Seed.Year));
        AssertSameDocument(Seed, again);
    }

    [Theory]
    [InlineData("631001-2021-goals.json")]
    [InlineData("631001-2021-goals.docx")]
    public void The_samples_docx_and_json_hold_the_same_document_as_its_text(string name)
    {
        var path = Path.Combine(TestFiles.RepositoryRoot, "samples", name);
        var again = TestFiles.Succeed(PlanDocuments.Read(File.ReadAllBytes(path), name, Seed.Year));
        AssertSameDocument(Seed, again);
    }

    [Fact]
    public void Text_export_of_the_imported_seed_reproduces_the_seed_line_by_line()
    {
        // Differences allowed: Word's [bookmark: …] markers, and spaces around paragraph lines (not inside cells).
        static string[] Normalize(string text) =>
            [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
                .Select(l => Regex.Replace(l, @"^\[bookmark: [^\]]*\]", string.Empty))
                .Select(l => l.StartsWith('\t') ? l : l.Trim(' '))];

        var expected = Normalize(TestFiles.SeedText);
        var actual = Normalize(PlanDocuments.WriteText(Seed));
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            Assert.True(expected[i] == actual[i], $"Line {i + 1} differs:\nseed:   «{expected[i]}»\nexport: «{actual[i]}»");
        }

        Assert.Equal(expected.Length, actual.Length);
    }

    [Fact]
    public void A_document_of_several_units_and_wan_yuan_amounts_survives_every_format()
    {
        var document = TestFiles.Succeed(PlanDocuments.ReadText(OtherUnitDocument.Text, OtherUnitDocument.FileName, 2022));
        var second = TestFiles.ImportSeed().Units[0];
        document.Units.Add(second);
        document.Units[0].AnnualTargets = "新增就业岗位1200个以上\n培训人数不少于8万人次";

        AssertSameDocument(document, TestFiles.Succeed(PlanDocuments.ReadJson(PlanDocuments.WriteJson(document), "x.json")));
        AssertSameDocument(document, TestFiles.Succeed(PlanDocuments.ReadText(PlanDocuments.WriteText(document), "x.txt", 2022)));
        AssertSameDocument(document, TestFiles.Succeed(PlanDocuments.ReadDocx(PlanDocuments.WriteDocx(document), "x.docx", 2022)));
    }

    [Fact]
    public void A_unit_typed_in_the_app_without_projects_or_headings_survives_text_and_docx()
    {
        var document = new InterchangeDocument
        {
            Year = 2023,
            Units =
            [
                new InterchangeUnit
                {
                    Code = "101",
                    Name = "某某局本级",
                    OverallGoal = "第一段\n第二段",
                    GuaranteeMeasures = "一、加强领导",
                    SubGoals =
                    [
                        new InterchangeSubGoal { Area = "综合办公", Activity = "办公活动", Goal = "保障运转", Indicator = "运转率", Standard = "运转率区间在95%-100%为优；85%-95%为良；70%-85%为中；70%以下为差。" },
                        new InterchangeSubGoal { Area = "综合办公", Activity = "财务活动", Goal = "规范财务", Indicator = "规范率" },
                        new InterchangeSubGoal { Area = "项目建设", Goal = "按期完工", Indicator = "完工率", Standard = "完工率达到100%。" },
                    ],
                },
            ],
        };
        var json = TestFiles.Succeed(PlanDocuments.ReadJson(PlanDocuments.WriteJson(document), "app.json"));
        Assert.Equal(["优:95", "良:85", "中:70", "差:0"], json.Units[0].SubGoals[0].Bands.Select(b => $"{b.Grade}:{b.Min}"));
        Assert.Equal(["优:90", "良:80", "中:60", "差:0"], json.Units[0].SubGoals[2].Bands.Select(b => $"{b.Grade}:{b.Min}"));

        var text = PlanDocuments.WriteText(json);
        Assert.Contains("\n综合办公绩效目标：\n一是办公活动：\n绩效目标是：保障运转\n绩效指标是运转率。\n", text, StringComparison.Ordinal);
        AssertSameDocument(json, TestFiles.Succeed(PlanDocuments.ReadText(text, "app.txt", 2023)));
        AssertSameDocument(json, TestFiles.Succeed(PlanDocuments.ReadDocx(PlanDocuments.WriteDocx(json), "app.docx", 2023)));
    }

    [Fact]
    public void Goal_numbering_round_trips_unchanged_and_multi_line_goals_stay_whole()
    {
        var document = TestFiles.ImportSeed();
        var project = document.Units[0].Projects[0];
        project.Goals = ["第一项目标", "第二项目标\n（续写在下一行）", "第三项目标"];
        var text = PlanDocuments.WriteText(document);
        Assert.Contains("\t1.第一项目标\n2.第二项目标\n（续写在下一行）\n3.第三项目标\n", text, StringComparison.Ordinal);

        var again = TestFiles.Succeed(PlanDocuments.ReadText(text, "goals.txt", 2021));
        Assert.Equal(project.Goals, again.Units[0].Projects[0].Goals);
        var fromDocx = TestFiles.Succeed(PlanDocuments.ReadDocx(PlanDocuments.WriteDocx(document), "goals.docx", 2021));
        Assert.Equal(project.Goals, fromDocx.Units[0].Projects[0].Goals);
    }

    /// <summary>Field by field: the canonical JSON of both documents (every field, derived ones included) must match.</summary>
    internal static void AssertSameDocument(InterchangeDocument expected, InterchangeDocument actual)
    {
        var e = InterchangeJson.Serialize(expected).Split('\n');
        var a = InterchangeJson.Serialize(actual).Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(e[i] == a[i], $"JSON line {i + 1} differs:\nexpected: {e[i]}\nactual:   {a[i]}");
        }

        Assert.Equal(e.Length, a.Length);
    }
}
