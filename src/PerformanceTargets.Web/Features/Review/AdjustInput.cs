using FluentValidation;

namespace PerformanceTargets.Web.Features.Review;

/// <summary>绩效目标调整: the reason is required and kept in the history.</summary>
public sealed class AdjustInput
{
    public string? Reason { get; set; }
}

public sealed class AdjustInputValidator : AbstractValidator<AdjustInput>
{
    public AdjustInputValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("请填写调整原因。").MaximumLength(2000).WithMessage("调整原因不能超过 2000 个字符。");
}
