using System.Text;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// One test a variant of issue 14, each table built here as a ragged grid (rows of different lengths, empty merged
/// cells) and read in three forms — the text dump, a .docx and an .xlsx built from it — which must agree.
/// </summary>
public sealed class FundVariantTests
{
    private static readonly ReadOptions Unit = new("440100001", "测试单位");

    // Indicators shared by the tables below (their own header row, an empty merged 一级 cell).
    private const string Indicators = "\n" + """
	一级指标
	二级指标
	三级指标
	指标值

	产出指标
	数量指标
	完成数量
	≥10个

	
	时效指标
	完成时间
	12月底前

	满意度指标
	服务对象满意度指标
	群众满意度
	≥90%

""" + "\n";

    private static InterchangeProject ReadAll(string dump)
    {
        var bytes = Encoding.UTF8.GetBytes(dump.Replace("\r\n", "\n", StringComparison.Ordinal));
        var fromText = TestFiles.Succeed(PlanDocuments.ReadText(bytes, "t.txt", 2024, Unit));
        var fromWord = TestFiles.Succeed(PlanDocuments.ReadDocx(HandMadeDocx.FromDump(dump), "t.docx", 2024, Unit));
        var fromExcel = TestFiles.Succeed(PlanDocuments.ReadXlsx(HandMadeXlsx.FromDump(dump), "t.xlsx", 2024, Unit));
        Assert.Equal(PlanDocuments.WriteJson(fromText), PlanDocuments.WriteJson(fromWord));
        Assert.Equal(PlanDocuments.WriteJson(fromText), PlanDocuments.WriteJson(fromExcel));
        return Assert.Single(Assert.Single(fromText.Units).Projects);
    }

    private static string Extra(InterchangeProject p, string label) => Assert.Single(p.Extra!, e => e.Label == label).Value;

    [Fact]
    public void Local_budget_amount_and_higher_level_funds_are_fiscal_parts_summed()
    {
        var p = ReadAll("""
	项目名称
	乡村公路养护补助
	主管部门
	某县交通运输局

	年度本级预算金额（万元）
	120
	上级资金（万元）
	30

	年度绩效目标
	完成乡村公路养护100公里

""" + Indicators);
        Assert.Equal((1_500_000m, 1_500_000m, 0m, "万元", false), (p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit, p.FundsSplitUnknown));
        Assert.Contains(p.Notices!, n => n.Contains("年度本级预算金额", StringComparison.Ordinal) && n.Contains("上级资金", StringComparison.Ordinal));
        Assert.Equal("120", Extra(p, "年度本级预算金额（万元）"));
        Assert.Equal("30", Extra(p, "上级资金（万元）"));
    }

    [Fact]
    public void Total_investment_central_and_provincial_funds_other_funds_and_the_declared_amount_as_a_row_of_labels_over_values()
    {
        var p = ReadAll("""
	项目名称
	高标准农田建设

	项目总投资
	中央补助安排
	省级财政安排
	其他资金
	预算申报数

	1000
	600
	200
	100
	900

	年度绩效目标
	建成高标准农田1万亩

""" + Indicators);
        Assert.Equal((900m, 800m, 100m, false), (p.Budget, p.FiscalFunds, p.OtherFunds, p.FundsSplitUnknown));
        Assert.Equal("1000", Extra(p, "项目总投资"));
        Assert.Equal("600", Extra(p, "中央补助安排"));
        Assert.Equal("200", Extra(p, "省级财政安排"));
    }

    [Fact]
    public void Project_name_as_the_first_row_without_a_title()
    {
        var p = ReadAll("""
	项目名称
	城乡低保资金
	项目单位
	某区民政局

	预算数
	500000
	其中：财政拨款
	500000

	绩效目标
	保障困难群众基本生活

""" + Indicators);
        Assert.Equal(("城乡低保资金", 500000m, 500000m, 0m), (p.Name, p.Budget, p.FiscalFunds, p.OtherFunds));
        Assert.Equal(PlanDocumentParser.GeneratedCode("440100001", 2024, "城乡低保资金"), p.Code);
    }

    [Theory]
    [InlineData("250万", "230万", "20万元")]
    [InlineData("250 万元", "230万元", "20万")]
    [InlineData("2,500,000.00", "2,300,000", "200000")]
    public void Amounts_with_wan_in_the_cell_or_in_yuan(string total, string fiscal, string other)
    {
        var p = ReadAll($"""
	项目名称
	社区服务补助

	年度资金总额
	{total}
	其中：财政拨款
	{fiscal}
	其他资金
	{other}

	年度绩效目标
	服务居民

""" + Indicators);
        Assert.Equal((2_500_000m, 2_300_000m, 200_000m), (p.Budget, p.FiscalFunds, p.OtherFunds));
        Assert.Equal(total.Contains('万', StringComparison.Ordinal) ? "万元" : "元", p.AmountUnit);
    }

    [Theory]
    [InlineData("2024年项目支出绩效目标表 单位：万元")]
    [InlineData("项目支出绩效目标表\n（2024年度）\n单位：万元")]
    public void Wan_stated_inside_the_first_row_scales_plain_amounts(string title)
    {
        var p = ReadAll($"""
	{title}

	项目名称
	河道整治
	实施单位
	某县水利局

	资金总额
	80
	财政资金
	60
	其他资金
	20

	年度绩效目标
	整治河道5公里

""" + Indicators);
        Assert.Equal((800_000m, 600_000m, 200_000m, "万元"), (p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit));
    }

    [Fact]
    public void Wan_in_the_first_row_beside_the_project_name()
    {
        var p = ReadAll("""
	项目名称
	河道整治
	单位：万元

	资金总额
	80

	年度绩效目标
	整治河道5公里

""" + Indicators);
        Assert.Equal((800_000m, true, "万元"), (p.Budget, p.FundsSplitUnknown, p.AmountUnit));
    }

    [Fact]
    public void First_and_second_level_project_names()
    {
        var p = ReadAll("""
	一级项目名称
	教育事业发展
	二级项目名称
	义务教育学生营养改善计划

	预算数
	300
	财政拨款
	300

	年度绩效目标
	改善学生营养

""" + Indicators);
        Assert.Equal("义务教育学生营养改善计划", p.Name);
        Assert.Equal("教育事业发展", Extra(p, "一级项目名称"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Medium_term_and_this_years_goals_side_by_side_or_one_under_the_other(bool sideBySide)
    {
        var goals = sideBySide
            ? "\t实施期绩效目标\n\t本年度绩效目标\n\n\t三年建成200个站点\n\t1.建成80个站点\n2.服务10万人次\n"
            : "\t实施期绩效目标\n\t三年建成200个站点\n\n\t本年度绩效目标\n\t1.建成80个站点\n2.服务10万人次\n";
        var p = ReadAll("\t项目名称\n\t养老服务站建设\n\n\t预算数\n\t100\n\t财政资金\n\t100\n\n" + goals + Indicators);
        Assert.Equal("三年建成200个站点", p.MediumTermGoal);
        Assert.Equal(["建成80个站点", "服务10万人次"], p.Goals);
    }

    [Fact]
    public void Nature_value_and_measure_unit_columns_make_the_target_in_a_ragged_grid()
    {
        var p = ReadAll("""
	项目名称
	农村饮水安全工程
	预算数
	100
	财政资金
	100

	年度绩效目标
	保障农村饮水安全

	一级指标
	二级指标
	三级指标
	指标性质
	指标值
	度量单位

	产出指标
	数量指标
	新建供水站
	≥
	10
	个

	
	质量指标
	水质达标率
	＝
	100
	%

	
	时效指标
	完工时间
	定性
	年底前完工

	效益指标
	社会效益指标
	受益人口
	≥
	2
	万人

""");
        Assert.Equal(
            [("产出指标", "数量指标", "新建供水站", "≥10个"), ("产出指标", "质量指标", "水质达标率", "=100%"), ("产出指标", "时效指标", "完工时间", "年底前完工"), ("效益指标", "社会效益指标", "受益人口", "≥2万人")],
            p.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Value)));
        Assert.Equal(["指标性质=≥", "度量单位=个"], p.Indicators[0].Extra!.Select(e => e.Label + "=" + e.Value));
        Assert.Equal(("quantitative", 2m, "万人"), (p.Indicators[3].Target!.Kind, p.Indicators[3].Target!.Number, p.Indicators[3].Target!.Unit));
    }

    [Fact]
    public void Rows_after_the_indicators_are_kept_as_extra_fields_not_read_as_indicators()
    {
        var p = ReadAll("""
	项目名称
	全民健身设施
	预算数
	50
	财政资金
	50

	年度绩效目标
	新建健身路径

""" + Indicators + """
	财政部门审核意见
	同意申报
	
	

	填表人
	王五
	联系电话
	0000-1234567

	单位负责人
	赵六

""");
        Assert.Equal(["完成数量", "完成时间", "群众满意度"], p.Indicators.Select(i => i.Name));
        Assert.Equal("同意申报", Extra(p, "财政部门审核意见"));
        Assert.Equal("王五", Extra(p, "填表人"));
        Assert.Equal("0000-1234567", Extra(p, "联系电话"));
        Assert.Equal("赵六", Extra(p, "单位负责人"));
    }
}
