using System.Text;
using DocumentFormat.OpenXml.Packaging;
using PerformanceTargets.Documents.Department;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests.Department;

public class DepartmentTableDocumentTests
{
    private const string SampleName = "631001-2021-department.txt";

    private static byte[] Sample => File.ReadAllBytes(Path.Combine(TestFiles.RepositoryRoot, "samples", SampleName));

    private static InterchangeDepartmentTable ReadSample()
    {
        var result = DepartmentDocuments.Read(Sample, SampleName, 2021);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Assert.Single(result.Tables).Table;
    }

    private static string Json(InterchangeDepartmentTable table) => System.Text.Json.JsonSerializer.Serialize(table, InterchangeJson.Options);

    [Fact]
    public void The_sample_reads_every_part()
    {
        var result = DepartmentDocuments.Read(Sample, SampleName, 2021);
        var document = Assert.Single(result.Tables);
        Assert.Equal("631001", document.UnitCode);
        var table = document.Table;
        Assert.Equal("秦皇岛市山海关区临港经济开发区发展中心本级", table.UnitName);
        Assert.StartsWith("负责开发区", table.Duties, StringComparison.Ordinal);
        Assert.StartsWith("保障开发区", table.OverallGoal, StringComparison.Ordinal);
        Assert.Equal(["一般公共预算拨款", "政府性基金预算拨款", "其他收入"], table.Incomes.Select(i => i.Source));
        Assert.Equal(5_000_000m, table.TotalBudget);
        Assert.Equal(3, table.Tasks.Count);
        Assert.Equal(800_000m, table.Tasks[0].PlannedAmount);
        Assert.Equal(8, table.Indicators.Count);
        var second = table.Indicators[1];
        Assert.Equal(("产出指标", "数量指标", "引进项目个数", "≥5", "定量", "个"), (second.Level1, second.Level2, second.Name, second.Value, second.ValueType, second.MeasureUnit));
        Assert.Equal("≥5个", second.Target?.Unit is null ? null : $"≥{second.Target.Number}{second.Target.Unit}");
        Assert.Equal("每少1个扣2分", second.ScoringStandard);
    }

    [Fact]
    public void Another_provinces_layout_with_synonyms_wan_yuan_and_no_codes_reads_the_same_way()
    {
        var dump = string.Join("\n",
            "部门整体支出绩效目标表",
            "\t单位名称", "\t某县农业农村局", "\t单位：万元", string.Empty,
            "\t主要职责", "\t负责全县农业农村工作。", string.Empty,
            "\t预算情况", "\t资金来源", "\t金额（万元）", string.Empty,
            "\t", "\t财政拨款", "\t28.8", string.Empty,
            "\t", "\t其他资金", "\t1.2", string.Empty,
            "\t", "\t合计", "\t30", string.Empty,
            "\t年度绩效目标", "\t完成高标准农田建设。", string.Empty,
            "\t主要任务", "\t任务", "\t主要内容", "\t预算金额（万元）", "\t预期目标", string.Empty,
            "\t", "\t高标准农田", "\t新建农田", "\t12.5", "\t建成 1 万亩", string.Empty,
            "\t绩效指标", "\t一级指标", "\t二级指标", "\t指标名称", "\t目标值", "\t指标类型", "\t度量单位", string.Empty,
            "\t", "\t产出指标", "\t数量指标", "\t新建面积", "\t≥1", "\t定量", "\t万亩", string.Empty,
            "\t", "\t", "\t时效指标", "\t资金拨付", "\t按月安排", "\t定量", "\t", string.Empty,
            "\t", "\t满意度指标", "\t服务对象满意度指标", "\t农户满意度", "\t≥90%", "\t定量", "\t", string.Empty);
        foreach (var (bytes, name) in new[] { (Encoding.UTF8.GetBytes(dump), "other.txt"), (HandMadeDocx.FromDump(dump), "other.docx"), (HandMadeXlsx.FromDump(dump), "other.xlsx") })
        {
            var result = DepartmentDocuments.Read(bytes, name, 2021);
            Assert.True(result.Succeeded, name + ": " + string.Join("\n", result.Errors));
            var document = Assert.Single(result.Tables);
            Assert.Null(document.UnitCode);
            var table = document.Table;
            Assert.Equal("某县农业农村局", table.UnitName);
            Assert.Equal("万元", table.AmountUnit);
            Assert.Equal([288_000m, 12_000m], table.Incomes.Select(i => i.Amount));
            Assert.Equal(125_000m, Assert.Single(table.Tasks).PlannedAmount);
            Assert.Equal("建成 1 万亩", table.Tasks[0].ExpectedGoal);
            Assert.Equal(["新建面积", "资金拨付", "农户满意度"], table.Indicators.Select(i => i.Name));
            Assert.Equal("产出指标", table.Indicators[1].Level1);
            Assert.Contains("value-type-mismatch", table.Indicators[1].Warnings);
        }
    }

    public static TheoryData<string> Formats => new() { "json", "txt", "docx", "xlsx" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Export_then_import_gives_the_same_table(string format)
    {
        var table = ReadSample();
        table.AmountUnit = format == "txt" ? "万元" : "元";
        table.Tasks[1].PlannedAmount = null;
        table.Indicators[0].Weight = 5m;
        table.Indicators[1].Weight = 5m;
        var name = $"dept.{format}";
        var bytes = format switch
        {
            "json" => Encoding.UTF8.GetBytes(DepartmentDocuments.WriteJson(table, "631001", "单位", 2021)),
            "txt" => Encoding.UTF8.GetBytes(DepartmentDocuments.WriteText(table, "631001", 2021)),
            "docx" => DepartmentDocuments.WriteDocx(table, "631001", 2021),
            _ => HandMadeXlsx.FromDump(DepartmentDocuments.WriteText(table, "631001", 2021)),
        };
        var result = DepartmentDocuments.Read(bytes, name, 2021);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var back = Assert.Single(result.Tables);
        Assert.Equal("631001", back.UnitCode);
        Assert.Equal(Json(table), Json(back.Table));
    }

    [Fact]
    public void The_docx_opens_in_a_second_reader_with_the_official_labels()
    {
        var bytes = DepartmentDocuments.WriteDocx(ReadSample(), "631001", 2021);
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        foreach (var label in new[] { "部门整体支出绩效目标表", "部门（单位）名称", "部门职责", "部门预算总体情况", "收入来源", "年度总体绩效目标", "年度重点工作任务", "计划投入（元）", "一级指标", "评（扣）分标准", "5000000.00" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\t部门名称\n\t单位\n\n\t年度总体目标\n\t目标\n\n\t部门预算\n\t收入来源\n\t预算金额\n\n\t\n\t财政拨款\n\t十万\n\n", 4, "预算金额", "不是金额")]
    [InlineData("\t部门名称\n\t单位\n\n\t部门预算\n\t收入来源\n\t预算金额\n\n\t\n\t财政拨款\n\t100\n\n\t\n\t合计\n\t200\n\n", 4, "合计", "不一致")]
    [InlineData("\t部门名称\n\t单位\n\n\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t指标值类型\n\n\t\n\t产出指标\n\t数量指标\n\t培训人数\n\t≥10人\n\t大概\n\n", 3, "指标值类型", "定量")]
    [InlineData("\t部门名称\n\t单位\n\n\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t\n\t产出指标\n\t数量指标\n\t\n\t≥10人\n\n", 3, "三级指标", "不能为空")]
    public void Errors_are_located_and_nothing_is_read(string dump, int row, string field, string message)
    {
        var result = DepartmentDocuments.Read(Encoding.UTF8.GetBytes(dump), "bad.txt", 2021);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Tables);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, row, field), (error.Table, error.Row, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.txt 表1 第", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_a_department_table_is_refused()
    {
        var result = DepartmentDocuments.Read(File.ReadAllBytes(Path.Combine(TestFiles.RepositoryRoot, "samples", TestFiles.SeedName)), TestFiles.SeedName, 2021);
        Assert.False(result.Succeeded);
        Assert.Contains("没有部门整体支出绩效目标表", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_interchange_documents_still_read_and_a_department_table_is_optional()
    {
        var old = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "samples", "631001-2021-goals.json"));
        Assert.True(InterchangeJson.Read(old, "old.json").Succeeded);
        Assert.DoesNotContain("departmentTable", InterchangeJson.Serialize(InterchangeJson.Read(old, "old.json").Document!), StringComparison.Ordinal);

        var withTable = DepartmentDocuments.WriteJson(ReadSample(), "631001", "单位", 2021);
        Assert.Contains("\"departmentTable\"", withTable, StringComparison.Ordinal);
        Assert.True(InterchangeJson.Read(withTable, "new.json").Succeeded);
        var missing = DepartmentDocuments.ReadJson(old, "old.json", 2021);
        Assert.Contains("departmentTable", missing.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_errors_are_located_by_path()
    {
        var table = ReadSample();
        table.Incomes[1].Amount = -1m;
        table.Indicators[2].ValueType = "半定量";
        var result = DepartmentDocuments.ReadJson(DepartmentDocuments.WriteJson(table, "631001", "单位", 2021), "bad.json", 2021);
        Assert.Equal(["$.units[0].departmentTable.incomes[1].amount", "$.units[0].departmentTable.indicators[2].valueType"], result.Errors.Select(e => e.Field));
    }
}
