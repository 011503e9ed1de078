using FluentValidation;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>What the project form posts: basics, the four cumulative checkpoints, the numbered goals and the indicator rows.</summary>
public sealed class ProjectInput
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public decimal? Budget { get; set; }

    public decimal? FiscalFunds { get; set; }

    public decimal? OtherFunds { get; set; }

    public string? Purpose { get; set; }

    /// <summary>Cumulative percent spent by 3月底, 6月底, 10月底, 12月底 (<see cref="SpendingCheckpoint.StandardMonths"/>).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(CheckpointListBinder))]
    public List<decimal?> Plan { get; set; } = [null, null, null, null];

    public List<string?> Goals { get; set; } = [];

    public List<IndicatorInput> Indicators { get; set; } = [];

    /// <summary>The project's version when the form was opened (optimistic concurrency).</summary>
    public Guid? Version { get; set; }

    public static ProjectInput From(BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectInput
        {
            Code = project.Code,
            Name = project.Name,
            Budget = project.Budget,
            FiscalFunds = project.FiscalFunds,
            OtherFunds = project.OtherFunds,
            Purpose = project.Purpose,
            Plan = [.. SpendingCheckpoint.StandardMonths.Select(m => project.SpendingPlan.FirstOrDefault(c => c.Month == m)?.CumulativePercent)],
            Goals = [.. project.Goals.OrderBy(g => g.Order).Select(g => (string?)g.Text)],
            Indicators = [.. project.Indicators.OrderBy(i => i.Order).Select(IndicatorInput.From)],
            Version = project.Version,
        };
    }

    /// <summary>The Chinese name of a numeric field of the form by its key (<c>Input.Budget</c> → 预算数), for binding messages.</summary>
    public static string? LabelOf(string key) => key switch
    {
        "Input.Budget" => "预算数",
        "Input.FiscalFunds" => "财政资金",
        "Input.OtherFunds" => "其他资金",
        _ when key.StartsWith("Input.Plan[", StringComparison.Ordinal) && int.TryParse(key.AsSpan(11, key.Length - 12), out var k)
            && k >= 0 && k < SpendingCheckpoint.StandardMonths.Count => $"{SpendingCheckpoint.StandardMonths[k]}月底累计支出比例",
        _ => null,
    };

    public IReadOnlyList<SpendingCheckpoint> Checkpoints() =>
        [.. SpendingCheckpoint.StandardMonths.Select((m, k) => new SpendingCheckpoint(m, k < Plan.Count ? Plan[k] ?? 0 : 0))];
}

/// <summary>A 三级 indicator row of the form.</summary>
public sealed class IndicatorInput
{
    public string Level1 { get; set; } = string.Empty;

    public string Level2 { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Value { get; set; }

    public string? Basis { get; set; }

    public static IndicatorInput From(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new IndicatorInput
        {
            Level1 = indicator.Level1,
            Level2 = indicator.Level2,
            Name = indicator.Name,
            Description = indicator.Description,
            Value = indicator.Value,
            Basis = indicator.Basis,
        };
    }

    public Indicator ToIndicator() =>
        new(Level1.Trim(), Level2.Trim(), (Name ?? string.Empty).Trim(), (Description ?? string.Empty).Trim(), (Value ?? string.Empty).Trim(), (Basis ?? string.Empty).Trim());
}

public sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("请填写项目编码。")
            .MaximumLength(BudgetProject.CodeMaxLength).WithMessage($"项目编码不能超过 {BudgetProject.CodeMaxLength} 个字符。");
        RuleFor(x => x.Name).NotEmpty().WithMessage("请填写项目名称。")
            .MaximumLength(BudgetProject.NameMaxLength).WithMessage($"项目名称不能超过 {BudgetProject.NameMaxLength} 个字符。");
        RuleFor(x => x.Code).Must(c => PlainText.IsClean(c)).WithMessage(PlainText.Message("项目编码"));
        RuleFor(x => x.Name).Must(c => PlainText.IsClean(c)).WithMessage(PlainText.Message("项目名称"));
        RuleFor(x => x.Purpose).Must(c => PlainText.IsClean(c, multiline: true)).WithMessage(PlainText.Message("资金用途"));
        RuleFor(x => x.Budget).NotNull().WithMessage("请填写预算数。").GreaterThanOrEqualTo(0).WithMessage("预算数不能为负数。")
            .Must(Amounts.IsValid).WithMessage(Amounts.Message("预算数"));
        RuleFor(x => x.FiscalFunds).NotNull().WithMessage("请填写财政资金。").GreaterThanOrEqualTo(0).WithMessage("财政资金不能为负数。")
            .Must(Amounts.IsValid).WithMessage(Amounts.Message("财政资金"));
        RuleFor(x => x.OtherFunds).NotNull().WithMessage("请填写其他资金（没有请填 0）。").GreaterThanOrEqualTo(0).WithMessage("其他资金不能为负数。")
            .Must(Amounts.IsValid).WithMessage(Amounts.Message("其他资金"));
        RuleFor(x => x.Budget)
            .Must((x, budget) => x.FiscalFunds + x.OtherFunds == budget)
            .When(x => x.Budget is >= 0 && x.FiscalFunds is >= 0 && x.OtherFunds is >= 0
                && Amounts.IsValid(x.Budget) && Amounts.IsValid(x.FiscalFunds) && Amounts.IsValid(x.OtherFunds))
            .WithMessage(x => $"财政资金（{x.FiscalFunds:N2}）+ 其他资金（{x.OtherFunds:N2}）= {x.FiscalFunds + x.OtherFunds:N2}，与预算数（{x.Budget:N2}）不一致。");
        RuleFor(x => x.Purpose).MaximumLength(BudgetProject.PurposeMaxLength).WithMessage($"资金用途不能超过 {BudgetProject.PurposeMaxLength} 个字符。");

        RuleFor(x => x.Plan).Must(p => p.Count == SpendingCheckpoint.StandardMonths.Count && p.All(v => v is not null))
            .WithMessage("请填写 3月底、6月底、10月底、12月底的累计支出比例。")
            .DependentRules(() =>
                RuleFor(x => x.Plan).Custom((_, context) =>
                {
                    foreach (var message in SpendingPlanRules.Validate(context.InstanceToValidate.Checkpoints()))
                    {
                        context.AddFailure(nameof(ProjectInput.Plan), message);
                    }
                }));

        RuleFor(x => x.Goals).NotEmpty().WithMessage("请至少填写一条绩效目标。");
        RuleForEach(x => x.Goals).NotEmpty().WithMessage("绩效目标不能为空，不需要的请删除。")
            .MaximumLength(BudgetProject.GoalMaxLength).WithMessage($"每条绩效目标不能超过 {BudgetProject.GoalMaxLength} 个字符。")
            .Must(g => PlainText.IsClean(g, multiline: true)).WithMessage(PlainText.Message("绩效目标"));

        RuleFor(x => x.Indicators).NotEmpty().WithMessage("请至少填写一个三级指标。");
        RuleForEach(x => x.Indicators).SetValidator(new IndicatorInputValidator());
    }
}

public sealed class IndicatorInputValidator : AbstractValidator<IndicatorInput>
{
    public IndicatorInputValidator()
    {
        RuleFor(x => x.Level1).Must(IndicatorCatalog.IsKnownLevel1).WithMessage("请选择标准的一级指标。");
        RuleFor(x => x.Level2).Must((x, level2) => IndicatorCatalog.IsKnownLevel2(x.Level1, level2))
            .When(x => IndicatorCatalog.IsKnownLevel1(x.Level1)).WithMessage(x => $"“{x.Level2}”不是“{x.Level1}”下的二级指标。");
        RuleFor(x => x.Name).NotEmpty().WithMessage("请填写三级指标名称。")
            .MaximumLength(Indicator.NameMaxLength).WithMessage($"三级指标名称不能超过 {Indicator.NameMaxLength} 个字符。");
        RuleFor(x => x.Description).MaximumLength(Indicator.TextMaxLength).WithMessage($"绩效指标描述不能超过 {Indicator.TextMaxLength} 个字符。");
        RuleFor(x => x.Value).NotEmpty().WithMessage("请填写指标值。")
            .MaximumLength(Indicator.NameMaxLength).WithMessage($"指标值不能超过 {Indicator.NameMaxLength} 个字符。");
        RuleFor(x => x.Level1).Must(t => PlainText.IsClean(t)).WithMessage(PlainText.Message("一级指标"));
        RuleFor(x => x.Level2).Must(t => PlainText.IsClean(t)).WithMessage(PlainText.Message("二级指标"));
        RuleFor(x => x.Name).Must(t => PlainText.IsClean(t)).WithMessage(PlainText.Message("三级指标名称"));
        RuleFor(x => x.Description).Must(t => PlainText.IsClean(t, multiline: true)).WithMessage(PlainText.Message("绩效指标描述"));
        RuleFor(x => x.Value).Must(t => PlainText.IsClean(t)).WithMessage(PlainText.Message("指标值"));
        RuleFor(x => x.Basis).Must(t => PlainText.IsClean(t, multiline: true)).WithMessage(PlainText.Message("指标值确定依据"));
        RuleFor(x => x.Basis).MaximumLength(Indicator.NameMaxLength).WithMessage($"指标值确定依据不能超过 {Indicator.NameMaxLength} 个字符。");
    }
}
