using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Projects;

/// <summary>
/// A budget project (预算项目) of a unit in a fiscal year: its money, spending plan, goals and indicator tree,
/// and its workflow status. It owns those parts and guards their invariants: 预算数 = 财政资金 + 其他资金,
/// only drafts and returned tables are editable, and only legal status transitions happen.
/// </summary>
public class BudgetProject
{
    public const int CodeMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int PurposeMaxLength = 4000;
    public const int GoalMaxLength = 2000;
    public const int ExtraFieldsMaxLength = 20000;

    private readonly List<SpendingCheckpoint> _spendingPlan = [];
    private readonly List<ProjectGoal> _goals = [];
    private readonly List<Indicator> _indicators = [];
    private readonly List<ProjectHistoryEntry> _history = [];
    private readonly List<SpendingActual> _spent = [];
    private decimal? _executed;

    private BudgetProject()
    {
        Code = string.Empty;
        Name = string.Empty;
        Purpose = string.Empty;
        AmountUnit = "元";
    }

    public BudgetProject(int unitId, int year, string code, string name)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        UnitId = unitId;
        Year = year;
        Code = code.Trim();
        Name = name.Trim();
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>项目编码: opaque, unique within a year.</summary>
    public string Code { get; private set; }

    /// <summary>项目名称.</summary>
    public string Name { get; private set; }

    /// <summary>预算数 in 元.</summary>
    public decimal Budget { get; private set; }

    /// <summary>其中：财政资金 in 元.</summary>
    public decimal FiscalFunds { get; private set; }

    /// <summary>其他资金 in 元.</summary>
    public decimal OtherFunds { get; private set; }

    /// <summary>The money unit the source document stated (单位：元 or 单位：万元); amounts are always stored in 元.</summary>
    public string AmountUnit { get; private set; }

    /// <summary>资金用途.</summary>
    public string Purpose { get; private set; }

    public ProjectStatus Status { get; private set; }

    /// <summary>Which level of the review chain a submitted project waits for; <see cref="ReviewStage.None"/> unless 已提交.</summary>
    public ReviewStage Stage { get; private set; }

    /// <summary>
    /// Year end: 全年执行数 in 元; null until recorded. A stored project's changes only through <see cref="RecordExecution"/>;
    /// <c>init</c> lets a project built in memory carry one (a test's arrangement).
    /// </summary>
    public decimal? Executed { get => _executed; init => _executed = value; }

    /// <summary>The goal table as it was last approved (JSON interchange of this project), kept when an adjustment reopens it.</summary>
    public string? ApprovedSnapshot { get; private set; }

    /// <summary>True when 项目编码 was generated on import (the document had none): provisional until a real code is set.</summary>
    public bool CodeProvisional { get; private set; }

    /// <summary>True when the document gave 预算数 without its split: 财政资金 and 其他资金 are unknown (stored as 0, not meaningful).</summary>
    public bool FundsSplitUnknown { get; private set; }

    /// <summary>实施期 / 总体 / 长期 (medium-term) goal as the source document wrote it; null when it had none.</summary>
    public string? MediumTermGoal { get; private set; }

    /// <summary>What the source document said that has no field of its own (主管部门, 实施单位 …): JSON array of <c>{"label","value"}</c>; null when nothing.</summary>
    public string? ExtraFields { get; private set; }

    /// <summary>Optimistic-concurrency token, renewed on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<SpendingCheckpoint> SpendingPlan => _spendingPlan;

    public IReadOnlyList<ProjectGoal> Goals => _goals;

    public IReadOnlyList<Indicator> Indicators => _indicators;

    public IReadOnlyList<ProjectHistoryEntry> History => _history;

    /// <summary>Year end and monitoring: the actual cumulative spend recorded at checkpoints (any status; not part of the goal table).</summary>
    public IReadOnlyList<SpendingActual> SpentByMonth => _spent;

    public bool IsEditable => Status is ProjectStatus.Draft or ProjectStatus.Returned;

    /// <summary>
    /// Whether year-end actuals (执行数, monitoring spend, 实际完成值) may be recorded: only for an approved goal table, or one
    /// being adjusted after approval (it keeps its <see cref="ApprovedSnapshot"/>). Drafts and first submissions have no
    /// agreed targets to measure against.
    /// </summary>
    public bool CanTakeActuals => TakesActuals(Status, ApprovedSnapshot is not null);

    /// <summary><see cref="CanTakeActuals"/> from the two columns it reads, for lists that do not load projects.</summary>
    public static bool TakesActuals(ProjectStatus status, bool wasApproved) => status == ProjectStatus.Approved || wasApproved;

    /// <summary>
    /// The head's latest return (退回) while it still applies: the project was returned and has not been resubmitted since
    /// (it is 已退回, or a draft being corrected). Null otherwise, so the reason disappears once the project is resubmitted.
    /// </summary>
    public ProjectHistoryEntry? PendingReturn =>
        Status is ProjectStatus.Returned or ProjectStatus.Draft
        && _history.LastOrDefault(h => h.To is ProjectStatus.Returned or ProjectStatus.Submitted) is { To: ProjectStatus.Returned } last
            ? last
            : null;

    /// <summary>Why actuals cannot be recorded (<see cref="CanTakeActuals"/>), or null when they can.</summary>
    public string? WhyNoActuals => CanTakeActuals
        ? null
        : $"只有已审核（或审核后正在调整）的项目可以填报实际数；项目“{Name}”当前为{Status.ToChinese()}。";

    /// <summary>Refuses with <see cref="WhyNoActuals"/> unless <see cref="CanTakeActuals"/>.</summary>
    public void EnsureCanTakeActuals()
    {
        if (WhyNoActuals is { } why)
        {
            throw new DomainException(why);
        }
    }

    /// <param name="fundsSplitUnknown">The document gave only 预算数: the split is unknown (财政资金 and 其他资金 must then be 0) and the project cannot be submitted until it is known.</param>
    public void SetBasics(string code, string name, decimal budget, decimal fiscalFunds, decimal otherFunds, string purpose, string amountUnit = "元", bool fundsSplitUnknown = false)
    {
        EnsureEditable();
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        PlainText.Require(code, "项目编码");
        PlainText.Require(name, "项目名称");
        PlainText.Require(purpose, "资金用途", multiline: true);
        Amounts.Require(budget, "预算数");
        Amounts.Require(fiscalFunds, "财政资金");
        Amounts.Require(otherFunds, "其他资金");
        if (budget < 0 || fiscalFunds < 0 || otherFunds < 0)
        {
            throw new DomainException("预算数、财政资金和其他资金不能为负数。");
        }

        if (fundsSplitUnknown && (fiscalFunds != 0 || otherFunds != 0))
        {
            throw new DomainException("资金构成未知时，财政资金和其他资金不能填写数额。");
        }

        if (!fundsSplitUnknown && fiscalFunds + otherFunds != budget)
        {
            throw new DomainException($"财政资金（{fiscalFunds:N2}）+ 其他资金（{otherFunds:N2}）= {fiscalFunds + otherFunds:N2}，与预算数（{budget:N2}）不一致。");
        }

        if (CodeProvisional && code.Trim() != Code)
        {
            // A provisional (generated) code replaced by one the user typed is a real code from now on.
            CodeProvisional = false;
        }

        Code = code.Trim();
        Name = name.Trim();
        Budget = budget;
        FiscalFunds = fiscalFunds;
        OtherFunds = otherFunds;
        Purpose = purpose ?? string.Empty;
        AmountUnit = string.IsNullOrWhiteSpace(amountUnit) ? "元" : amountUnit.Trim();
        FundsSplitUnknown = fundsSplitUnknown;
        Touch();
    }

    /// <summary>What an import found beyond the official table: a generated (provisional) code, the medium-term goal, extra fields (JSON).</summary>
    public void SetImportDetails(bool codeProvisional, string? mediumTermGoal, string? extraFields)
    {
        EnsureEditable();
        if (extraFields is { Length: > ExtraFieldsMaxLength })
        {
            throw new DomainException($"附加字段超过 {ExtraFieldsMaxLength} 个字符。");
        }

        CodeProvisional = codeProvisional;
        MediumTermGoal = string.IsNullOrWhiteSpace(mediumTermGoal) ? null : mediumTermGoal;
        ExtraFields = string.IsNullOrWhiteSpace(extraFields) ? null : extraFields;
        Touch();
    }

    /// <summary>Why the project cannot be submitted yet (an imported draft without its spending plan or its fund split), or null.</summary>
    public string? MissingForSubmission =>
        FundsSplitUnknown ? "预算数的资金构成（财政资金、其他资金）未知，补齐后才能提交。"
        : _spendingPlan.Count == 0 ? "没有资金支出计划，补齐后才能提交。"
        : null;

    public void SetSpendingPlan(IEnumerable<SpendingCheckpoint> checkpoints)
    {
        EnsureEditable();
        _spendingPlan.Clear();
        _spendingPlan.AddRange(checkpoints.OrderBy(c => c.Month));
        Touch();
    }

    public void SetGoals(IEnumerable<string> goals)
    {
        EnsureEditable();
        _goals.Clear();
        var order = 1;
        foreach (var text in goals)
        {
            _goals.Add(new ProjectGoal(order++, ProjectGoal.WithoutNumber(text)));
        }

        Touch();
    }

    public void SetIndicators(IEnumerable<Indicator> indicators)
    {
        EnsureEditable();
        var rows = indicators.ToList();
        foreach (var indicator in rows)
        {
            // Imported cells may hold line breaks (a Word cell of two paragraphs); NUL and other controls and bidi never.
            PlainText.Require(indicator.Level1, "一级指标", multiline: true);
            PlainText.Require(indicator.Level2, "二级指标", multiline: true);
            PlainText.Require(indicator.Name, "三级指标名称", multiline: true);
            PlainText.Require(indicator.Description, "绩效指标描述", multiline: true);
            PlainText.Require(indicator.Value, "指标值", multiline: true);
            PlainText.Require(indicator.Basis, "指标值确定依据", multiline: true);
        }

        _indicators.Clear();
        var order = 1;
        foreach (var indicator in rows)
        {
            indicator.Order = order++;
            _indicators.Add(indicator);
        }

        Touch();
    }

    /// <summary>
    /// Records the year-end 全年执行数 and the cumulative spend at monitoring checkpoints. Actuals are not part of the goal
    /// table, but only a project that <see cref="CanTakeActuals"/> records them. Refuses negative amounts, months outside 1–12 or repeated, and a cumulative
    /// spend that decreases from one month to a later one.
    /// </summary>
    public void RecordExecution(decimal? executed, IEnumerable<SpendingActual> spentByMonth)
    {
        ArgumentNullException.ThrowIfNull(spentByMonth);
        EnsureCanTakeActuals();
        if (executed < 0)
        {
            throw new DomainException($"全年执行数（{executed:N2}）不能为负数。");
        }

        if (executed is { } amount)
        {
            Amounts.Require(amount, "全年执行数");
        }

        var spent = spentByMonth.OrderBy(s => s.Month).ToList();
        foreach (var point in spent)
        {
            if (point.Month is < 1 or > 12)
            {
                throw new DomainException($"月份 {point.Month} 不在 1–12 之间。");
            }

            Amounts.Require(point.Spent, $"{point.Month}月底累计支出");
            if (point.Spent < 0)
            {
                throw new DomainException($"{point.Month}月底累计支出（{point.Spent:N2}）不能为负数。");
            }
        }

        for (var k = 1; k < spent.Count; k++)
        {
            if (spent[k].Month == spent[k - 1].Month)
            {
                throw new DomainException($"{spent[k].Month}月底的累计支出填写了两次。");
            }

            if (spent[k].Spent < spent[k - 1].Spent)
            {
                throw new DomainException($"{spent[k].Month}月底累计支出（{spent[k].Spent:N2}）低于{spent[k - 1].Month}月底（{spent[k - 1].Spent:N2}）；累计支出不能减少。");
            }
        }

        _executed = executed;
        _spent.Clear();
        _spent.AddRange(spent);
    }

    /// <summary>
    /// The typed-score rule of a year-end actual: an explicit score (定性得分) is given only for a qualitative indicator (a
    /// quantitative one is scored from its 实际完成值) and only together with the 实际完成值 (the tier) it scores. Returns the
    /// Chinese refusal, or null when <paramref name="score"/> may be recorded with <paramref name="actual"/>.
    /// </summary>
    public static string? WhyNoTypedScore(Indicator indicator, string? actual, decimal? score)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (score is null)
        {
            return null;
        }

        if (TargetValueParser.Parse(indicator.Value) is QuantitativeTarget)
        {
            return $"“{indicator.Name}”是定量指标（{indicator.Value}），得分由实际完成值计算，不能直接填写得分。";
        }

        return string.IsNullOrWhiteSpace(actual) ? "填写了得分但没有填写实际完成值（达成 / 部分达成 / 未达成）。" : null;
    }

    /// <summary>
    /// Records one indicator's year-end actual: 实际完成值 as entered (trimmed; blank means none), the explicit score of a
    /// qualitative tier and 偏差原因分析及改进措施 (trimmed; blank means none). Refuses (a <see cref="DomainException"/>) unless
    /// the project <see cref="CanTakeActuals"/>, an indicator of another project, and what <see cref="WhyNoTypedScore"/>
    /// refuses. Whether the actual can be scored (units, tiers, a tier score's range) is the rules engine's, with the year's
    /// settings (<see cref="ProjectScorer"/>).
    /// </summary>
    public void RecordActual(Indicator indicator, string? actual, decimal? score, string? deviationReason)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        EnsureCanTakeActuals();
        if (!_indicators.Contains(indicator))
        {
            throw new DomainException($"指标“{indicator.Name}”不属于项目“{Name}”。");
        }

        if (WhyNoTypedScore(indicator, actual, score) is { } why)
        {
            throw new DomainException(why);
        }

        var text = string.IsNullOrWhiteSpace(actual) ? null : actual.Trim();
        var reason = string.IsNullOrWhiteSpace(deviationReason) ? null : deviationReason.Trim();
        indicator.SetActual(text, score, reason);
    }

    public void Submit(string userName, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            throw new DomainException($"只有草稿或已退回的项目可以提交，当前状态为{Status.ToChinese()}。");
        }

        if (MissingForSubmission is { } missing)
        {
            throw new DomainException(missing);
        }

        MoveTo(ProjectStatus.Submitted, userName, at, null);
        Stage = ReviewStage.Unit;
    }

    /// <summary>The final approval (the last level of the review chain): the table becomes 已审核 and <paramref name="snapshot"/> its approved version.</summary>
    public void Approve(string userName, DateTimeOffset at, string? comment, string snapshot)
    {
        RequireStatus(ProjectStatus.Submitted, "审核通过");
        ApprovedSnapshot = snapshot;
        MoveTo(ProjectStatus.Approved, userName, at, comment);
    }

    /// <summary>
    /// An approval below the last level: the project stays 已提交 and moves on to <paramref name="next"/> (a later stage
    /// of the chain); the history records the level that approved.
    /// </summary>
    public void Forward(string userName, DateTimeOffset at, string? comment, ReviewStage next)
    {
        RequireStatus(ProjectStatus.Submitted, "审核通过");
        if (next <= Stage || !Enum.IsDefined(next))
        {
            throw new DomainException($"项目正在{Stage.ToChinese()}，不能转到{next.ToChinese()}。");
        }

        MoveTo(ProjectStatus.Submitted, userName, at, comment);
        Stage = next;
    }

    public void Return(string userName, DateTimeOffset at, string reason)
    {
        RequireStatus(ProjectStatus.Submitted, "退回");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("退回时必须填写退回原因。");
        }

        MoveTo(ProjectStatus.Returned, userName, at, reason.Trim());
    }

    /// <summary>绩效目标调整: reopens an approved table as a draft, keeping the approved version in <see cref="ApprovedSnapshot"/>.</summary>
    public void Adjust(string userName, DateTimeOffset at, string reason)
    {
        RequireStatus(ProjectStatus.Approved, "调整");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("调整已审核的绩效目标时必须填写调整原因。");
        }

        MoveTo(ProjectStatus.Draft, userName, at, reason.Trim());
    }

    /// <summary>Sets the status an imported document states, recording it in the history.</summary>
    public void RestoreImportedStatus(ProjectStatus status, string userName, DateTimeOffset at)
    {
        if (status != Status)
        {
            MoveTo(status, userName, at, "导入");
            Stage = status == ProjectStatus.Submitted ? ReviewStage.Unit : ReviewStage.None;
        }
    }

    /// <summary>Records the step (with the level that decided it, when the project was waiting for one) and leaves no stage behind.</summary>
    private void MoveTo(ProjectStatus to, string userName, DateTimeOffset at, string? comment)
    {
        _history.Add(new ProjectHistoryEntry(at, userName, Status, to, comment, Stage));
        Status = to;
        Stage = ReviewStage.None;
    }

    private void RequireStatus(ProjectStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"只有{expected.ToChinese()}的项目可以{action}，当前状态为{Status.ToChinese()}。");
        }
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException($"项目状态为{Status.ToChinese()}，不能修改；已审核的项目请先进行绩效目标调整。");
        }
    }

    private void Touch()
    {
        if (Status == ProjectStatus.Returned)
        {
            Status = ProjectStatus.Draft;
        }
    }
}
