using FluentValidation;

namespace PerformanceTargets.Web.Pages.YearEnd;

/// <summary>The 自评表 form: 全年执行数, cumulative spend at each plan checkpoint, and per indicator 实际完成值, 定性得分, 偏差原因.</summary>
public sealed class SelfEvaluationInput
{
    public decimal? Executed { get; set; }

    public List<SpendInput> Spending { get; set; } = [];

    public List<IndicatorActualInput> Indicators { get; set; } = [];

    public sealed class SpendInput
    {
        public int Month { get; set; }

        public decimal? Spent { get; set; }
    }

    public sealed class IndicatorActualInput
    {
        public int Id { get; set; }

        public string? Actual { get; set; }

        public decimal? Score { get; set; }

        public string? DeviationReason { get; set; }
    }
}

public sealed class SelfEvaluationInputValidator : AbstractValidator<SelfEvaluationInput>
{
    public SelfEvaluationInputValidator()
    {
        RuleFor(x => x.Executed).GreaterThanOrEqualTo(0).WithMessage("全年执行数不能为负数。")
            .Must(Domain.Amounts.IsValid).WithMessage(Domain.Amounts.Message("全年执行数"));
        RuleForEach(x => x.Spending).ChildRules(spend =>
        {
            spend.RuleFor(s => s.Month).InclusiveBetween(1, 12).WithMessage("月份应在 1–12 之间。");
            spend.RuleFor(s => s.Spent).GreaterThanOrEqualTo(0).WithMessage("累计支出不能为负数。")
                .Must(Domain.Amounts.IsValid).WithMessage(Domain.Amounts.Message("累计支出"));
        });
        RuleForEach(x => x.Indicators).ChildRules(indicator =>
        {
            indicator.RuleFor(i => i.Actual).Must(t => Domain.PlainText.IsClean(t)).WithMessage(Domain.PlainText.Message("实际完成值"));
            indicator.RuleFor(i => i.DeviationReason).Must(t => Domain.PlainText.IsClean(t, multiline: true)).WithMessage(Domain.PlainText.Message("偏差原因"));
            indicator.RuleFor(i => i.Actual).MaximumLength(200).WithMessage("实际完成值不能超过 200 个字符。");
            indicator.RuleFor(i => i.Score).GreaterThanOrEqualTo(0).WithMessage("得分不能为负数。");
            indicator.RuleFor(i => i.Score).Null().When(i => string.IsNullOrWhiteSpace(i.Actual)).WithMessage("填写得分前请先选择评价档次（达成 / 部分达成 / 未达成）。");
            indicator.RuleFor(i => i.DeviationReason).MaximumLength(2000).WithMessage("偏差原因不能超过 2000 个字符。");
        });
    }
}
