using System.Collections.ObjectModel;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Units;

/// <summary>
/// An admin's own scoring rules for one fiscal year's 部门整体自评 (domain-rules.md §3): the 预算执行率 weight, the level-1
/// group weights, the qualitative tiers and the grade bands. Optional, one per year: a year without one scores its 部门整体
/// tables exactly as its projects (<see cref="YearSettings"/>, else the national defaults). The "目标偏低" and monitoring
/// thresholds are never overridden: they always come from the project settings (<see cref="ApplyTo"/>).
/// Always valid: every change goes through <see cref="Replace"/>, which refuses what <see cref="YearSettings.Check"/> refuses.
/// </summary>
public class DepartmentYearSettings
{
    private List<RatingBand> _gradeBands = [];
    private List<GroupWeight> _groupWeights = [];
    private List<QualitativeTier> _qualitativeTiers = [];

    private DepartmentYearSettings()
    {
    }

    /// <summary>
    /// The department rules of the fiscal year with id <paramref name="fiscalYearId"/>, taken from <paramref name="settings"/>
    /// (only its weights, tiers and bands are kept); throws <see cref="DomainException"/> when they are inconsistent.
    /// </summary>
    public DepartmentYearSettings(int fiscalYearId, EvaluationSettings settings)
    {
        FiscalYearId = fiscalYearId;
        Replace(settings);
    }

    /// <summary>The fiscal year (<see cref="FiscalYear.Id"/>) these rules belong to; at most one record per year.</summary>
    public int FiscalYearId { get; private set; }

    /// <summary>Weight of 预算执行率 in the 部门整体自评.</summary>
    public decimal ExecutionWeight { get; private set; }

    /// <summary>Weight of each level-1 indicator group, in catalogue order.</summary>
    public IReadOnlyList<GroupWeight> GroupWeights => [.. _groupWeights.OrderBy(g => YearSettings.GroupOrder(g.Group)).ThenBy(g => g.Group, StringComparer.Ordinal)];

    /// <summary>Qualitative tiers, highest first.</summary>
    public IReadOnlyList<QualitativeTier> QualitativeTiers => [.. _qualitativeTiers.OrderByDescending(t => t.MaxFraction).ThenByDescending(t => t.MinFraction)];

    /// <summary>Grade bands, highest lower bound first.</summary>
    public IReadOnlyList<RatingBand> GradeBands => [.. _gradeBands.OrderByDescending(b => b.Min)];

    /// <summary>
    /// Chinese messages for what makes <paramref name="settings"/> unfit as a year's department rules: the same checks as
    /// for the project settings (<see cref="YearSettings.Check"/>). Pass the project settings with the department's parts
    /// put in (<c>project with { ExecutionWeight = …, … }</c>). Empty when they can be stored.
    /// </summary>
    public static IReadOnlyList<string> Check(EvaluationSettings settings) => YearSettings.Check(settings);

    /// <summary>Keeps the weights, tiers and bands of <paramref name="settings"/>; throws <see cref="DomainException"/> (all messages) when <see cref="Check"/> finds a problem.</summary>
    public void Replace(EvaluationSettings settings)
    {
        var errors = Check(settings);
        if (errors.Count > 0)
        {
            throw new DomainException(string.Join(Environment.NewLine, errors));
        }

        ExecutionWeight = settings.ExecutionWeight;
        _groupWeights = [.. settings.GroupWeights.Select(g => new GroupWeight(g.Key, g.Value))];
        _qualitativeTiers = [.. settings.QualitativeTiers.Select(t => t with { })];
        _gradeBands = [.. settings.GradeBands.Bands.Select(b => b with { })];
    }

    /// <summary>
    /// The settings a 部门整体 table of the year is scored with: <paramref name="project"/> (the year's project settings) with
    /// these weights, tiers and bands in place of its own.
    /// </summary>
    public EvaluationSettings ApplyTo(EvaluationSettings project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project with
        {
            ExecutionWeight = YearSettings.Plain(ExecutionWeight),
            GroupWeights = new ReadOnlyDictionary<string, decimal>(GroupWeights.ToDictionary(g => g.Group, g => YearSettings.Plain(g.Weight))),
            QualitativeTiers = [.. QualitativeTiers.Select(t => t with
            {
                MinFraction = YearSettings.Plain(t.MinFraction),
                MaxFraction = YearSettings.Plain(t.MaxFraction),
                DefaultFraction = YearSettings.Plain(t.DefaultFraction),
            })],
            GradeBands = RatingBandSet.Create(GradeBands.Select(b => b with { Min = YearSettings.Plain(b.Min) })),
        };
    }
}
