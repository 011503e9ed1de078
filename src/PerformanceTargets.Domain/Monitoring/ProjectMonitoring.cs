using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Monitoring;

/// <summary>
/// A unit's mid-year monitoring entry (绩效运行监控表) for one approved project in one <see cref="MonitoringRound"/>: the funds
/// (年初预算数, 截至期末执行数, 全年预计执行数), a row per indicator (<see cref="MonitoringIndicator"/>), and a small review state
/// machine with its history (草稿 → 已提交 → 已审核 / 已退回). It guards its rules (docs/domain-rules.md §7a):
/// amounts within <see cref="Amounts"/>, plain text, and 偏差原因 (at least one kind and a note) with 纠偏措施 wherever
/// <see cref="RunMonitoring.NeedsExplanation"/> says so — checked at submission and by imports, with located Chinese errors.
/// </summary>
public class ProjectMonitoring
{
    private readonly List<MonitoringIndicator> _indicators = [];
    private readonly List<MonitoringHistoryEntry> _history = [];

    private ProjectMonitoring()
    {
    }

    /// <summary>A new draft for <paramref name="project"/> in <paramref name="round"/>: 年初预算数 prefilled with the project's (adjusted) budget, a row per indicator.</summary>
    public ProjectMonitoring(MonitoringRound round, BudgetProject project)
        : this()
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(project);
        if (project.Year != round.Year)
        {
            throw new DomainException($"项目属于 {project.Year} 年度，不能在{round.Period}监控中填报。");
        }

        if (!BudgetProject.TakesActuals(project.Status, project.ApprovedSnapshot is not null))
        {
            throw new DomainException($"项目“{project.Name}”的绩效目标尚未审核通过，不能填报运行监控。");
        }

        RoundId = round.Id;
        ProjectId = project.Id;
        UnitId = project.UnitId;
        AnnualBudget = project.Budget;
        foreach (var (indicator, index) in project.Indicators.OrderBy(i => i.Order).Select((i, n) => (i, n)))
        {
            _indicators.Add(new MonitoringIndicator(indicator.Id, index + 1, indicator.Level1, indicator.Level2, indicator.Name, indicator.Value));
        }
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int ProjectId { get; private set; }

    public int UnitId { get; private set; }

    public MonitoringStatus Status { get; private set; }

    /// <summary>Which level of the review chain a submitted entry waits for (docs/domain-rules.md §9); <see cref="ReviewStage.None"/> unless 已提交.</summary>
    public ReviewStage Stage { get; private set; }

    /// <summary>年初预算数 (元).</summary>
    public decimal AnnualBudget { get; private set; }

    /// <summary>截至期末执行数 (元).</summary>
    public decimal? ExecutedToDate { get; private set; }

    /// <summary>全年预计执行数 (元).</summary>
    public decimal? ExpectedFullYear { get; private set; }

    /// <summary>Concurrency token, renewed on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<MonitoringIndicator> Indicators => _indicators;

    public IReadOnlyList<MonitoringHistoryEntry> History => _history;

    public bool IsEditable => Status is MonitoringStatus.Draft or MonitoringStatus.Returned;

    /// <summary>The latest return reason while the entry is returned.</summary>
    public string? ReturnReason => Status == MonitoringStatus.Returned ? _history.LastOrDefault(h => h.To == MonitoringStatus.Returned)?.Comment : null;

    /// <summary>
    /// Records the unit's figures, the indicators' by row number (1-based, <see cref="MonitoringIndicator.Order"/>; a draft
    /// may be incomplete: <see cref="Check"/> decides at submission). Refuses an entry that is not editable, figures for a
    /// row the entry does not have, and amounts or texts out of bounds, with
    /// every located error in the exception's message. A returned entry becomes a draft again.
    /// </summary>
    public void Record(MonitoringFunds funds, IReadOnlyDictionary<int, MonitoringIndicatorFigures> byRow, string userName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(funds);
        ArgumentNullException.ThrowIfNull(byRow);
        if (!IsEditable)
        {
            throw new DomainException($"只有草稿或已退回的监控表可以修改，当前状态为{Status.ToChinese()}。");
        }

        var errors = CheckBounds(funds, byRow);
        if (errors.Count > 0)
        {
            throw new MonitoringException(errors);
        }

        AnnualBudget = funds.AnnualBudget;
        ExecutedToDate = funds.ExecutedToDate;
        ExpectedFullYear = funds.ExpectedFullYear;
        foreach (var row in _indicators)
        {
            if (byRow.TryGetValue(row.Order, out var figures))
            {
                row.Set(Clean(figures));
            }
        }

        if (Status == MonitoringStatus.Returned)
        {
            MoveTo(MonitoringStatus.Draft, userName, at, "修改");
        }
    }

    /// <summary>The lights at the end of <paramref name="month"/>: funds against the project's spending plan, each indicator, the project's worst.</summary>
    public MonitoringLights Lights(IReadOnlyList<SpendingCheckpoint> plan, int month, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var funds = ExecutedToDate is { } executed
            ? RunMonitoring.BudgetExecution(AnnualBudget, executed, plan, month, settings.Monitoring)
            : new RunLightResult(RunLight.None, null, "截至期末执行数未填写。");
        return new MonitoringLights(funds, [.. _indicators.OrderBy(i => i.Order).Select(i => i.Light(month, settings))]);
    }

    /// <summary>
    /// What keeps the entry from being submitted, located and in Chinese: the funds figures, each indicator's 完成值 and
    /// 全年预计完成值, and — where 可能性 is not 确定能 or the light is red — 偏差原因 (a kind and a note) and 纠偏措施.
    /// </summary>
    public IReadOnlyList<MonitoringError> Check(MonitoringLights lights)
    {
        ArgumentNullException.ThrowIfNull(lights);
        var errors = new List<MonitoringError>();
        if (ExecutedToDate is null)
        {
            errors.Add(new("项目资金.截至期末执行数", "请填写截至期末执行数。"));
        }

        if (ExpectedFullYear is null)
        {
            errors.Add(new("项目资金.全年预计执行数", "请填写全年预计执行数。"));
        }

        var rows = _indicators.OrderBy(i => i.Order).ToList();
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            var where = RowName(row);
            if (string.IsNullOrWhiteSpace(row.CompletedToDate))
            {
                errors.Add(new($"{where}.截至期末完成值", "请填写截至期末完成值。"));
            }

            if (string.IsNullOrWhiteSpace(row.ExpectedFullYear))
            {
                errors.Add(new($"{where}.全年预计完成值", "请填写全年预计完成值。"));
            }

            var light = n < lights.Indicators.Count ? lights.Indicators[n].Light : RunLight.None;
            if (RunMonitoring.NeedsExplanation(row.Likelihood, light))
            {
                var why = row.Likelihood == Likelihood.Certain
                    ? $"指标为{RunMonitoring.NameOf(light)}"
                    : $"完成目标可能性为“{RunMonitoring.NameOf(row.Likelihood)}”";
                if (row.Causes == DeviationCause.None)
                {
                    errors.Add(new($"{where}.偏差原因", $"{why}，请选择偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他，可多选）。"));
                }

                if (string.IsNullOrWhiteSpace(row.DeviationNote))
                {
                    errors.Add(new($"{where}.偏差原因说明", $"{why}，请说明偏差原因。"));
                }

                if (string.IsNullOrWhiteSpace(row.CorrectiveMeasures))
                {
                    errors.Add(new($"{where}.纠偏措施", $"{why}，请填写纠偏措施。"));
                }
            }
        }

        return errors;
    }

    /// <summary>草稿/已退回 → 已提交, once <see cref="Check"/> finds nothing (otherwise a <see cref="MonitoringException"/> with every error).</summary>
    public void Submit(MonitoringLights lights, string userName, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            throw new DomainException($"只有草稿或已退回的监控表可以提交，当前状态为{Status.ToChinese()}。");
        }

        var errors = Check(lights);
        if (errors.Count > 0)
        {
            throw new MonitoringException(errors);
        }

        MoveTo(MonitoringStatus.Submitted, userName, at, null);
        Stage = ReviewStage.Unit;
    }

    /// <summary>An approval below the review chain's last level: stays 已提交, now waiting at <paramref name="next"/>.</summary>
    public void Forward(string? comment, string userName, DateTimeOffset at, ReviewStage next)
    {
        if (Status != MonitoringStatus.Submitted)
        {
            throw new DomainException($"只有已提交的监控表可以审核通过，当前状态为{Status.ToChinese()}。");
        }

        if (next <= Stage || !Enum.IsDefined(next))
        {
            throw new DomainException($"监控表正在{Stage.ToChinese()}，不能转到{next.ToChinese()}。");
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : PlainText.Require(comment.Trim(), "审核意见", multiline: true);
        MoveTo(MonitoringStatus.Submitted, userName, at, text);
        Stage = next;
    }

    /// <summary>
    /// The review decision, in one place so that a multi-level review chain can route it: approve (已审核, optional
    /// comment) or return (已退回, reason required). Only a submitted entry is decided.
    /// </summary>
    public void Decide(bool approve, string? reason, string userName, DateTimeOffset at)
    {
        if (Status != MonitoringStatus.Submitted)
        {
            throw new DomainException($"只有已提交的监控表可以{(approve ? "审核通过" : "退回")}，当前状态为{Status.ToChinese()}。");
        }

        var comment = string.IsNullOrWhiteSpace(reason) ? null : PlainText.Require(reason.Trim(), approve ? "审核意见" : "退回原因", multiline: true);
        if (!approve && comment is null)
        {
            throw new DomainException("退回时必须填写退回原因。");
        }

        if (comment is { Length: > MonitoringIndicator.TextMaxLength })
        {
            throw new DomainException($"{(approve ? "审核意见" : "退回原因")}不能超过 {MonitoringIndicator.TextMaxLength} 个字符。");
        }

        MoveTo(approve ? MonitoringStatus.Approved : MonitoringStatus.Returned, userName, at, comment);
    }

    /// <summary>How a row is named in an error: <c>第2行指标“购置率”</c>.</summary>
    public static string RowName(MonitoringIndicator row) => $"第{row.Order}行指标“{row.Name}”";

    private List<MonitoringError> CheckBounds(MonitoringFunds funds, IReadOnlyDictionary<int, MonitoringIndicatorFigures> byRow)
    {
        var errors = new List<MonitoringError>();
        void Amount(decimal? value, string field)
        {
            if (value is { } v && (v < 0 || !Amounts.IsValid(v)))
            {
                errors.Add(new($"项目资金.{field}", Amounts.Message(field)));
            }
        }

        Amount(funds.AnnualBudget, "年初预算数");
        Amount(funds.ExecutedToDate, "截至期末执行数");
        Amount(funds.ExpectedFullYear, "全年预计执行数");

        var known = _indicators.ToDictionary(i => i.Order);
        foreach (var (order, figures) in byRow)
        {
            if (!known.TryGetValue(order, out var row))
            {
                errors.Add(new($"第{order}行指标", $"本项目的监控表只有 {known.Count} 行指标。"));
                continue;
            }

            var where = RowName(row);
            void Text(string? text, string field, int max, bool multiline)
            {
                if (!PlainText.IsClean(text, multiline))
                {
                    errors.Add(new($"{where}.{field}", PlainText.Message(field)));
                }
                else if (text is { } t && t.Trim().Length > max)
                {
                    errors.Add(new($"{where}.{field}", $"{field}不能超过 {max} 个字符。"));
                }
            }

            Text(figures.CompletedToDate, "截至期末完成值", MonitoringIndicator.ValueMaxLength, false);
            Text(figures.ExpectedFullYear, "全年预计完成值", MonitoringIndicator.ValueMaxLength, false);
            Text(figures.DeviationNote, "偏差原因说明", MonitoringIndicator.TextMaxLength, true);
            Text(figures.CorrectiveMeasures, "纠偏措施", MonitoringIndicator.TextMaxLength, true);
            Text(figures.Remark, "备注", MonitoringIndicator.TextMaxLength, true);
            if (!Enum.IsDefined(figures.Likelihood))
            {
                errors.Add(new($"{where}.完成目标可能性", "请选择确定能、有可能或完全不可能。"));
            }

            if ((figures.Causes & ~AllCauses) != 0)
            {
                errors.Add(new($"{where}.偏差原因", "偏差原因只能是经费保障、制度保障、人员保障、硬件条件保障、其他。"));
            }
        }

        return errors;
    }

    private const DeviationCause AllCauses = DeviationCause.Funding | DeviationCause.Rules | DeviationCause.Staff | DeviationCause.Equipment | DeviationCause.Other;

    private static MonitoringIndicatorFigures Clean(MonitoringIndicatorFigures f) => f with
    {
        CompletedToDate = Trim(f.CompletedToDate),
        ExpectedFullYear = Trim(f.ExpectedFullYear),
        DeviationNote = Trim(f.DeviationNote),
        CorrectiveMeasures = Trim(f.CorrectiveMeasures),
        Remark = Trim(f.Remark),
    };

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void MoveTo(MonitoringStatus to, string userName, DateTimeOffset at, string? comment)
    {
        _history.Add(new MonitoringHistoryEntry(at, userName, Status, to, comment, Stage));
        Status = to;
        Stage = ReviewStage.None;
    }
}

/// <summary>Monitoring figures were refused: every located error (<see cref="Errors"/>), joined in the message.</summary>
public sealed class MonitoringException : DomainException
{
    public MonitoringException(IReadOnlyList<MonitoringError> errors)
        : base(string.Join("；", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public IReadOnlyList<MonitoringError> Errors { get; }
}
