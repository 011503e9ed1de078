using FluentValidation;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Pages.Admin.Units;

public sealed class UnitInput
{
    /// <summary>An opaque code (e.g. 631001); set when the unit is created, not changed afterwards.</summary>
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int? ParentId { get; set; }
}

public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请输入单位编码。")
            .Must(c => c.Trim().Length <= Unit.CodeMaxLength).WithMessage($"单位编码不能超过 {Unit.CodeMaxLength} 个字符。")
            .Must(c => !c.Trim().Any(char.IsWhiteSpace)).WithMessage("单位编码中不能有空格。")
            .Must(c => Domain.PlainText.IsClean(c)).WithMessage(Domain.PlainText.Message("单位编码"));
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请输入单位名称。")
            .Must(n => n.Trim().Length <= Unit.NameMaxLength).WithMessage($"单位名称不能超过 {Unit.NameMaxLength} 个字符。")
            .Must(n => Domain.PlainText.IsClean(n)).WithMessage(Domain.PlainText.Message("单位名称"));
    }
}
