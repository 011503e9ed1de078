using System.Collections.ObjectModel;
using FluentValidation;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Web.Pages.Admin.YearSettings;

/// <summary>
/// The 部门整体自评评分设置 form: "与项目相同" (<see cref="Custom"/> false) or "单独设置" with its own grade bands, weights and
/// qualitative tiers (percentages of an indicator's weight, as on the project settings form). The numbers are checked only
/// when <see cref="Custom"/>; consistency is the domain's job (<see cref="Domain.Units.DepartmentYearSettings.Check"/>).
/// </summary>
public sealed class DepartmentSettingsInput
{
    public bool Custom { get; set; }

    public List<YearSettingsInput.BandInput> Bands { get; set; } = [];

    public decimal? ExecutionWeight { get; set; }

    public List<YearSettingsInput.GroupWeightInput> Groups { get; set; } = [];

    public List<YearSettingsInput.TierInput> Tiers { get; set; } = [];

    /// <summary>The form for <paramref name="settings"/> (the year's department settings in force).</summary>
    public static DepartmentSettingsInput From(EvaluationSettings settings, bool custom)
    {
        var all = YearSettingsInput.From(settings);
        return new() { Custom = custom, Bands = all.Bands, ExecutionWeight = all.ExecutionWeight, Groups = all.Groups, Tiers = all.Tiers };
    }

    /// <summary>The grade bands of the form, or false with the band set's Chinese message. Call only after the validator passed.</summary>
    public bool TryGetBands(out RatingBandSet? bands, out string? error) =>
        RatingBandSet.TryCreate(Bands.Select(b => new RatingBand(b.Grade.Trim(), b.Min!.Value)), out bands, out error);

    /// <summary><paramref name="project"/> with this form's weights (execution and level-1 groups) in place of its own.</summary>
    public EvaluationSettings WithWeights(EvaluationSettings project) => project with
    {
        ExecutionWeight = ExecutionWeight!.Value,
        GroupWeights = new ReadOnlyDictionary<string, decimal>(Groups.ToDictionary(g => g.Group.Trim(), g => g.Weight!.Value)),
    };

    /// <summary><paramref name="project"/> with this form's qualitative tiers (the first includes its upper bound).</summary>
    public EvaluationSettings WithTiers(EvaluationSettings project) => project with
    {
        QualitativeTiers = [.. Tiers.Select((t, i) => new QualitativeTier(t.Name.Trim(), t.MinPercent!.Value / 100m, t.MaxPercent!.Value / 100m, i == 0, t.DefaultPercent!.Value / 100m))],
    };

    /// <summary>The department settings this form describes: <paramref name="project"/> with its weights, tiers and <paramref name="bands"/>.</summary>
    public EvaluationSettings ToSettings(EvaluationSettings project, RatingBandSet bands) =>
        WithTiers(WithWeights(project)) with { GradeBands = bands };
}

public sealed class DepartmentSettingsInputValidator : AbstractValidator<DepartmentSettingsInput>
{
    public DepartmentSettingsInputValidator()
    {
        When(x => x.Custom, () =>
        {
            RuleFor(x => x.Bands).NotEmpty().WithMessage("评级区间不能为空。");
            RuleForEach(x => x.Bands).ChildRules(band =>
            {
                band.RuleFor(b => b.Grade).NotEmpty().WithMessage("等级名称不能为空。");
                band.RuleFor(b => b.Min).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage(b => $"请填写“{b.Grade}”的下限。")
                    .InclusiveBetween(0m, 100m).WithMessage(b => $"“{b.Grade}”的下限应在 0–100 之间。");
            });

            RuleFor(x => x.ExecutionWeight).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("请填写预算执行率的权重。")
                .InclusiveBetween(0m, 100m).WithMessage("预算执行率的权重应在 0–100 之间。");
            RuleFor(x => x.Groups).NotEmpty().WithMessage("至少要有一个一级指标的权重。");
            RuleForEach(x => x.Groups).ChildRules(group =>
            {
                group.RuleFor(g => g.Group).NotEmpty().WithMessage("一级指标名称不能为空。");
                group.RuleFor(g => g.Weight).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage(g => $"请填写“{g.Group}”的权重。")
                    .InclusiveBetween(0m, 100m).WithMessage(g => $"“{g.Group}”的权重应在 0–100 之间。");
            });
            RuleFor(x => x.Groups).Must(g => g.Select(x => x.Group.Trim()).Distinct().Count() == g.Count).WithMessage("一级指标名称重复。");

            RuleFor(x => x.Tiers).NotEmpty().WithMessage("定性指标至少要有一个评价档次。");
            RuleForEach(x => x.Tiers).ChildRules(tier =>
            {
                tier.RuleFor(t => t.Name).NotEmpty().WithMessage("定性档次名称不能为空。");
                foreach (var (select, what) in new (System.Linq.Expressions.Expression<Func<YearSettingsInput.TierInput, decimal?>>, string)[]
                         {
                             (t => t.MinPercent, "下限"), (t => t.MaxPercent, "上限"), (t => t.DefaultPercent, "默认得分"),
                         })
                {
                    tier.RuleFor(select).Cascade(CascadeMode.Stop)
                        .NotNull().WithMessage(t => $"请填写“{t.Name}”的{what}。")
                        .InclusiveBetween(0m, 100m).WithMessage(t => $"“{t.Name}”的{what}应在权重的 0%–100% 之间。");
                }
            });
        });
    }
}
