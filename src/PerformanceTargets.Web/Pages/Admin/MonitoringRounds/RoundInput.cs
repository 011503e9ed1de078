using FluentValidation;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Pages.Admin.MonitoringRounds;

/// <summary>Opening a 绩效运行监控 round: the year, m of the period 1–m月, and the deadline.</summary>
public sealed class RoundInput
{
    public int? Year { get; set; }

    public int? EndMonth { get; set; }

    public DateOnly? Deadline { get; set; }
}

public sealed class RoundInputValidator : AbstractValidator<RoundInput>
{
    public RoundInputValidator()
    {
        RuleFor(x => x.Year).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请输入年度。")
            .InclusiveBetween(FiscalYear.MinYear, FiscalYear.MaxYear).WithMessage($"年度应在 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间。");
        RuleFor(x => x.EndMonth).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请选择监控期间（1–m 月）。")
            .InclusiveBetween(1, 12).WithMessage("监控期间应为 1–m 月，m 在 1–12 之间。");
        RuleFor(x => x.Deadline).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请输入填报截止日期。")
            .Must((input, deadline) => input.Year is null || deadline!.Value.Year >= input.Year).WithMessage("截止日期不能早于监控年度。");
    }
}
