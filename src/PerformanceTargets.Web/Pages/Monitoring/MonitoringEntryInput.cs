using FluentValidation;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Web.Pages.Monitoring;

/// <summary>The 绩效运行监控表 form of one project: the funds and, per indicator row, the unit's figures.</summary>
public sealed class MonitoringEntryInput
{
    /// <summary>The stored entry's version when the form was opened (empty for a new entry).</summary>
    public Guid? Version { get; set; }

    public decimal? AnnualBudget { get; set; }

    public decimal? ExecutedToDate { get; set; }

    public decimal? ExpectedFullYear { get; set; }

    public List<RowInput> Rows { get; set; } = [];

    public sealed class RowInput
    {
        /// <summary>The row number (1-based) of the entry's indicator.</summary>
        public int Order { get; set; }

        public string? CompletedToDate { get; set; }

        public string? ExpectedFullYear { get; set; }

        public Likelihood Likelihood { get; set; }

        public List<DeviationCause> Causes { get; set; } = [];

        public string? DeviationNote { get; set; }

        public string? CorrectiveMeasures { get; set; }

        public string? Remark { get; set; }
    }

    public static MonitoringEntryInput From(ProjectMonitoring entry, bool isNew) => new()
    {
        Version = isNew ? null : entry.Version,
        AnnualBudget = entry.AnnualBudget,
        ExecutedToDate = entry.ExecutedToDate,
        ExpectedFullYear = entry.ExpectedFullYear,
        Rows = [.. entry.Indicators.OrderBy(i => i.Order).Select(i => new RowInput
        {
            Order = i.Order,
            CompletedToDate = i.CompletedToDate,
            ExpectedFullYear = i.ExpectedFullYear,
            Likelihood = i.Likelihood,
            Causes = [.. RunMonitoring.Causes.Select(c => c.Cause).Where(c => i.Causes.HasFlag(c))],
            DeviationNote = i.DeviationNote,
            CorrectiveMeasures = i.CorrectiveMeasures,
            Remark = i.Remark,
        })],
    };

    public MonitoringFunds Funds => new(AnnualBudget ?? 0m, ExecutedToDate, ExpectedFullYear);

    public Dictionary<int, MonitoringIndicatorFigures> Figures() => Rows.GroupBy(r => r.Order).ToDictionary(g => g.Key, g =>
    {
        var r = g.First();
        return new MonitoringIndicatorFigures(r.CompletedToDate, r.ExpectedFullYear, r.Likelihood,
            r.Causes.Aggregate(DeviationCause.None, (all, c) => all | c), r.DeviationNote, r.CorrectiveMeasures, r.Remark);
    });

    /// <summary>The form key of a located domain error (<see cref="MonitoringError.Field"/>), so it shows beside its field.</summary>
    public string KeyOf(MonitoringError error, IReadOnlyList<MonitoringIndicator> rows, string prefix)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (where, field) = error.Field.LastIndexOf('.') is var dot and > 0 ? (error.Field[..dot], error.Field[(dot + 1)..]) : (error.Field, string.Empty);
        if (where == "项目资金")
        {
            return field switch
            {
                "年初预算数" => $"{prefix}.{nameof(AnnualBudget)}",
                "截至期末执行数" => $"{prefix}.{nameof(ExecutedToDate)}",
                "全年预计执行数" => $"{prefix}.{nameof(ExpectedFullYear)}",
                _ => string.Empty,
            };
        }

        var row = rows.FirstOrDefault(r => ProjectMonitoring.RowName(r) == where);
        var k = row is null ? -1 : Rows.FindIndex(r => r.Order == row.Order);
        var property = field switch
        {
            "截至期末完成值" => nameof(RowInput.CompletedToDate),
            "全年预计完成值" => nameof(RowInput.ExpectedFullYear),
            "完成目标可能性" => nameof(RowInput.Likelihood),
            "偏差原因" => nameof(RowInput.Causes),
            "偏差原因说明" => nameof(RowInput.DeviationNote),
            "纠偏措施" => nameof(RowInput.CorrectiveMeasures),
            "备注" => nameof(RowInput.Remark),
            _ => null,
        };
        return k < 0 || property is null ? string.Empty : $"{prefix}.{nameof(Rows)}[{k}].{property}";
    }
}

public sealed class MonitoringEntryInputValidator : AbstractValidator<MonitoringEntryInput>
{
    public MonitoringEntryInputValidator()
    {
        RuleFor(x => x.AnnualBudget).NotNull().WithMessage("请填写年初预算数。");
        RuleFor(x => x.AnnualBudget).GreaterThanOrEqualTo(0).WithMessage("年初预算数不能为负数。").Must(Amounts.IsValid).WithMessage(Amounts.Message("年初预算数"));
        RuleFor(x => x.ExecutedToDate).GreaterThanOrEqualTo(0).WithMessage("截至期末执行数不能为负数。").Must(Amounts.IsValid).WithMessage(Amounts.Message("截至期末执行数"));
        RuleFor(x => x.ExpectedFullYear).GreaterThanOrEqualTo(0).WithMessage("全年预计执行数不能为负数。").Must(Amounts.IsValid).WithMessage(Amounts.Message("全年预计执行数"));
        RuleForEach(x => x.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.Likelihood).IsInEnum().WithMessage("请选择确定能、有可能或完全不可能。");
            row.RuleForEach(r => r.Causes).IsInEnum().WithMessage("偏差原因只能是经费保障、制度保障、人员保障、硬件条件保障、其他。");
        });
    }
}
