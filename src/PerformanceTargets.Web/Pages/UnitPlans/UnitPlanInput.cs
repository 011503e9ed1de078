using FluentValidation;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Web.Pages.UnitPlans;

/// <summary>What the unit-plan form posts: the overall goal, annual targets, guarantee measures and the sub-goals with their bands.</summary>
public sealed class UnitPlanInput
{
    public string? OverallGoal { get; set; }

    public string? AnnualTargets { get; set; }

    public string? GuaranteeMeasures { get; set; }

    public List<SubGoalInput> SubGoals { get; set; } = [];

    public Guid? Version { get; set; }

    public static UnitPlanInput From(UnitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new UnitPlanInput
        {
            OverallGoal = plan.OverallGoal,
            AnnualTargets = plan.AnnualTargets,
            GuaranteeMeasures = plan.GuaranteeMeasures,
            SubGoals = [.. plan.SubGoals.OrderBy(g => g.Order).Select(SubGoalInput.From)],
            Version = plan.Version,
        };
    }
}

/// <summary>A sub-goal row. The bands are the lower bounds of 优, 良 and 中 (差 below); left empty they come from the 绩效标准 sentence, else the national default.</summary>
public sealed class SubGoalInput
{
    public string? Area { get; set; }

    public string? Activity { get; set; }

    public string? Goal { get; set; }

    public string? Indicator { get; set; }

    public string? Standard { get; set; }

    public decimal? Excellent { get; set; }

    public decimal? Good { get; set; }

    public decimal? Fair { get; set; }

    public static SubGoalInput From(SubGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        decimal? Min(int k) => goal.Bands.Count > k ? goal.Bands[k].Min : null;
        return new SubGoalInput
        {
            Area = goal.Area,
            Activity = goal.Activity,
            Goal = goal.Goal,
            Indicator = goal.Indicator,
            Standard = goal.Standard,
            Excellent = Min(0),
            Good = Min(1),
            Fair = Min(2),
        };
    }

    public bool HasBands => Excellent is not null || Good is not null || Fair is not null;

    /// <summary>The band set this row describes, or an error in Chinese.</summary>
    public bool TryBands(out RatingBandSet? set, out string? error)
    {
        if (HasBands)
        {
            return RatingBandSet.TryCreate(
                [new("优", Excellent ?? -1), new("良", Good ?? -1), new("中", Fair ?? -1), new(RatingBandSet.Lowest, 0)], out set, out error);
        }

        if (RatingBandSet.TryParseStandard(Standard, out set, out error) && set is not null)
        {
            return true;
        }

        set = RatingBandSet.National;
        error = null;
        return true;
    }

    public SubGoal ToSubGoal()
    {
        TryBands(out var set, out _);
        return new SubGoal((Area ?? string.Empty).Trim(), Activity?.Trim(), (Goal ?? string.Empty).Trim(), (Indicator ?? string.Empty).Trim(),
            (Standard ?? string.Empty).Trim(), (set ?? RatingBandSet.National).Bands);
    }
}

public sealed class UnitPlanInputValidator : AbstractValidator<UnitPlanInput>
{
    public UnitPlanInputValidator()
    {
        RuleFor(x => x.OverallGoal).NotEmpty().WithMessage("请填写总体绩效目标。")
            .MaximumLength(UnitPlan.TextMaxLength).WithMessage($"总体绩效目标不能超过 {UnitPlan.TextMaxLength} 个字符。");
        RuleFor(x => x.AnnualTargets).MaximumLength(UnitPlan.TextMaxLength).WithMessage($"年度量化目标不能超过 {UnitPlan.TextMaxLength} 个字符。");
        RuleFor(x => x.GuaranteeMeasures).MaximumLength(UnitPlan.TextMaxLength).WithMessage($"工作保障措施不能超过 {UnitPlan.TextMaxLength} 个字符。");
        RuleForEach(x => x.SubGoals).SetValidator(new SubGoalInputValidator());
    }
}

public sealed class SubGoalInputValidator : AbstractValidator<SubGoalInput>
{
    public SubGoalInputValidator()
    {
        RuleFor(x => x.Area).NotEmpty().WithMessage("请填写领域。").MaximumLength(SubGoal.ShortTextMaxLength).WithMessage($"领域不能超过 {SubGoal.ShortTextMaxLength} 个字符。");
        RuleFor(x => x.Activity).MaximumLength(SubGoal.ShortTextMaxLength).WithMessage($"活动不能超过 {SubGoal.ShortTextMaxLength} 个字符。");
        RuleFor(x => x.Goal).NotEmpty().WithMessage("请填写绩效目标。").MaximumLength(UnitPlan.TextMaxLength).WithMessage($"绩效目标不能超过 {UnitPlan.TextMaxLength} 个字符。");
        RuleFor(x => x.Indicator).NotEmpty().WithMessage("请填写绩效指标。").MaximumLength(SubGoal.ShortTextMaxLength * 2).WithMessage($"绩效指标不能超过 {SubGoal.ShortTextMaxLength * 2} 个字符。");
        RuleFor(x => x.Standard).MaximumLength(UnitPlan.TextMaxLength).WithMessage($"绩效标准不能超过 {UnitPlan.TextMaxLength} 个字符。");
        RuleFor(x => x.Excellent).Custom((excellent, context) =>
        {
            var row = context.InstanceToValidate;
            if (row.HasBands && (row.Excellent is null || row.Good is null || row.Fair is null))
            {
                context.AddFailure(nameof(SubGoalInput.Excellent), "请同时填写优、良、中的下限，或全部留空（按绩效标准或默认 90/80/60）。");
            }
            else if (!row.TryBands(out _, out var error))
            {
                context.AddFailure(nameof(SubGoalInput.Excellent), error ?? "评价等级无效。");
            }
        });
    }
}
