using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Department;

/// <summary>
/// The 部门整体支出绩效目标表 of a unit in a fiscal year (one per unit and year): 部门（单位）名称, 部门职责, 部门预算总体情况
/// (预算金额 by 收入来源), 年度总体绩效目标, 年度重点工作任务 and a three-level indicator tree, with the same workflow as a
/// project (Draft → Submitted → Approved / Returned, editable only as Draft or Returned) and the same year-end scoring.
/// The prose form of the unit's goal (<see cref="Plans.UnitPlan"/>) stays beside it.
/// </summary>
public class DepartmentTable
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 4000;

    private readonly List<DepartmentIncome> _incomes = [];
    private readonly List<DepartmentTask> _tasks = [];
    private readonly List<DepartmentIndicator> _indicators = [];
    private readonly List<ProjectHistoryEntry> _history = [];

    private DepartmentTable()
    {
        UnitName = string.Empty;
        Duties = string.Empty;
        OverallGoal = string.Empty;
        AmountUnit = "元";
    }

    public DepartmentTable(int unitId, int year, string unitName)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitName);
        UnitId = unitId;
        Year = year;
        UnitName = unitName.Trim();
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>部门（单位）名称 as the table states it.</summary>
    public string UnitName { get; private set; }

    /// <summary>部门职责.</summary>
    public string Duties { get; private set; }

    /// <summary>年度总体绩效目标.</summary>
    public string OverallGoal { get; private set; }

    /// <summary>The money unit the source stated (元 or 万元); amounts are always stored in 元.</summary>
    public string AmountUnit { get; private set; }

    public ProjectStatus Status { get; private set; }

    /// <summary>Which level of the review chain a submitted table waits for (docs/domain-rules.md §9); <see cref="ReviewStage.None"/> unless 已提交.</summary>
    public ReviewStage Stage { get; private set; }

    /// <summary>Year end: 全年执行数 of the department's budget in 元 (scored as a project's 预算执行率); null until recorded.</summary>
    public decimal? Executed { get; private set; }

    /// <summary>The table as last approved (its JSON), kept for the record.</summary>
    public string? ApprovedSnapshot { get; private set; }

    /// <summary>Optimistic-concurrency token, renewed by every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<DepartmentIncome> Incomes => _incomes;

    public IReadOnlyList<DepartmentTask> Tasks => _tasks;

    public IReadOnlyList<DepartmentIndicator> Indicators => _indicators;

    public IReadOnlyList<ProjectHistoryEntry> History => _history;

    /// <summary>预算金额合计 (元): the sum of the income rows.</summary>
    public decimal TotalBudget => Amounts.Sum(_incomes, i => i.Amount);

    public bool IsEditable => Status is ProjectStatus.Draft or ProjectStatus.Returned;

    /// <summary>Year-end actuals only on an approved table.</summary>
    public bool CanTakeActuals => Status == ProjectStatus.Approved;

    /// <summary>The head's latest return while it still applies (as a project's).</summary>
    public ProjectHistoryEntry? PendingReturn =>
        Status is ProjectStatus.Returned or ProjectStatus.Draft
        && _history.LastOrDefault(h => h.To is ProjectStatus.Returned or ProjectStatus.Submitted) is { To: ProjectStatus.Returned } last
            ? last
            : null;

    /// <summary>Why the table cannot be submitted yet, or null.</summary>
    public string? MissingForSubmission =>
        OverallGoal.Trim().Length == 0 ? "没有年度总体绩效目标，补齐后才能提交。"
        : _indicators.Count == 0 ? "没有绩效指标，补齐后才能提交。"
        : null;

    /// <summary>
    /// Replaces the table's contents (the form, the API and an import all save through here). Refuses (a
    /// <see cref="DomainException"/>) unless editable, text with control characters, amounts outside the amount rule or
    /// negative, and rows without their name.
    /// </summary>
    public void SetContents(
        string unitName, string duties, string overallGoal, string amountUnit,
        IEnumerable<DepartmentIncome> incomes, IEnumerable<DepartmentTask> tasks, IEnumerable<DepartmentIndicator> indicators)
    {
        EnsureEditable();
        ArgumentNullException.ThrowIfNull(incomes);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(indicators);
        if (string.IsNullOrWhiteSpace(unitName))
        {
            throw new DomainException("部门（单位）名称不能为空。");
        }

        PlainText.Require(unitName, "部门（单位）名称");
        PlainText.Require(duties, "部门职责", multiline: true);
        PlainText.Require(overallGoal, "年度总体绩效目标", multiline: true);
        Limit(unitName, NameMaxLength, "部门（单位）名称");
        Limit(duties, TextMaxLength, "部门职责");
        Limit(overallGoal, TextMaxLength, "年度总体绩效目标");

        var incomeRows = incomes.ToList();
        foreach (var (income, k) in incomeRows.Select((x, k) => (x, k + 1)))
        {
            var where = $"部门预算第 {k} 行";
            Require(income.Source, $"{where}的收入来源");
            Amounts.Require(income.Amount, $"{where}的预算金额");
            if (income.Amount < 0)
            {
                throw new DomainException($"{where}的预算金额（{income.Amount:N2}）不能为负数。");
            }
        }

        var taskRows = tasks.ToList();
        foreach (var (task, k) in taskRows.Select((x, k) => (x, k + 1)))
        {
            var where = $"重点工作任务第 {k} 行";
            Require(task.Name, $"{where}的任务名称");
            PlainText.Require(task.Content, $"{where}的主要实施内容", multiline: true);
            PlainText.Require(task.ExpectedGoal, $"{where}的期望达到的目标", multiline: true);
            if (task.PlannedAmount is { } planned)
            {
                Amounts.Require(planned, $"{where}的计划投入");
                if (planned < 0)
                {
                    throw new DomainException($"{where}的计划投入（{planned:N2}）不能为负数。");
                }
            }
        }

        var indicatorRows = indicators.ToList();
        foreach (var (indicator, k) in indicatorRows.Select((x, k) => (x, k + 1)))
        {
            var where = $"绩效指标第 {k} 行";
            Require(indicator.Level1, $"{where}的一级指标");
            Require(indicator.Level2, $"{where}的二级指标");
            Require(indicator.Name, $"{where}的三级指标");
            PlainText.Require(indicator.Value, $"{where}的指标值", multiline: true);
            PlainText.Require(indicator.MeasureUnit, $"{where}的计量单位");
            PlainText.Require(indicator.Explanation, $"{where}的指标解释", multiline: true);
            PlainText.Require(indicator.ScoringStandard, $"{where}的评（扣）分标准", multiline: true);
        }

        UnitName = unitName.Trim();
        Duties = duties?.Trim() ?? string.Empty;
        OverallGoal = overallGoal?.Trim() ?? string.Empty;
        AmountUnit = string.IsNullOrWhiteSpace(amountUnit) ? "元" : amountUnit.Trim();
        _incomes.Clear();
        _incomes.AddRange(incomeRows.Select((x, k) => x with { Order = k + 1, Source = x.Source.Trim() }));
        _tasks.Clear();
        _tasks.AddRange(taskRows.Select((x, k) => x with
        {
            Order = k + 1,
            Name = x.Name.Trim(),
            Content = x.Content?.Trim() ?? string.Empty,
            ExpectedGoal = x.ExpectedGoal?.Trim() ?? string.Empty,
        }));
        _indicators.Clear();
        var order = 1;
        foreach (var indicator in indicatorRows)
        {
            indicator.Order = order++;
            _indicators.Add(indicator);
        }

        Touch();
    }

    public void Submit(string userName, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            throw new DomainException($"只有草稿或已退回的部门整体绩效目标表可以提交，当前状态为{Status.ToChinese()}。");
        }

        if (MissingForSubmission is { } missing)
        {
            throw new DomainException(missing);
        }

        MoveTo(ProjectStatus.Submitted, userName, at, null);
        Stage = ReviewStage.Unit;
    }

    /// <summary>An approval below the review chain's last level: stays 已提交, now waiting at <paramref name="next"/>.</summary>
    public void Forward(string userName, DateTimeOffset at, string? comment, ReviewStage next)
    {
        RequireStatus(ProjectStatus.Submitted, "审核通过");
        if (next <= Stage || !Enum.IsDefined(next))
        {
            throw new DomainException($"部门整体绩效目标表正在{Stage.ToChinese()}，不能转到{next.ToChinese()}。");
        }

        MoveTo(ProjectStatus.Submitted, userName, at, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        Stage = next;
    }

    /// <summary>
    /// The review decision, in one place (as a project's <see cref="BudgetProject.Approve"/>/<see cref="BudgetProject.Return"/>):
    /// approve (an optional comment; the <paramref name="snapshot"/> of what was approved is kept) or return (a reason is required).
    /// A review chain routes here.
    /// </summary>
    public void Decide(bool approve, string userName, DateTimeOffset at, string? comment, string? snapshot = null)
    {
        if (approve)
        {
            Approve(userName, at, comment, snapshot ?? string.Empty);
        }
        else
        {
            Return(userName, at, comment ?? string.Empty);
        }
    }

    public void Approve(string userName, DateTimeOffset at, string? comment, string snapshot)
    {
        RequireStatus(ProjectStatus.Submitted, "审核通过");
        ApprovedSnapshot = string.IsNullOrEmpty(snapshot) ? null : snapshot;
        MoveTo(ProjectStatus.Approved, userName, at, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
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

    /// <summary>
    /// 绩效目标调整 (as a project's <see cref="BudgetProject.Adjust"/>): reopens an approved table as a draft with a required
    /// reason kept in the history; the approved version stays in <see cref="ApprovedSnapshot"/> and the table goes through
    /// the review chain again. Year-end actuals already recorded stay with their indicators.
    /// </summary>
    public void Adjust(string userName, DateTimeOffset at, string reason)
    {
        RequireStatus(ProjectStatus.Approved, "调整");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("调整已审核的部门整体绩效目标表时必须填写调整原因。");
        }

        PlainText.Require(reason, "调整原因", multiline: true);
        MoveTo(ProjectStatus.Draft, userName, at, reason.Trim());
    }

    /// <summary>Sets the status an imported JSON document states, recording it in the history.</summary>
    public void RestoreImportedStatus(ProjectStatus status, string userName, DateTimeOffset at)
    {
        if (status != Status)
        {
            MoveTo(status, userName, at, "导入");
        }
    }

    /// <summary>Why actuals cannot be recorded, or null.</summary>
    public string? WhyNoActuals => CanTakeActuals
        ? null
        : $"只有已审核的部门整体绩效目标表可以填报实际数；当前为{Status.ToChinese()}。";

    /// <summary>Year end: 全年执行数 (元; null clears it).</summary>
    public void RecordExecution(decimal? executed)
    {
        EnsureCanTakeActuals();
        if (executed is { } amount)
        {
            Amounts.Require(amount, "全年执行数");
            if (amount < 0)
            {
                throw new DomainException($"全年执行数（{amount:N2}）不能为负数。");
            }
        }

        Executed = executed;
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// Records one indicator's 实际完成值, a qualitative tier's explicit score and 偏差原因 — the same typed-score rule as a
    /// project's (<see cref="BudgetProject.WhyNoTypedScore"/>).
    /// </summary>
    public void RecordActual(DepartmentIndicator indicator, string? actual, decimal? score, string? deviationReason)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        EnsureCanTakeActuals();
        if (!_indicators.Contains(indicator))
        {
            throw new DomainException($"指标“{indicator.Name}”不属于本部门整体绩效目标表。");
        }

        if (BudgetProject.WhyNoTypedScore(indicator.ToIndicator(), actual, score) is { } why)
        {
            throw new DomainException(why);
        }

        PlainText.Require(actual, "实际完成值");
        PlainText.Require(deviationReason, "偏差原因分析及改进措施", multiline: true);
        indicator.SetActual(
            string.IsNullOrWhiteSpace(actual) ? null : actual.Trim(),
            score,
            string.IsNullOrWhiteSpace(deviationReason) ? null : deviationReason.Trim());
        Version = Guid.NewGuid();
    }

    /// <summary>部门整体自评: the project rules and weights (<see cref="ProjectScorer"/>) over 预算金额合计, 全年执行数 and the indicators.</summary>
    public ProjectScore Score(EvaluationSettings settings) =>
        ProjectScorer.Score(TotalBudget, Executed, [.. _indicators.Select(i => i.ToIndicator())], settings);

    private void EnsureCanTakeActuals()
    {
        if (WhyNoActuals is { } why)
        {
            throw new DomainException(why);
        }
    }

    private void MoveTo(ProjectStatus to, string userName, DateTimeOffset at, string? comment)
    {
        _history.Add(new ProjectHistoryEntry(at, userName, Status, to, comment, Stage));
        Status = to;
        Stage = ReviewStage.None;
        Version = Guid.NewGuid();
    }

    private void RequireStatus(ProjectStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"只有{expected.ToChinese()}的部门整体绩效目标表可以{action}，当前状态为{Status.ToChinese()}。");
        }
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException($"部门整体绩效目标表状态为{Status.ToChinese()}，不能修改。");
        }
    }

    private void Touch()
    {
        if (Status == ProjectStatus.Returned)
        {
            Status = ProjectStatus.Draft;
        }

        Version = Guid.NewGuid();
    }

    private static void Require(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException($"{field}不能为空。");
        }

        PlainText.Require(text, field, multiline: true);
        Limit(text, NameMaxLength, field);
    }

    private static void Limit(string? text, int max, string field)
    {
        if (text is { Length: var n } && n > max)
        {
            throw new DomainException($"{field}超过 {max} 个字符。");
        }
    }
}
