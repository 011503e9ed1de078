using System.Collections.ObjectModel;
using FluentValidation;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Web.Pages.Admin.YearSettings;

/// <summary>
/// The settings form. Fractions of an indicator's weight (qualitative tiers) are shown and entered as percentages;
/// the names (grades, groups, tiers) come back as hidden fields. Consistency is the domain's job
/// (<see cref="RatingBandSet"/>, <see cref="Domain.Units.YearSettings.Check"/>); this input only checks that every number is there and in range.
/// </summary>
public sealed class YearSettingsInput
{
    public List<BandInput> Bands { get; set; } = [];

    public decimal? ExecutionWeight { get; set; }

    public List<GroupWeightInput> Groups { get; set; } = [];

    public List<TierInput> Tiers { get; set; } = [];

    public decimal? TargetTooLowPercent { get; set; }

    public decimal? RedBelowPercent { get; set; }

    public decimal? YellowBelowPercent { get; set; }

    public static YearSettingsInput From(EvaluationSettings settings) => new()
    {
        Bands = [.. settings.GradeBands.Bands.Select(b => new BandInput { Grade = b.Grade, Min = b.Min })],
        ExecutionWeight = settings.ExecutionWeight,
        Groups = [.. settings.GroupWeights.Select(g => new GroupWeightInput { Group = g.Key, Weight = g.Value })],
        Tiers = [.. settings.QualitativeTiers.Select(t => new TierInput
        {
            Name = t.Name,
            MinPercent = t.MinFraction * 100m,
            MaxPercent = t.MaxFraction * 100m,
            DefaultPercent = t.DefaultFraction * 100m,
        })],
        TargetTooLowPercent = settings.TargetTooLowPercent,
        RedBelowPercent = settings.Monitoring.RedBelowPercent,
        YellowBelowPercent = settings.Monitoring.YellowBelowPercent,
    };

    /// <summary>The grade bands of the form, or false with the band set's Chinese message when they are not strictly decreasing down to 差 ≥ 0. Call only after the validator passed.</summary>
    public bool TryGetBands(out RatingBandSet? bands, out string? error) =>
        RatingBandSet.TryCreate(Bands.Select(b => new RatingBand(b.Grade.Trim(), b.Min!.Value)), out bands, out error);

    /// <summary>
    /// The settings this form describes for <paramref name="year"/>, with <paramref name="bands"/> (see <see cref="TryGetBands"/>).
    /// The first tier includes its upper bound (达成 up to 100 % inclusive); the others exclude it. Call only after the validator passed.
    /// </summary>
    public EvaluationSettings ToSettings(int year, RatingBandSet bands) => new()
    {
        Year = year,
        ExecutionWeight = ExecutionWeight!.Value,
        GroupWeights = new ReadOnlyDictionary<string, decimal>(Groups.ToDictionary(g => g.Group.Trim(), g => g.Weight!.Value)),
        QualitativeTiers = [.. Tiers.Select((t, i) => new QualitativeTier(t.Name.Trim(), t.MinPercent!.Value / 100m, t.MaxPercent!.Value / 100m, i == 0, t.DefaultPercent!.Value / 100m))],
        TargetTooLowPercent = TargetTooLowPercent!.Value,
        GradeBands = bands,
        Monitoring = new MonitoringThresholds(RedBelowPercent!.Value, YellowBelowPercent!.Value),
    };

    public sealed class BandInput
    {
        public string Grade { get; set; } = string.Empty;

        public decimal? Min { get; set; }
    }

    public sealed class GroupWeightInput
    {
        public string Group { get; set; } = string.Empty;

        public decimal? Weight { get; set; }
    }

    public sealed class TierInput
    {
        public string Name { get; set; } = string.Empty;

        public decimal? MinPercent { get; set; }

        public decimal? MaxPercent { get; set; }

        public decimal? DefaultPercent { get; set; }
    }
}

public sealed class YearSettingsInputValidator : AbstractValidator<YearSettingsInput>
{
    public YearSettingsInputValidator()
    {
        RuleFor(x => x.Bands).NotEmpty().WithMessage("评级区间不能为空。");
        RuleForEach(x => x.Bands).ChildRules(band =>
        {
            band.RuleFor(b => b.Grade).NotEmpty().WithMessage("等级名称不能为空。");
            band.RuleFor(b => b.Min).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(b => $"请填写“{b.Grade}”的下限。")
                .InclusiveBetween(0m, 100m).WithMessage(b => $"“{b.Grade}”的下限应在 0–100 之间。");
        });

        Percent(RuleFor(x => x.ExecutionWeight), "预算执行率的权重");
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

        RuleFor(x => x.TargetTooLowPercent).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写“目标偏低”提示阈值。")
            .InclusiveBetween(100m, 10000m).WithMessage("“目标偏低”提示阈值应在 100%–10000% 之间。");
        Percent(RuleFor(x => x.RedBelowPercent), "红灯线");
        Percent(RuleFor(x => x.YellowBelowPercent), "黄灯线");
    }

    private static void Percent(IRuleBuilderInitial<YearSettingsInput, decimal?> rule, string what) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"请填写{what}。")
            .InclusiveBetween(0m, 100m).WithMessage($"{what}应在 0–100 之间。");
}
