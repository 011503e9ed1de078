using System.Globalization;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Demo;

/// <summary>
/// Deterministic, realistic demo data: units with codes and names like the seed's, unit plans with sub-goals, and
/// projects with amounts, cumulative spending plans, goals and an indicator tree drawn from the standard categories
/// and typical values — with a share of weak targets (vague, undecided, wrong unit) and year-end actuals.
/// The same seed always gives the same data.
/// </summary>
public sealed class DemoData(int seed, int year)
{
    private static readonly string[] Cities = ["秦皇岛市", "石家庄市", "唐山市", "保定市", "邯郸市", "邢台市", "沧州市", "廊坊市", "衡水市", "承德市", "张家口市"];
    private static readonly string[] Districts = ["山海关区", "海港区", "北戴河区", "抚宁区", "长安区", "桥西区", "新华区", "路北区", "竞秀区", "丛台区", "运河区", "广阳区", "桃城区", "双桥区", "桥东区"];
    private static readonly string[] Offices = ["临港经济开发区发展中心", "教育局", "卫生健康局", "农业农村局", "住房和城乡建设局", "自然资源和规划局", "生态环境局", "交通运输局", "文化广电和旅游局", "民政局", "人力资源和社会保障局", "市场监督管理局", "应急管理局", "水务局", "财政局", "审计局", "商务局", "科学技术局"];
    private static readonly string[] Suffixes = ["本级", "本级", "本级", "机关", "服务中心", "事务中心"];
    private static readonly string[] ProjectTopics = ["综合政务管理业务费", "人事代理专项补助", "专项补助", "建设开发资金", "环境跟踪监测", "信息化系统运维", "业务培训经费", "办公设备购置", "公共服务能力提升", "安全生产专项经费", "基础设施维护", "招商引资专项经费", "档案数字化", "应急物资储备", "农村人居环境整治", "义务教育保障经费", "疫情防控专项经费", "河道清淤治理"];
    private static readonly string[] Purposes = ["用于单位日常综合办公及业务支出", "保障工资、保险等各项人员经费支出", "用于项目建设及相关配套支出", "用于系统运行维护及升级改造", "用于开展专项业务工作"];
    private static readonly string[] GoalPool = ["营造良好的工作氛围，提升综合办公环境。", "为服务对象提供更好的服务环境，提高综合满意度。", "保障在职人员工资按时拨付。", "保障社保按时缴纳。", "按期完成年度建设任务。", "提升业务信息化水平。", "全力推进高质量发展。"];
    private static readonly decimal[][] Plans = [[25, 50, 75, 100], [30, 60, 90, 100], [70, 70, 70, 100], [10, 40, 80, 100], [20, 50, 80, 100]];

    /// <summary>Typical 三级 indicators by 二级: name, description, value; <c>{n}</c> is replaced by a number.</summary>
    private static readonly Dictionary<string, (string Name, string Description, string Value)[]> Typical = new()
    {
        ["数量指标"] = [("培训人次", "全年组织培训人次", "≥{n}人次"), ("购置设备数量", "实际购置设备数量", "={n}台"), ("支付工资人员数量", "支付工资及保险人员数量", "{n}人"), ("监测站位数量", "监测站位数量", "≥{n}个")],
        ["质量指标"] = [("验收合格率", "验收合格项目数/验收项目数", "≥95%"), ("资金支付准确率", "准确支付笔数/支付笔数", "100%"), ("监测数据准确性", "监测数据准确性", "准确")],
        ["时效指标"] = [("按期完成率", "按期完成项目数量/计划完成项目数量", "≥90%"), ("资金支付及时率", "及时支付笔数/支付笔数", "100%"), ("完成时间", "工作完成时间", "及时")],
        ["成本指标"] = [("项目成本控制", "实际支出控制在预算内", "≤{w}万元"), ("控制在预算资金内", "控制在预算资金内", "控制在预算资金内")],
        ["经济效益指标"] = [("拉动地方经济发展", "拉动地方经济发展", "有效拉动"), ("节约成本", "较上年节约运行成本", "≥{n}万元")],
        ["社会效益指标"] = [("服务对象覆盖率", "覆盖服务对象数/应覆盖数", "≥90%"), ("社会效益增长", "社会效益增长", "明显提升")],
        ["生态效益指标"] = [("环境质量达标率", "达标天数/监测天数", "≥85%"), ("满足生态环保要求", "满足生态环保要求", "满足")],
        ["可持续影响指标"] = [("长效机制建立", "长效管理机制建立情况", "建立"), ("保障工作完成", "保障工作顺利完成", "保障")],
        ["服务对象满意度指标"] = [("服务对象满意度", "满意人数/调查人数", "≥90%"), ("群众满意度", "群众满意数量占总数的比例", "≥95%")],
    };

    private static readonly (string Name, string Value)[] WeakTargets = [("工作效率", "提高"), ("支出合规性", "是/否"), ("工资发放准确率", "2人"), ("业务稳定性", "进一步推动")];

    private readonly Random _random = new(seed);

    public int Year => year;

    public IReadOnlyList<Unit> Units(int count)
    {
        var units = new List<Unit>(count);
        for (var i = 0; i < count; i++)
        {
            var code = (100001 + i).ToString(CultureInfo.InvariantCulture);
            var name = Pick(Cities) + Pick(Districts) + Pick(Offices) + Pick(Suffixes);
            units.Add(new Unit(code, name));
        }

        return units;
    }

    public UnitPlan Plan(int unitId)
    {
        var plan = new UnitPlan(unitId, year)
        {
            OverallGoal = "坚持以高质量发展为目标，全面完成年度各项工作任务，" + Pick(GoalPool),
            AnnualTargets = $"{year}年，力争新引进项目{_random.Next(2, 12)}个以上",
            GuaranteeMeasures = "一、加强组织领导，压实工作责任。\n二、强化预算执行监控，确保资金安全有效使用。",
        };
        plan.ReplaceSubGoals(
        [
            new SubGoal("综合办公", "办公活动", "提高行政管理服务质量。", "综合办公日常运转率", "综合办公日常运转率区间在90%-100%为优；80%-90%为良；60%-80%为中；60%以下为差。", RatingBandSet.National.Bands),
            new SubGoal("业务工作", null, "按期完成年度重点业务工作。", "重点工作完成率", "重点工作完成率区间在95%-100%为优；85%-95%为良；70%-85%为中；70%以下为差。",
                [new RatingBand("优", 95), new RatingBand("良", 85), new RatingBand("中", 70), new RatingBand("差", 0)]),
        ]);
        plan.RecordCompletion(plan.SubGoals[0], Math.Round((decimal)(_random.NextDouble() * 40 + 60), 2));
        return plan;
    }

    /// <summary>One project with its whole tree and year-end actuals; <paramref name="index"/> makes the code unique.</summary>
    public BudgetProject Project(int unitId, long index)
    {
        var code = "130303" + (year % 100).ToString("00", CultureInfo.InvariantCulture) + Base36(index, 13);
        var name = Pick(ProjectTopics);
        var project = new BudgetProject(unitId, year, code, name);
        var budget = _random.Next(5, 50_000) * 1000m;
        var other = _random.Next(5) == 0 ? Math.Round(budget * 0.2m, 2) : 0m;
        project.SetBasics(code, name, budget, budget - other, other, Pick(Purposes));
        var plan = Pick(Plans);
        project.SetSpendingPlan(SpendingCheckpoint.StandardMonths.Select((m, i) => new SpendingCheckpoint(m, plan[i])));
        project.SetGoals([Pick(GoalPool), Pick(GoalPool)]);

        var indicators = new List<Indicator>();
        var actuals = new List<string>();
        foreach (var (level1, level2s) in IndicatorCatalog.Style2020.Categories)
        {
            foreach (var level2 in level2s)
            {
                var (tName, description, value) = Pick(Typical[level2]);
                if (_random.Next(12) == 0)
                {
                    (tName, value) = Pick(WeakTargets);
                }

                value = value.Replace("{n}", _random.Next(2, 500).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{w}", Math.Round(budget / 10000m, 2).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                indicators.Add(new Indicator(level1, level2, tName, description, value, "年度工作计划"));
                actuals.Add(Actual(value));
            }
        }

        project.SetIndicators(indicators);
        var executed = Math.Round(budget * (decimal)(0.6 + _random.NextDouble() * 0.45), 2);
        var at = new DateTimeOffset(year, 2, 1, 1, 0, 0, TimeSpan.Zero);
        project.Submit("seed-demo", at);
        if (_random.Next(10) < 8)
        {
            // Only approved projects take actuals (BudgetProject.CanTakeActuals): one still waiting for review has none.
            project.Approve("seed-demo", at.AddDays(7), null, string.Empty);
            project.RecordExecution(executed, []);
            for (var k = 0; k < actuals.Count; k++)
            {
                project.RecordActual(project.Indicators[k], actuals[k], null, null);
            }
        }

        return project;
    }

    /// <summary>
    /// The same project a year earlier (same unit, code and name, as a continuing project is): 90 % of the budget, the
    /// same plan, goals and indicators, approved and with its year-end actuals, so 从上年复制, last year's targets beside
    /// this year's, and year-on-year views have something to show.
    /// </summary>
    public static BudgetProject PreviousYearOf(BudgetProject current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var previous = new BudgetProject(current.UnitId, current.Year - 1, current.Code, current.Name);
        var budget = Math.Round(current.Budget * 0.9m, 2);
        var other = Math.Round(current.OtherFunds * 0.9m, 2);
        previous.SetBasics(current.Code, current.Name, budget, budget - other, other, current.Purpose);
        previous.SetSpendingPlan(current.SpendingPlan);
        previous.SetGoals(current.Goals.OrderBy(g => g.Order).Select(g => g.Text));
        var indicators = current.Indicators.OrderBy(i => i.Order).ToList();
        previous.SetIndicators(indicators.Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis)));
        var at = new DateTimeOffset(current.Year - 1, 2, 1, 1, 0, 0, TimeSpan.Zero);
        previous.Submit("seed-demo", at);
        previous.Approve("seed-demo", at.AddDays(7), null, string.Empty);
        previous.RecordExecution(Math.Round(budget * 0.96m, 2), []);
        for (var k = 0; k < indicators.Count; k++)
        {
            var i = indicators[k];
            previous.RecordActual(previous.Indicators[k], i.Actual ?? (TargetValueParser.Parse(i.Value) is QuantitativeTarget ? null : "达成"), null, null);
        }
        return previous;
    }

    private string Actual(string value)
    {
        var target = TargetValueParser.Parse(value);
        if (target is QuantitativeTarget q)
        {
            var factor = (decimal)(0.75 + _random.NextDouble() * 0.4);
            var number = Math.Round(q.Number * (q.Comparator == "<=" ? 2 - factor : factor), 2);
            return number.ToString(CultureInfo.InvariantCulture) + q.Unit;
        }

        return _random.Next(10) switch
        {
            < 7 => "达成",
            < 9 => "部分达成",
            _ => "未达成",
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Base36(long value, int width)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = digits[(int)(value % 36)];
            value /= 36;
        }

        return new string(chars);
    }
}
