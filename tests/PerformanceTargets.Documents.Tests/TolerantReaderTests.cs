using System.Text;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// The variants issue 14 lists, each in a small table built here (the real published tables are in
/// <see cref="ProvinceFixtureTests"/>): label:value inside one cell, 万 amounts, goals and indicator columns by their
/// other names, 指标性质 + 度量单位, 分值, 一级 synonyms, labels with line breaks, trailing rows, separate tables.
/// </summary>
public sealed class TolerantReaderTests
{
    private static readonly ReadOptions Unit = new("T01", "测试单位");

    private const string OneTable = """
	2024年项目支出绩效目标表 单位：万元

	项目支出名称
	社区养老服务补助
	预算单位
	某市民政局

	资金情况（万元）
	年度资金总额：250万
其中：财政拨款：200万
其他资金：50万

	实施期绩效目标
	三年内覆盖全部社区

	本年度绩效目标
	1.新建社区养老服务站10个
2.服务老人不少于5000人次

	本年度绩效指标
	一级指标
	二级指标
	三级指标
	指标性质
	指标值
	度量单位
	分值

	
	项目完成
指标
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

	
	
	时效指标
	
	
	
	
	

	
	项目效益指标
	社会效益指标
	服务老人人次
	≥
	5000
	人次
	30

	
	
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

    private const string TwoTables = """
	一级项目名称
	农业产业发展
	二级项目名称
	高标准农田建设
	项目主管部门
	某县农业农村局
	项目执行单位
	某县农田建设中心

	项目总投资
	1000
	中央补助安排
	600
	省级财政安排
	200
	其他资金
	100
	预算申报数
	900

	总体目标
	年度目标

	建成高标准农田
	完成1万亩高标准农田建设


	一级指标
	二级指标
	三级指标
	指标值（包含数字及文字描述）
	绩效标准（计划标准）

	产出指标
	数量指标
	建设面积
	≥1万亩
	项目批复

	成本指标
	经济成本指标
	亩均投资
	≤3000元/亩
	建设标准

	效益指标
	服务对象满意度指标
	农户满意度
	≥90%
	以往经验

""";

    private static ImportResult Read(string dump, ReadOptions? options = null) =>
        PlanDocuments.ReadText(Encoding.UTF8.GetBytes(dump.Replace("\r\n", "\n", StringComparison.Ordinal)), "t.txt", 2024, options ?? Unit);

    [Fact]
    public void One_table_with_label_value_cells_wan_amounts_nature_and_unit_columns_and_trailing_rows()
    {
        var unit = Assert.Single(TestFiles.Succeed(Read(OneTable)).Units);
        Assert.Equal(("T01", "测试单位"), (unit.Code, unit.Name));
        var p = Assert.Single(unit.Projects);
        Assert.Equal(("社区养老服务补助", 2500000m, 2000000m, 500000m, "万元", false), (p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit, p.FundsSplitUnknown));
        Assert.Equal("三年内覆盖全部社区", p.MediumTermGoal);
        Assert.Equal(["新建社区养老服务站10个", "服务老人不少于5000人次"], p.Goals);
        Assert.Equal(
            [("产出指标", "数量指标", "新建服务站数量", "≥10个"), ("产出指标", "质量指标", "验收合格率", "=100%"), ("效益指标", "社会效益指标", "服务老人人次", "≥5000人次"), ("效益指标", "满意度指标", "服务对象满意度", "≥90%")],
            p.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Value)));
        Assert.Equal(["指标性质=≥", "度量单位=个", "分值=20"], p.Indicators[0].Extra!.Select(e => e.Label + "=" + e.Value));
        Assert.Equal(["预算单位=某市民政局", "财政部门审核意见=同意", "填表人=张三", "联系电话=0000-0000000"], p.Extra!.Select(e => e.Label + "=" + e.Value));
        Assert.True(p.CodeProvisional);
        Assert.Null(p.UnknownLabels);
    }

    [Fact]
    public void Indicators_in_the_same_table_read_the_same_from_word()
    {
        var fromText = TestFiles.Succeed(Read(OneTable)).Units[0].Projects[0];
        var fromWord = TestFiles.Succeed(PlanDocuments.ReadDocx(HandMadeDocx.FromDump(OneTable), "t.docx", 2024, Unit)).Units[0].Projects[0];
        var fromExcel = TestFiles.Succeed(PlanDocuments.ReadXlsx(HandMadeXlsx.FromDump(OneTable), "t.xlsx", 2024, Unit)).Units[0].Projects[0];
        foreach (var other in new[] { fromWord, fromExcel })
        {
            Assert.Equal(PlanDocuments.WriteJson(Doc(fromText)), PlanDocuments.WriteJson(Doc(other)));
        }
    }

    [Fact]
    public void Project_and_indicators_in_separate_tables_with_parent_and_child_names_and_the_central_fund_block()
    {
        var p = Assert.Single(TestFiles.Succeed(Read(TwoTables)).Units[0].Projects);
        Assert.Equal(("高标准农田建设", 900m, 800m, 100m, "元"), (p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit));
        Assert.Equal(("建成高标准农田", "完成1万亩高标准农田建设"), (p.MediumTermGoal, Assert.Single(p.Goals)));
        Assert.Contains(p.Extra!, e => (e.Label, e.Value) == ("一级项目名称", "农业产业发展"));
        Assert.Contains(p.Extra!, e => (e.Label, e.Value) == ("项目总投资", "1000"));
        Assert.Contains(p.Extra!, e => (e.Label, e.Value) == ("中央补助安排", "600"));
        Assert.Contains(p.Extra!, e => (e.Label, e.Value) == ("项目执行单位", "某县农田建设中心"));
        Assert.Equal(
            [("产出指标", "数量指标", "建设面积", "≥1万亩", "项目批复"), ("成本指标", "经济成本指标", "亩均投资", "≤3000元/亩", "建设标准"), ("效益指标", "服务对象满意度指标", "农户满意度", "≥90%", "以往经验")],
            p.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Value, i.Basis)));
    }

    [Fact]
    public void Funds_that_do_not_add_up_stay_a_located_error()
    {
        var error = Assert.Single(TestFiles.Fail(Read(TwoTables.Replace("\t900\n", "\t950\n", StringComparison.Ordinal))));
        Assert.Equal((1, 2, "财政资金"), (error.Table, error.Row, error.Field));
        Assert.Contains("不一致", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_is_kept_and_reported()
    {
        var dump = OneTable.Replace("\t预算单位\n", "\t项目绩效联络人\n\t李四\n\t预算单位\n", StringComparison.Ordinal);
        var p = TestFiles.Succeed(Read(dump)).Units[0].Projects[0];
        Assert.Equal(["项目绩效联络人"], p.UnknownLabels);
        Assert.Contains(p.Extra!, e => (e.Label, e.Value) == ("项目绩效联络人", "李四"));
        Assert.Contains(p.Notices!, n => n.Contains("项目绩效联络人", StringComparison.Ordinal));
    }

    [Fact]
    public void A_synonym_is_added_by_a_configuration_file_without_code()
    {
        var dump = OneTable.Replace("\t项目支出名称\n", "\t项目名目\n", StringComparison.Ordinal);
        Assert.NotEmpty(TestFiles.Fail(Read(dump)));

        using var extra = new MemoryStream(Encoding.UTF8.GetBytes("""{ "fields": { "projectName": [ "项目名目" ] } }"""));
        var labels = LabelDictionary.Extend(extra);
        Assert.Equal("社区养老服务补助", TestFiles.Succeed(Read(dump, Unit with { Labels = labels })).Units[0].Projects[0].Name);
        Assert.Null(LabelDictionary.Default.FieldOf("项目名目"));
    }

    [Fact]
    public void A_sample_layout_total_without_its_split_is_unknown_not_zeros()
    {
        var seed = TestFiles.SeedText;
        var at = seed.IndexOf("\t其中：财政资金\n\t2000000.00\n\t其他资金\n\t0\n", StringComparison.Ordinal);
        Assert.True(at > 0);
        var cut = seed.Remove(at, "\t其中：财政资金\n\t2000000.00\n\t其他资金\n\t0\n".Length);
        var p = TestFiles.Succeed(PlanDocuments.ReadText(cut, "seed.txt", 2021)).Units[0].Projects[0];
        Assert.Equal((2000000.00m, true), (p.Budget, p.FundsSplitUnknown));
        Assert.Contains(p.Notices!, n => n.Contains("构成未知", StringComparison.Ordinal));
    }

    [Fact]
    public void Word_plan_rows_ending_in_an_empty_merged_cell_import()
    {
        var seed = TestFiles.SeedText;
        var wide = seed.Replace("\t12月底\n\n", "\t12月底\n\t\n\n", StringComparison.Ordinal).Replace("\t100.00%\n\n", "\t100.00%\n\t\n\n", StringComparison.Ordinal);
        Assert.NotEqual(seed, wide);
        var expected = TestFiles.ImportSeed();
        var actual = TestFiles.Succeed(PlanDocuments.ReadDocx(HandMadeDocx.FromDump(wide), "wide.docx", 2021));
        Assert.Equal(
            expected.Units[0].Projects.Select(p => string.Join(",", p.SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent}"))),
            actual.Units[0].Projects.Select(p => string.Join(",", p.SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent}"))));
    }

    private static InterchangeDocument Doc(InterchangeProject p) => new() { Year = 2024, Units = [new InterchangeUnit { Code = "T01", Name = "测试单位", Projects = [p] }] };
}
