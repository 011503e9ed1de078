using FluentValidation;

namespace PerformanceTargets.Web.Features.Review;

/// <summary>What a reviewer decides: the button pressed.</summary>
public enum Decision
{
    Approve,
    Return,
}

/// <summary>The reviewer's decision (from the button pressed) and comment; a return needs a comment.</summary>
public sealed class DecisionInput
{
    public Decision Decision { get; set; }

    public string? Comment { get; set; }
}

public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public DecisionInputValidator()
    {
        RuleFor(x => x.Decision).IsInEnum().WithMessage("请选择审核通过或退回。");
        RuleFor(x => x.Comment).NotEmpty().When(x => x.Decision == Decision.Return).WithMessage("退回时必须填写退回原因。");
        RuleFor(x => x.Comment).MaximumLength(2000).WithMessage("审核意见不能超过 2000 个字符。");
    }
}
