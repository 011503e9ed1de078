using FluentValidation;

namespace PerformanceTargets.Web.Pages.Admin.FiscalYears;

public sealed class FiscalYearInput
{
    public int? Year { get; set; }
}

public sealed class FiscalYearInputValidator : AbstractValidator<FiscalYearInput>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public FiscalYearInputValidator()
    {
        RuleFor(x => x.Year).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请输入年度。")
            .InclusiveBetween(MinYear, MaxYear).WithMessage($"年度应在 {MinYear}–{MaxYear} 之间。");
    }
}
