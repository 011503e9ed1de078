using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>The 2021 sample document of 631001 (samples/) imports with every value it states.</summary>
public class SeedImportTests
{
    private static readonly InterchangeDocument Seed = TestFiles.ImportSeed();

    private static InterchangeUnit Unit => Assert.Single(Seed.Units);

    [Fact]
    public void The_unit_is_read_from_the_project_tables()
    {
        Assert.Equal(2021, Seed.Year);
        Assert.Equal("631001", Unit.Code);
        Assert.Equal("秦皇岛市山海关区临港经济开发区发展中心本级", Unit.Name);
    }

    [Fact]
    public void The_overall_goal_and_guarantee_measures_are_kept_as_written()
    {
        Assert.StartsWith("坚持以打造“全市领先、全省一流”省级经济开发区为目标，", Unit.OverallGoal, StringComparison.Ordinal);
        Assert.EndsWith("2021年，力争新引进亿元项目8个以上，新增规上企业3家，在全省经济开发区考核中争先进位。", Unit.OverallGoal, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', Unit.OverallGoal);

        var measures = Unit.GuaranteeMeasures.Split('\n');
        Assert.Equal(9, measures.Length);
        Assert.Equal("一、以招商引资为关键点，全面发力抓精准招商，力促经济增长呈现新亮点", measures[0]);
        Assert.StartsWith("（一）龙头项目重点培育。", measures[3], StringComparison.Ordinal);
        Assert.Equal("全力落实省市开发区改革发展要求，摒弃一切不符合高质量发展要求的思想观念，大胆革除制约发展的体制机制弊端，先行先试、大胆创新，不断激发创造力和发展活力。确保改革落地见效，提升改革发展动能。", measures[^1]);
        Assert.Equal(string.Empty, Unit.AnnualTargets);
    }

    [Fact]
    public void Six_sub_goals_with_their_irregular_headings_activities_and_bands()
    {
        var goals = Unit.SubGoals;
        Assert.Equal(6, goals.Count);
        Assert.Equal(
            ["综合办公", "综合办公", "经济发展", "规划国土", "规划国土", "建设环保"],
            goals.Select(g => g.Area));
        Assert.Equal(
            ["办公活动", "财务审计活动", null, "规划活动", "农村活动", null],
            goals.Select(g => g.Activity));
        Assert.Equal(
            ["一、综合办公绩效目标：", "一、综合办公绩效目标：", "经济发展绩效目标", null, null, "建设环保职责："],
            goals.Select(g => g.AreaHeading));
        Assert.Equal([null, "二是财务审计活动", null, null, null, null], goals.Select(g => g.ActivityHeading));

        Assert.Equal("提高行政管理服务质量，使其符合国家有关法律、法规的规定和上级政府、所有入区企业及相关方的要求。通过向企业提供良好的投资环境和有效的行政管理服务，确保上级政府、入区企业及相关各方满意。", goals[0].Goal);
        Assert.Equal("综合办公日常运转率", goals[0].Indicator);
        Assert.Equal("项目入园情况，企业满意率", goals[2].Indicator);
        Assert.Equal("综合办公日常运转率区间在90%-100%为优；综合办公日常运转率区间在80%-90%为良；综合办公日常运转率区间在60%-80%为中；综合办公日常运转率区间在60%以下为差。", goals[0].Standard);
        Assert.Equal("征拆工作完成率区间在90%-100%为优；征拆工作完成率在80%-90%为良；征拆工作完成率区间在60%-80%为中；征拆工作完成率区间在60%以下为差。", goals[4].Standard);
        foreach (var goal in goals)
        {
            Assert.Equal(["优:90", "良:80", "中:60", "差:0"], goal.Bands.Select(b => $"{b.Grade}:{b.Min}"));
        }
    }

    [Fact]
    public void Five_projects_with_their_codes_names_and_amounts()
    {
        var projects = Unit.Projects;
        Assert.Equal(
            ["1303032113FG3ZE1SGQAM", "13030321199H7YOAI104I", "130303214BPTRMWTXKRMT", "13030321EIPRN9KG00TYW", "13030321EYP6WRB8KOFGQ"],
            projects.Select(p => p.Code));
        Assert.Equal(["综合政务管理业务费", "人事代理专项补助", "专项补助", "开发区建设开发资金", "山海关临港经济开发区环境跟踪监测"], projects.Select(p => p.Name));
        Assert.Equal([2000000.00m, 214540.00m, 1303000.00m, 34760000.00m, 570000.00m], projects.Select(p => p.Budget));
        Assert.Equal(projects.Select(p => p.Budget), projects.Select(p => p.FiscalFunds));
        Assert.All(projects, p => Assert.Equal(0m, p.OtherFunds));
        Assert.All(projects, p => Assert.Equal("元", p.AmountUnit));
        Assert.All(projects, p => Assert.Equal("Draft", p.Status));

        var development = projects[3];
        Assert.Equal("13030321EIPRN9KG00TYW", development.Code);
        Assert.Equal("开发区建设开发资金", development.Name);
        Assert.Equal(34760000.00m, development.Budget);
        Assert.Equal("用于开发区招商引资及项目前期、综合环境维护及建设相关、规划体系完善、拆迁安置过渡费、农民子女入学补助、开发区改革人事薪酬绩效奖励等开发区建设资金。", development.Purpose);
        Assert.Equal("用于开发区日常综合办公及业务支出", projects[0].Purpose);
    }

    [Fact]
    public void Spending_plans_are_the_cumulative_percents_by_month()
    {
        var projects = Unit.Projects;
        Assert.All(projects, p => Assert.Equal([3, 6, 10, 12], p.SpendingPlan.Select(c => c.Month)));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal([25.00m, 50.00m, 75.00m, 100.00m], projects[i].SpendingPlan.Select(c => c.CumulativePercent));
        }

        Assert.Equal([70m, 70m, 70m, 100m], projects[4].SpendingPlan.Select(c => c.CumulativePercent));
    }

    [Fact]
    public void Goals_lose_their_numbering_only()
    {
        var projects = Unit.Projects;
        Assert.Equal(["营造良好的工作氛围，提升综合办公环境。", "为客商及群众提供更好的服务环境，提高综合满意度。"], projects[0].Goals);
        Assert.Equal(["保障本单位12名在职自筹自支人员工资按时拨付", "保障本单位12名在职自筹自支人员社保按时缴纳"], projects[2].Goals);
        Assert.Equal(["按照相关规范要求监测空气、噪声、地表水", "保障建设项目环评审批"], projects[4].Goals);
    }

    [Fact]
    public void Forty_five_indicators_with_merged_categories_filled_in()
    {
        var projects = Unit.Projects;
        Assert.Equal(45, projects.Sum(p => p.Indicators.Count));
        Assert.All(projects, p => Assert.Equal(9, p.Indicators.Count));
        Assert.All(projects, p => Assert.Equal(
            ["产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "效益指标", "效益指标", "满意度指标"],
            p.Indicators.Select(i => i.Level1)));
        Assert.All(projects, p => Assert.Equal(
            ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"],
            p.Indicators.Select(i => i.Level2)));

        var first = projects[0].Indicators[0];
        Assert.Equal("购置率", first.Name);
        Assert.Equal("实际购置用品数量/计划购置用品数量*100%", first.Description);
        Assert.Equal("≥90百分比", first.Value);
        Assert.Equal("年度工作计划", first.Basis);

        Assert.Equal("是/否", projects[1].Indicators[3].Value);
        Assert.Equal("≥95%", projects[1].Indicators[8].Value);
        Assert.Equal("满意度人员占总职工人数", projects[1].Indicators[8].Description);
        Assert.Equal("12人", projects[2].Indicators[0].Value);
        Assert.Equal("≥2个", projects[3].Indicators[0].Value);
        Assert.Equal("群众满意数量占总数的比例。", projects[3].Indicators[8].Description);
        Assert.Equal("控制在预算范围内", projects[4].Indicators[3].Value);
    }

    [Fact]
    public void Cell_text_keeps_every_character_including_a_leading_space()
    {
        // Project 4's 成本指标 description is written " 控制在预算资金内" in the document.
        Assert.Equal(" 控制在预算资金内", Unit.Projects[3].Indicators[3].Description);
    }

    [Fact]
    public void Targets_come_from_the_rules_engine()
    {
        var first = Unit.Projects[0].Indicators[0].Target!;
        Assert.Equal("quantitative", first.Kind);
        Assert.Equal(">=", first.Comparator);
        Assert.Equal(90m, first.Number);
        Assert.Equal("%", first.Unit);

        var count = Unit.Projects[1].Indicators[0].Target!;
        Assert.Equal(("quantitative", "=", 2m, "人"), (count.Kind, count.Comparator, count.Number, count.Unit));

        var timely = Unit.Projects[0].Indicators[2].Target!;
        Assert.Equal(("qualitative", "及时"), (timely.Kind, timely.Text));
    }
}
