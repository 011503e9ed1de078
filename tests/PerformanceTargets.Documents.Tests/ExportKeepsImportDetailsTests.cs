using System.Text;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// What the tolerant reader keeps on a project (provisional code, a total whose split is unknown, no spending plan yet,
/// the medium-term goal, extra fields of the project and of its indicators) survives every export: the text, the .docx
/// and the JSON interchange each re-import to the same data, and a split that is unknown is written as unknown, never 0.
/// </summary>
public sealed class ExportKeepsImportDetailsTests
{
    private static readonly ReadOptions Unit = new("430182001", "宁乡市测试单位");

    // A table of another province: no code, no plan, only the total, a medium-term goal, extra rows and indicator columns.
    private const string Table = """
	项目名称
	社区养老服务补助
	主管部门
	某市民政局
	实施单位
	某市养老服务中心

	年度资金总额（万元）
	250

	实施期绩效目标
	三年内覆盖全部社区

	本年度绩效目标
	1.新建社区养老服务站10个
2.服务老人不少于5000人次

	一级指标
	二级指标
	三级指标
	指标性质
	指标值
	度量单位
	分值

	产出指标
	数量指标
	新建服务站数量
	≥
	10
	个
	20

	
	质量指标
	验收合格率
	=
	100
	%
	20

	效益指标
	满意度指标
	服务对象满意度
	≥
	90
	%
	30

	财政部门审核意见
	同意

	填表人
	张三
	联系电话
	0000-0000000

""";

    private static InterchangeDocument Imported()
    {
        var document = TestFiles.Succeed(PlanDocuments.ReadText(Encoding.UTF8.GetBytes(Table), "t.txt", 2024, Unit));
        document.Units[0].Name = "宁乡市测试单位";
        return document;
    }

    [Fact]
    public void The_tolerant_read_keeps_what_the_exports_must_show()
    {
        var p = Imported().Units[0].Projects[0];
        Assert.True(p.CodeProvisional);
        Assert.True(p.FundsSplitUnknown);
        Assert.Empty(p.SpendingPlan);
        Assert.Equal((2500000m, "万元"), (p.Budget, p.AmountUnit));
        Assert.Equal("三年内覆盖全部社区", p.MediumTermGoal);
        Assert.Equal(["主管部门=某市民政局", "实施单位=某市养老服务中心", "财政部门审核意见=同意", "填表人=张三", "联系电话=0000-0000000"], p.Extra!.Select(e => e.Label + "=" + e.Value));
        Assert.Equal(["指标性质=≥", "度量单位=个", "分值=20"], p.Indicators[0].Extra!.Select(e => e.Label + "=" + e.Value));
    }

    [Fact]
    public void Text_export_shows_the_kept_fields_and_an_unknown_split_as_unknown()
    {
        var text = PlanDocuments.WriteText(Imported());
        Assert.Contains("\t项目编码（临时）\n\t430182001-2024-", text, StringComparison.Ordinal);
        Assert.Contains("\t其中：财政资金\n\t未知\n\t其他资金\n\t未知\n", text, StringComparison.Ordinal);
        Assert.Contains("\t预算数\n\t250\n", text, StringComparison.Ordinal);
        Assert.Contains("\t资金支出计划（%）\n\t未填报\n", text, StringComparison.Ordinal);
        Assert.Contains("\t实施期绩效目标\n\t三年内覆盖全部社区\n", text, StringComparison.Ordinal);
        Assert.Contains("\t其他信息\n\n\t主管部门\n\t某市民政局\n\n\t实施单位\n\t某市养老服务中心\n", text, StringComparison.Ordinal);
        Assert.Contains("\t指标值确定依据\n\t指标性质\n\t度量单位\n\t分值\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\t0.00\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_export_re_imports_to_the_same_data() =>
        AssertSame(Imported(), TestFiles.Succeed(PlanDocuments.ReadText(PlanDocuments.WriteText(Imported()), "again.txt", 2024)));

    [Fact]
    public void Docx_export_re_imports_to_the_same_data() =>
        AssertSame(Imported(), TestFiles.Succeed(PlanDocuments.ReadDocx(PlanDocuments.WriteDocx(Imported()), "again.docx", 2024)));

    [Fact]
    public void Xlsx_export_re_imports_to_the_same_data() =>
        AssertSame(Imported(), TestFiles.Succeed(PlanDocuments.ReadXlsx(PlanDocuments.WriteXlsx(Imported()), "again.xlsx", 2024)));

    [Fact]
    public void Xlsx_export_of_the_seed_re_imports_its_projects()
    {
        var seed = TestFiles.ImportSeed();
        var again = TestFiles.Succeed(PlanDocuments.ReadXlsx(PlanDocuments.WriteXlsx(seed), "seed.xlsx", seed.Year));
        var unit = Assert.Single(again.Units);
        Assert.Equal((seed.Units[0].Code, seed.Units[0].Name), (unit.Code, unit.Name));
        Assert.Equal(
            seed.Units[0].Projects.Select(p => PlanDocuments.WriteJson(new InterchangeDocument { Year = seed.Year, Units = [new InterchangeUnit { Projects = [p] }] })),
            unit.Projects.Select(p => PlanDocuments.WriteJson(new InterchangeDocument { Year = seed.Year, Units = [new InterchangeUnit { Projects = [p] }] })));
    }

    [Fact]
    public void Json_export_re_imports_to_the_same_data()
    {
        var json = PlanDocuments.WriteJson(Imported());
        Assert.Contains("\"fundsSplitUnknown\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"codeProvisional\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"spendingPlan\": []", json, StringComparison.Ordinal);
        var again = TestFiles.Succeed(PlanDocuments.ReadJson(json, "again.json"));
        AssertSame(Imported(), again);
        Assert.Contains(InterchangeJson.NoPlanNotice, again.Units[0].Projects[0].Notices!);
        Assert.Contains(InterchangeJson.SplitUnknownNotice, again.Units[0].Projects[0].Notices!);
    }

    [Fact]
    public void A_project_with_plan_and_split_keeps_them_and_its_extra_fields_through_text_and_docx()
    {
        var document = Imported();
        var p = document.Units[0].Projects[0];
        p.FundsSplitUnknown = false;
        p.FiscalFunds = 2000000m;
        p.OtherFunds = 500000m;
        p.CodeProvisional = false;
        p.Code = "4301822024000001";
        p.SpendingPlan = [new() { Month = 6, CumulativePercent = 40m }, new() { Month = 12, CumulativePercent = 100m }];
        AssertSame(document, TestFiles.Succeed(PlanDocuments.ReadText(PlanDocuments.WriteText(document), "again.txt", 2024)));
        AssertSame(document, TestFiles.Succeed(PlanDocuments.ReadDocx(PlanDocuments.WriteDocx(document), "again.docx", 2024)));
        AssertSame(document, TestFiles.Succeed(PlanDocuments.ReadXlsx(PlanDocuments.WriteXlsx(document), "again.xlsx", 2024)));
        Assert.DoesNotContain("项目编码（临时）", PlanDocuments.WriteText(document), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("未知")]
    [InlineData("—")]
    [InlineData("-")]
    public void A_sample_layout_split_written_as_unknown_imports_as_unknown(string unknown)
    {
        var seed = TestFiles.SeedText;
        var cut = seed.Replace("\t其中：财政资金\n\t2000000.00\n\t其他资金\n\t0\n", $"\t其中：财政资金\n\t{unknown}\n\t其他资金\n\t{unknown}\n", StringComparison.Ordinal);
        Assert.NotEqual(seed, cut);
        var p = TestFiles.Succeed(PlanDocuments.ReadText(cut, "seed.txt", 2021)).Units[0].Projects[0];
        Assert.Equal((2000000.00m, true, 0m, 0m), (p.Budget, p.FundsSplitUnknown, p.FiscalFunds, p.OtherFunds));
    }

    [Fact]
    public void Extra_columns_of_indicators_follow_first_appearance_and_repeat_for_a_label_held_twice()
    {
        var columns = DocumentLayout.ExtraColumns([
            [new() { Label = "分值", Value = "20" }],
            [new() { Label = "指标性质", Value = "≥" }, new() { Label = "备注", Value = "a" }, new() { Label = "备注", Value = "b" }],
        ]);
        Assert.Equal(["分值", "指标性质", "备注", "备注"], columns);
        Assert.Equal(["", "≥", "a", "b"], DocumentLayout.ExtraCells(columns, [new() { Label = "指标性质", Value = "≥" }, new() { Label = "备注", Value = "a" }, new() { Label = "备注", Value = "b" }]));
    }

    /// <summary>Field by field, through the JSON interchange; what the reader noticed (derived) is left out.</summary>
    private static void AssertSame(InterchangeDocument expected, InterchangeDocument actual)
    {
        static string Json(InterchangeDocument d)
        {
            var copy = TestFiles.Succeed(PlanDocuments.ReadJson(PlanDocuments.WriteJson(d), "x.json"));
            foreach (var p in copy.Units.SelectMany(u => u.Projects))
            {
                p.Notices = null;
                p.UnknownLabels = null;
            }

            foreach (var u in copy.Units)
            {
                (u.OverallGoal, u.AnnualTargets, u.GuaranteeMeasures) = (string.Empty, string.Empty, string.Empty);
            }

            return PlanDocuments.WriteJson(copy);
        }

        Assert.Equal(Json(expected), Json(actual));
    }
}

/// <summary>The JSON interchange reads a project without its spending plan as the document readers do: a draft with a notice.</summary>
public sealed class JsonWithoutPlanTests
{
    private static string Json(string status = "Draft", string plan = "", string split = "\"fiscalFunds\": 100.00, \"otherFunds\": 0.00") => $$"""
        { "year": 2024, "units": [ { "code": "430182001", "name": "测试单位", "projects": [ {
            "code": "P1", "name": "测试项目", "budget": 100.00, {{split}}, "status": "{{status}}"{{plan}},
            "goals": [ "目标" ],
            "indicators": [ { "level1": "产出指标", "level2": "数量指标", "name": "数量", "value": "≥1个" } ] } ] } ] }
        """;

    [Theory]
    [InlineData("")]
    [InlineData(", \"spendingPlan\": []")]
    [InlineData(", \"spendingPlan\": null")]
    public void A_draft_without_a_plan_imports_with_the_notice(string plan)
    {
        var p = TestFiles.Succeed(PlanDocuments.ReadJson(Json(plan: plan), "p.json")).Units[0].Projects[0];
        Assert.Empty(p.SpendingPlan);
        Assert.Equal([InterchangeJson.NoPlanNotice], p.Notices);
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("Approved")]
    public void A_project_past_draft_without_a_plan_is_refused_at_its_path(string status)
    {
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadJson(Json(status), "p.json")));
        Assert.Equal("$.units[0].projects[0].spendingPlan", error.Field);
        Assert.Contains("草稿", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_split_reads_with_zeros_only()
    {
        var ok = TestFiles.Succeed(PlanDocuments.ReadJson(Json(split: "\"fiscalFunds\": 0, \"otherFunds\": 0, \"fundsSplitUnknown\": true"), "p.json")).Units[0].Projects[0];
        Assert.True(ok.FundsSplitUnknown);
        Assert.Contains(InterchangeJson.SplitUnknownNotice, ok.Notices!);
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.ReadJson(Json(split: "\"fiscalFunds\": 60, \"otherFunds\": 40, \"fundsSplitUnknown\": true"), "p.json")));
        Assert.Equal("$.units[0].projects[0].fiscalFunds", error.Field);
    }

    [Fact]
    public void Notices_in_an_incoming_file_are_replaced_by_what_this_read_noticed()
    {
        var json = Json(plan: ", \"spendingPlan\": [ { \"month\": 12, \"cumulativePercent\": 100 } ], \"notices\": [ \"旧的提示\" ]");
        Assert.Null(TestFiles.Succeed(PlanDocuments.ReadJson(json, "p.json")).Units[0].Projects[0].Notices);
    }
}

/// <summary>The real province tables, read, exported in every format and read again, give the same data.</summary>
public sealed class ProvinceExportRoundTripTests
{
    [Theory]
    [InlineData("hubei-ezhou-2022", 2022, "txt")]
    [InlineData("hubei-ezhou-2022", 2022, "docx")]
    [InlineData("hubei-ezhou-2022", 2022, "xlsx")]
    [InlineData("hunan-ningxiang-2021", 2021, "txt")]
    [InlineData("hunan-ningxiang-2021", 2021, "docx")]
    [InlineData("hunan-ningxiang-2021", 2021, "xlsx")]
    public void Export_and_read_again(string fixture, int year, string format)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Provinces", fixture, "table.txt");
        var read = TestFiles.Succeed(PlanDocuments.ReadText(File.ReadAllBytes(path), "table.txt", year, new ReadOptions("430182001", "测试单位")));
        var kind = PlanDocuments.FormatOf("x." + format)!.Value;
        var again = TestFiles.Succeed(PlanDocuments.Read(PlanDocuments.Write(read, kind), "again." + format, year));
        static string Json(InterchangeDocument d)
        {
            foreach (var p in d.Units.SelectMany(u => u.Projects))
            {
                (p.Notices, p.UnknownLabels) = (null, null);
            }

            return PlanDocuments.WriteJson(d);
        }

        Assert.Equal(Json(read), Json(again));
    }
}
