using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Documents;

/// <summary>
/// The workbench's bridge to PerformanceTargets.Documents: domain entities → the JSON interchange (the approval snapshot)
/// and → the official .docx layout (the goal table download), and the interchange → entities for loading a parsed document.
/// The layout and the writer are the Documents project's; only the entity mapping lives here until that project ships its own.
/// </summary>
public static class GoalDocuments
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static InterchangeProject ToInterchange(BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var warnings = QualityReview.Review(project);
        return new InterchangeProject
        {
            Code = project.Code,
            Name = project.Name,
            Budget = project.Budget,
            FiscalFunds = project.FiscalFunds,
            OtherFunds = project.OtherFunds,
            AmountUnit = project.AmountUnit,
            Purpose = project.Purpose,
            Status = project.Status.ToString(),
            SpendingPlan = [.. project.SpendingPlan.Select(c => new InterchangeCheckpoint { Month = c.Month, CumulativePercent = c.CumulativePercent })],
            Goals = [.. project.Goals.OrderBy(g => g.Order).Select(g => g.Text)],
            Indicators = [.. project.Indicators.OrderBy(i => i.Order).Select(i => new InterchangeIndicator
            {
                Level1 = i.Level1,
                Level2 = i.Level2,
                Name = i.Name,
                Description = i.Description,
                Value = i.Value,
                Basis = i.Basis,
                Target = Target(TargetValueParser.Parse(i.Value)),
                Warnings = [.. warnings.Where(w => w.IndicatorOrder == i.Order).Select(w => w.Code).Distinct()],
            })],
            Warnings = [.. warnings.Where(w => w.IndicatorOrder is null).Select(w => w.Code).Distinct()],
        };
    }

    public static InterchangeUnit ToInterchange(Unit unit, UnitPlan? plan, IEnumerable<BudgetProject> projects)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(projects);
        return new InterchangeUnit
        {
            Code = unit.Code,
            Name = unit.Name,
            OverallGoal = plan?.OverallGoal ?? string.Empty,
            AnnualTargets = plan?.AnnualTargets ?? string.Empty,
            GuaranteeMeasures = plan?.GuaranteeMeasures ?? string.Empty,
            SubGoals = [.. (plan?.SubGoals ?? []).OrderBy(g => g.Order).Select(g => new InterchangeSubGoal
            {
                Area = g.Area,
                Activity = g.Activity,
                Goal = g.Goal,
                Indicator = g.Indicator,
                Standard = g.Standard,
                Bands = [.. g.Bands.Select(b => new InterchangeBand { Grade = b.Grade, Min = b.Min })],
            })],
            Projects = [.. projects.Select(ToInterchange)],
        };
    }

    /// <summary>The approved version kept on the project (<see cref="BudgetProject.ApprovedSnapshot"/>): the interchange JSON of its unit with this one project.</summary>
    public static string Snapshot(Unit unit, BudgetProject project) =>
        JsonSerializer.Serialize(new InterchangeDocument { Year = project.Year, Units = [ToInterchange(unit, null, [project])] }, Json);

    /// <summary>One project's goal table (project table and indicator table) as an official-layout .docx.</summary>
    public static byte[] ProjectDocx(Unit unit, BudgetProject project)
    {
        var interchangeUnit = ToInterchange(unit, null, [project]);
        var interchangeProject = interchangeUnit.Projects[0];
        IReadOnlyList<Block> blocks =
        [
            new ParagraphBlock($"{project.Name}绩效目标表", ParagraphStyle.TableTitle),
            DocumentLayout.ProjectTable(interchangeUnit, interchangeProject),
            new ParagraphBlock(" "),
            DocumentLayout.IndicatorTable(interchangeProject),
            new ParagraphBlock(string.Empty),
        ];
        return DocxWriter.Write(blocks, project.Year);
    }

    /// <summary>A project of <paramref name="unitId"/> from a parsed document (e.g. the seed), as a draft.</summary>
    public static BudgetProject ToProject(int unitId, int year, InterchangeProject source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var project = new BudgetProject(unitId, year, source.Code, source.Name);
        project.SetBasics(source.Code, source.Name, source.Budget, source.FiscalFunds, source.OtherFunds, source.Purpose, source.AmountUnit);
        project.SetSpendingPlan(source.SpendingPlan.Select(c => new SpendingCheckpoint(c.Month, c.CumulativePercent)));
        project.SetGoals(source.Goals);
        project.SetIndicators(source.Indicators.Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis)));
        return project;
    }

    /// <summary>A unit plan from a parsed document's 第一部分.</summary>
    public static UnitPlan ToPlan(int unitId, int year, InterchangeUnit source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var plan = new UnitPlan(unitId, year)
        {
            OverallGoal = source.OverallGoal,
            AnnualTargets = source.AnnualTargets,
            GuaranteeMeasures = source.GuaranteeMeasures,
        };
        plan.ReplaceSubGoals(source.SubGoals.Select(g => new SubGoal(
            g.Area, g.Activity, g.Goal, g.Indicator, g.Standard, g.Bands.Select(b => new RatingBand(b.Grade, b.Min)))));
        return plan;
    }

    private static InterchangeTarget Target(TargetValue value) => value switch
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
        _ => new InterchangeTarget(),
    };
}
