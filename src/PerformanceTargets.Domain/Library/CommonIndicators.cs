namespace PerformanceTargets.Domain.Library;

/// <summary>
/// Indicators shared by most projects of most units (预算执行率, 政府采购执行率, 服务对象满意度 …), as data: the library's
/// standard entries before any import. Categories follow the 2020 catalogue (the seed's style).
/// </summary>
public static class CommonIndicators
{
    public const string Source = "通用指标";

    /// <summary>(一级, 二级, 三级, 指标解释, 典型指标值, 依据, 适用领域).</summary>
    public static readonly IReadOnlyList<(string Level1, string Level2, string Name, string Description, string Value, string Basis, string Fields)> All =
    [
        ("产出指标", "数量指标", "预算执行率", "实际支出金额/预算金额×100%", "≥90%", "计划标准", "通用"),
        ("产出指标", "数量指标", "政府采购执行率", "实际政府采购金额/政府采购预算金额×100%", "≥90%", "计划标准", "通用"),
        ("产出指标", "数量指标", "计划完成率", "实际完成工作量/计划工作量×100%", "≥95%", "年度工作计划", "通用"),
        ("产出指标", "数量指标", "培训人次", "全年参加培训的人次", "≥100人次", "年度工作计划", "培训"),
        ("产出指标", "质量指标", "验收合格率", "验收合格的数量/验收总数量×100%", "=100%", "行业标准", "通用"),
        ("产出指标", "质量指标", "资金使用合规率", "合规使用的资金/使用的资金×100%", "=100%", "计划标准", "通用"),
        ("产出指标", "时效指标", "资金支付及时率", "按时支付的资金/应支付的资金×100%", "≥95%", "计划标准", "通用"),
        ("产出指标", "时效指标", "任务完成及时率", "按期完成的任务数/任务总数×100%", "≥95%", "年度工作计划", "通用"),
        ("产出指标", "成本指标", "成本控制率", "实际成本/预算成本×100%", "≤100%", "计划标准", "通用"),
        ("效益指标", "社会效益指标", "社会公众知晓率", "知晓的受访者/受访者总数×100%", "≥80%", "历史标准", "通用"),
        ("效益指标", "可持续影响指标", "长效管理机制健全性", "是否建立并执行长效管理制度", "健全", "行业标准", "通用"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "问卷调查中满意和比较满意的比例", "≥90%", "历史标准", "通用"),
        ("满意度指标", "服务对象满意度指标", "社会公众满意度", "社会公众问卷调查满意度", "≥85%", "历史标准", "通用"),
    ];

    public static IEnumerable<LibraryIndicator> Entries() => All.Select(c =>
    {
        var entry = new LibraryIndicator(c.Level1, c.Level2, c.Name, LibraryStatus.Standard, Source);
        var (comparator, unit) = LibraryIndicator.SuggestedFrom(c.Value);
        entry.Describe(c.Description, comparator, unit, c.Value, c.Basis, c.Fields);
        return entry;
    });
}
