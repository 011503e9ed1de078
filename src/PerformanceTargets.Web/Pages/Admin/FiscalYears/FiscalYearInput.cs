using FluentValidation;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Pages.Admin.FiscalYears;

public sealed class FiscalYearInput
{
    public int? Year { get; set; }
}

public sealed class FiscalYearInputValidator : AbstractValidator<FiscalYearInput>
{
    public const int MinYear = FiscalYear.MinYear;
    public const int MaxYear = FiscalYear.MaxYear;

    public FiscalYearInputValidator()
    {
        RuleFor(x => x.Year).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请输入年度。")
            .InclusiveBetween(MinYear, MaxYear).WithMessage($"年度应在 {MinYear}–{MaxYear} 之间。");
    }
}
