using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>Another unit's document, with other bands, 万元 amounts, other checkpoints and indicator counts, reads by labels.</summary>
public class OtherUnitTests
{
    private static readonly InterchangeDocument Document =
        TestFiles.Succeed(PlanDocuments.ReadText(OtherUnitDocument.Text, OtherUnitDocument.FileName, 2022));

    private static InterchangeUnit Unit => Assert.Single(Document.Units);

    [Fact]
    public void The_unit_and_its_part_one()
    {
        Assert.Equal(2022, Document.Year);
        Assert.Equal(("708002", "某某市人力资源和社会保障局本级"), (Unit.Code, Unit.Name));
        Assert.Equal("围绕全市就业优先战略，做好职业技能培训。\n全年完成补贴性培训8万人次。", Unit.OverallGoal);
        Assert.Equal("加强资金监管，确保专款专用。", Unit.GuaranteeMeasures);
    }

    [Fact]
    public void Sub_goals_take_the_bands_their_standard_gives()
    {
        Assert.Equal(2, Unit.SubGoals.Count);
        var service = Unit.SubGoals[0];
        Assert.Equal(("就业服务", null), (service.Area, service.Activity));
        Assert.Equal("为城乡劳动者提供均等化的公共就业服务，\n帮助就业困难人员实现就业。", service.Goal);
        Assert.Equal("就业困难人员就业率", service.Indicator);
        Assert.Equal(["优:95", "良:85", "中:70", "差:0"], service.Bands.Select(b => $"{b.Grade}:{b.Min}"));
        Assert.Equal("职业培训", Unit.SubGoals[1].Area);
        Assert.Equal(["优:95", "良:85", "中:70", "差:0"], Unit.SubGoals[1].Bands.Select(b => $"{b.Grade}:{b.Min}"));
    }

    [Fact]
    public void Wan_yuan_amounts_with_separators_are_converted_to_yuan()
    {
        var training = Unit.Projects[0];
        Assert.Equal("万元", training.AmountUnit);
        Assert.Equal(1580000.00m, training.Budget);
        Assert.Equal(1500000.00m, training.FiscalFunds);
        Assert.Equal(80000.00m, training.OtherFunds);
        Assert.Equal("用于职业技能提升补贴发放", training.Purpose);

        var trainee = Unit.Projects[1];
        Assert.Equal("元", trainee.AmountUnit);
        Assert.Equal(1580000.00m, trainee.Budget);
        Assert.Equal(1485000.00m, trainee.FiscalFunds);
        Assert.Equal(95000m, trainee.OtherFunds);
    }

    [Fact]
    public void Four_checkpoints_at_other_months()
    {
        Assert.Equal(["4:10", "7:40.5", "9:80", "12:100"], Unit.Projects[0].SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent}"));
        Assert.Equal(["3:20.00", "6:50.00", "9:50.00", "12:100.00"], Unit.Projects[1].SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent}"));
    }

    [Fact]
    public void Indicators_continue_empty_categories_and_keep_other_units_of_measure()
    {
        var training = Unit.Projects[0];
        Assert.Equal(["完成补贴性职业技能培训8万人次"], training.Goals);
        Assert.Equal(5, training.Indicators.Count);
        Assert.Equal(
            ["产出指标/数量指标/培训人次", "产出指标/数量指标/培训批次", "产出指标/成本指标/人均补贴标准", "效益指标/社会效益指标/就业率", "满意度指标/服务对象满意度指标/学员满意度"],
            training.Indicators.Select(i => $"{i.Level1}/{i.Level2}/{i.Name}"));
        var people = training.Indicators[0];
        Assert.Equal("≥8万人次", people.Value);
        Assert.Equal(("quantitative", ">=", 8m, "万人次"), (people.Target!.Kind, people.Target.Comparator, people.Target.Number, people.Target.Unit));
        Assert.Equal("≤1.6万元", training.Indicators[2].Value);
        Assert.Equal("<=", training.Indicators[2].Target!.Comparator);

        var trainee = Unit.Projects[1];
        Assert.Equal(4, trainee.Indicators.Count);
        Assert.Equal(["组织1000名高校毕业生参加就业见习", "见习留用率不低于50%"], trainee.Goals);
    }

    [Fact]
    public void The_export_states_amounts_in_the_documents_own_unit()
    {
        var text = PlanDocuments.WriteText(Document);
        Assert.Contains("\t单位：万元\n", text, StringComparison.Ordinal);
        Assert.Contains("\t预算数\n\t158.00\n\t其中：财政资金\n\t150.00\n\t其他资金\n\t8.00\n", text, StringComparison.Ordinal);
        Assert.Contains("\t预算数\n\t1580000.00\n\t其中：财政资金\n\t1485000.00\n\t其他资金\n\t95000\n", text, StringComparison.Ordinal);
        Assert.Contains("\t4月底\n\t7月底\n\t9月底\n\t12月底\n", text, StringComparison.Ordinal);
    }
}

/// <summary>Offices often save text as GB18030 (GBK); the text reader accepts it as well as UTF-8 with or without BOM.</summary>
public class TextEncodingTests
{
    [Fact]
    public void A_gb18030_text_dump_reads_like_its_utf8_original()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding(54936).GetBytes(OtherUnitDocument.Text);
        var utf8Bom = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(OtherUnitDocument.Text)).ToArray();

        var expected = TestFiles.Succeed(PlanDocuments.ReadText(OtherUnitDocument.Text, "u.txt", 2022));
        RoundTripTests.AssertSameDocument(expected, TestFiles.Succeed(PlanDocuments.ReadText(gb, "gb.txt", 2022)));
        RoundTripTests.AssertSameDocument(expected, TestFiles.Succeed(PlanDocuments.ReadText(utf8Bom, "bom.txt", 2022)));
        Assert.Equal("708002", TestFiles.Succeed(PlanDocuments.ReadText(gb, "gb.txt", 2022)).Units[0].Code);
    }
}
