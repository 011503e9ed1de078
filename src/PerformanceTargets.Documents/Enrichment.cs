using System.Text.RegularExpressions;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents;

/// <summary>
/// The derived parts of the interchange model, from the rules engine (PerformanceTargets.Domain.Rules):
/// sub-goal bands from the 绩效标准 sentence, the parsed <c>target</c> of an indicator value, quality warnings,
/// and the spending-plan checks. The only place this project calls the rules engine.
/// </summary>
public static partial class Enrichment
{
    /// <summary>
    /// The bands a 绩效标准 sentence gives; the national default when it gives none (no 为优/为良/为中/为差 at all);
    /// an error (Chinese) when it gives bands that do not make a valid set.
    /// </summary>
    public static List<InterchangeBand> Bands(string standard, out string? error)
    {
        error = null;
        var set = RatingBandSet.National;
        if (GradeMarker().IsMatch(standard ?? string.Empty) && !RatingBandSet.TryParseStandard(standard, out set, out error))
        {
            return [];
        }

        return ToBands(set!);
    }

    /// <summary>Checks bands given explicitly (JSON); returns them in order, or an error.</summary>
    public static bool TryCheckBands(IEnumerable<InterchangeBand> bands, out string? error) =>
        RatingBandSet.TryCreate(bands.Select(b => new RatingBand(b.Grade, b.Min)), out _, out error);

    public static InterchangeTarget Target(string value) => TargetValueParser.Parse(value) switch
    {
        QuantitativeTarget q => new InterchangeTarget
        {
            Kind = "quantitative",
            Comparator = q.Comparator,
            WrittenComparator = q.WrittenComparator,
            Number = q.Number,
            Max = q.Max,
            Unit = q.Unit,
        },
        QualitativeTarget t => new InterchangeTarget { Kind = "qualitative", Text = t.Text },
        _ => new InterchangeTarget { Kind = "qualitative", Text = value.Trim() },
    };

    /// <summary>Fills every derived field of a valid document: indicator targets and the quality warnings.</summary>
    public static void Complete(InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var projects = document.Units.SelectMany(u => u.Projects).ToList();
        if (projects.Count < ParallelFrom)
        {
            projects.ForEach(Complete);
        }
        else
        {
            // Each project is completed on its own (the rules engine keeps no state): a province's file uses every core.
            Parallel.ForEach(projects, Complete);
        }
    }

    /// <summary>From this many projects a document is completed on all cores.</summary>
    private const int ParallelFrom = 256;

    /// <summary>One project's derived fields (indicator targets, quality warnings).</summary>
    public static void Complete(InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        foreach (var indicator in project.Indicators)
        {
            indicator.Target = Target(indicator.Value);
        }

        Review(project);
    }

    /// <summary>Quality warnings (codes) of a valid project, on the project and on its indicators.</summary>
    public static void Review(InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        BudgetProject domain;
        try
        {
            domain = DomainMapping.ToProject(project, unitId: 0, year: 0);
        }
        catch (DomainException)
        {
            // The aggregate refuses it (an amount beyond decimal(18,2), a control character): the import reports that,
            // located, when it maps the project; there is nothing to review.
            return;
        }

        // Each warning goes to the project or to its indicator (by order), each code once: one pass, not one per indicator.
        var warnings = QualityReview.Review(domain);
        project.Warnings = [];
        foreach (var indicator in project.Indicators)
        {
            indicator.Warnings = [];
        }

        foreach (var warning in warnings)
        {
            var codes = warning.IndicatorOrder switch
            {
                null => project.Warnings,
                { } order when order >= 1 && order <= project.Indicators.Count => project.Indicators[order - 1].Warnings,
                _ => null,
            };
            if (codes is not null && !codes.Contains(warning.Code))
            {
                codes.Add(warning.Code);
            }
        }
    }

    /// <summary>The spending-plan checks (cumulative, 0–100, ending at 100%), as Chinese messages.</summary>
    public static IReadOnlyList<string> ValidatePlan(IReadOnlyList<InterchangeCheckpoint> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SpendingPlanRules.Validate([.. plan.Select(c => new Domain.Projects.SpendingCheckpoint(c.Month, c.CumulativePercent))]);
    }

    [GeneratedRegex("为[优良中差]|[优良中差][：:]")]
    private static partial Regex GradeMarker();

    private static List<InterchangeBand> ToBands(RatingBandSet set) =>
        [.. set.Bands.Select(b => new InterchangeBand { Grade = b.Grade, Min = b.Min })];
}
