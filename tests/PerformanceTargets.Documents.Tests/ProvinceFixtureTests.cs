using System.Text;
using System.Text.Json;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// Real published goal tables (Fixtures/Provinces/*/README.md gives each source address) import without loss in every
/// form: the text dump, GB18030 with CRLF, a .docx and an .xlsx built from it, each against an expected JSON written by
/// hand from the source.
/// </summary>
public sealed class ProvinceFixtureTests
{
    private static readonly ReadOptions Unit = new("TEST01", "测试单位");

    public static TheoryData<string, string> Forms()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in Fixtures)
        {
            foreach (var form in new[] { "txt", "gbk", "docx", "xlsx" })
            {
                data.Add(fixture, form);
            }
        }

        return data;
    }

    private static readonly string[] Fixtures = ["hubei-ezhou-2022", "hunan-ningxiang-2021"];

    private static string Folder(string fixture) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Provinces", fixture);

    private static InterchangeDocument Expected(string fixture) =>
        JsonSerializer.Deserialize<InterchangeDocument>(File.ReadAllText(Path.Combine(Folder(fixture), "expected.json")), InterchangeJson.Options)!;

    internal static ImportResult Read(string fixture, string form, ReadOptions? options)
    {
        var dump = File.ReadAllText(Path.Combine(Folder(fixture), "table.txt"));
        var year = Expected(fixture).Year;
        switch (form)
        {
            case "txt":
                return PlanDocuments.Read(Encoding.UTF8.GetBytes(dump), fixture + ".txt", year, options);
            case "gbk":
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                var gbk = Encoding.GetEncoding(54936).GetBytes(dump.Replace("\n", "\r\n", StringComparison.Ordinal));
                Assert.False(System.Text.Unicode.Utf8.IsValid(gbk));
                return PlanDocuments.Read(gbk, fixture + ".txt", year, options);
            case "docx":
                return PlanDocuments.Read(HandMadeDocx.FromDump(dump), fixture + ".docx", year, options);
            default:
                return PlanDocuments.Read(HandMadeXlsx.FromDump(dump), fixture + ".xlsx", year, options);
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_real_table_imports_without_loss(string fixture, string form)
    {
        var expected = Expected(fixture);
        var actual = TestFiles.Succeed(Read(fixture, form, Unit));

        var unit = Assert.Single(actual.Units);
        Assert.Equal((expected.Units[0].Code, expected.Units[0].Name), (unit.Code, unit.Name));
        Assert.Equal(expected.Units[0].Projects.Count, unit.Projects.Count);
        for (var i = 0; i < unit.Projects.Count; i++)
        {
            var (e, a) = (expected.Units[0].Projects[i], unit.Projects[i]);
            Assert.Equal(e.CodeProvisional, a.CodeProvisional);
            Assert.Equal(e.CodeProvisional ? PlanDocumentParser.GeneratedCode("TEST01", expected.Year, e.Name) : e.Code, a.Code);
            Assert.Equal(
                (e.Name, e.Budget, e.FiscalFunds, e.OtherFunds, e.FundsSplitUnknown, e.AmountUnit, e.Purpose, e.MediumTermGoal),
                (a.Name, a.Budget, a.FiscalFunds, a.OtherFunds, a.FundsSplitUnknown, a.AmountUnit, a.Purpose, a.MediumTermGoal));
            Assert.Equal(e.SpendingPlan.Select(c => (c.Month, c.CumulativePercent)), a.SpendingPlan.Select(c => (c.Month, c.CumulativePercent)));
            Assert.Equal(e.Goals, a.Goals);
            Assert.Equal((e.Extra ?? []).Select(x => (x.Label, x.Value)), (a.Extra ?? []).Select(x => (x.Label, x.Value)));
            Assert.Equal(e.UnknownLabels ?? [], a.UnknownLabels ?? []);
            Assert.Equal(
                e.Indicators.Select(x => (x.Level1, x.Level2, x.Name, x.Description, x.Value, x.Basis, Extra: string.Join("|", (x.Extra ?? []).Select(f => f.Label + "=" + f.Value)))),
                a.Indicators.Select(x => (x.Level1, x.Level2, x.Name, x.Description, x.Value, x.Basis, Extra: string.Join("|", (x.Extra ?? []).Select(f => f.Label + "=" + f.Value)))));
            Assert.Contains(a.Notices!, n => n.Contains("没有资金支出计划", StringComparison.Ordinal));
            Assert.Contains(a.Notices!, n => n.Contains("临时编码", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("hubei-ezhou-2022")]
    [InlineData("hunan-ningxiang-2021")]
    public void Without_a_unit_the_import_asks_for_one_and_names_what_the_document_states(string fixture)
    {
        var error = Assert.Single(TestFiles.Fail(Read(fixture, "txt", null)));
        Assert.Equal("单位", error.Field);
        Assert.Contains("--unit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hunan_table_states_its_unit_and_the_reader_names_it()
    {
        var error = Assert.Single(TestFiles.Fail(Read("hunan-ningxiang-2021", "txt", null)));
        Assert.Contains("宁乡市坝塘镇人民政府", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_without_its_split_is_marked_unknown_never_zeros()
    {
        var project = TestFiles.Succeed(Read("hubei-ezhou-2022", "txt", Unit)).Units[0].Projects[0];
        Assert.True(project.FundsSplitUnknown);
        Assert.Contains(project.Notices!, n => n.Contains("构成未知", StringComparison.Ordinal));
        Assert.Contains("\"fundsSplitUnknown\": true", InterchangeJson.Serialize(new InterchangeDocument { Year = 2022, Units = [new InterchangeUnit { Code = "T", Name = "T", Projects = [project] }] }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_code_is_the_documented_rule_and_stable()
    {
        Assert.Equal(PlanDocumentParser.GeneratedCode("631001", 2024, "镇域内 基础设施建设"), PlanDocumentParser.GeneratedCode("631001", 2024, "镇域内基础设施建设"));
        Assert.Matches("^631001-2024-[0-9A-F]{8}$", PlanDocumentParser.GeneratedCode("631001", 2024, "镇域内基础设施建设"));
        Assert.NotEqual(PlanDocumentParser.GeneratedCode("631001", 2024, "甲"), PlanDocumentParser.GeneratedCode("631001", 2024, "乙"));
    }
}
