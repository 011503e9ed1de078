using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Documents.Mapping;

/// <summary>
/// Interchange model ↔ domain entities, both ways. Import: match projects by year + <see cref="InterchangeProject.Code"/>
/// and call <see cref="ApplyTo(BudgetProject, InterchangeProject)"/> on the existing one, or <see cref="ToProject"/> for a new one.
/// Status is not applied here: call <see cref="BudgetProject.RestoreImportedStatus"/> with <see cref="ParseStatus"/> if wanted.
/// </summary>
public static class DomainMapping
{
    // ------------------------------------------------------------ interchange → domain

    public static Unit ToUnit(InterchangeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new Unit(unit.Code, unit.Name);
    }

    public static UnitPlan ToPlan(InterchangeUnit unit, int unitId, int year)
    {
        var plan = new UnitPlan(unitId, year);
        ApplyTo(plan, unit);
        return plan;
    }

    /// <summary>Overwrites the plan's texts and sub-goals with the document's.</summary>
    public static void ApplyTo(UnitPlan plan, InterchangeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(unit);
        plan.OverallGoal = unit.OverallGoal;
        plan.AnnualTargets = unit.AnnualTargets;
        plan.GuaranteeMeasures = unit.GuaranteeMeasures;
        plan.ReplaceSubGoals(unit.SubGoals.Select(ToSubGoal));
    }

    public static SubGoal ToSubGoal(InterchangeSubGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var bands = goal.Bands.Count > 0 ? goal.Bands.Select(b => new RatingBand(b.Grade, b.Min)) : RatingBandSet.National.Bands;
        return new SubGoal(goal.Area, goal.Activity, goal.Goal, goal.Indicator, goal.Standard, bands)
        {
            AreaHeading = goal.AreaHeading,
            ActivityHeading = goal.ActivityHeading,
        };
    }

    /// <summary>A new draft project holding the document's table. Throws <see cref="Domain.DomainException"/> if the funds do not add up.</summary>
    public static BudgetProject ToProject(InterchangeProject project, int unitId, int year)
    {
        ArgumentNullException.ThrowIfNull(project);
        var entity = new BudgetProject(unitId, year, project.Code, project.Name);
        ApplyTo(entity, project);
        return entity;
    }

    /// <summary>Updates an existing (editable) project in place: basics, spending plan, goals, indicators.</summary>
    public static void ApplyTo(BudgetProject entity, InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(project);
        entity.SetBasics(project.Code, project.Name, project.Budget, project.FiscalFunds, project.OtherFunds, project.Purpose, project.AmountUnit, project.FundsSplitUnknown);
        entity.SetImportDetails(project.CodeProvisional, project.MediumTermGoal, WriteExtra(project.Extra));
        entity.SetSpendingPlan(project.SpendingPlan.Select(c => new SpendingCheckpoint(c.Month, c.CumulativePercent)));
        entity.SetGoals(project.Goals);
        entity.SetIndicators(project.Indicators.Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis) { ExtraFields = WriteExtra(i.Extra) }));
    }

    /// <summary>Extra fields as stored (a JSON array of <c>{"label","value"}</c>), null when there are none.</summary>
    public static string? WriteExtra(IReadOnlyList<InterchangeExtraField>? extra) =>
        extra is not { Count: > 0 } ? null : System.Text.Json.JsonSerializer.Serialize(extra, CompactJson);

    private static readonly System.Text.Json.JsonSerializerOptions CompactJson = new(InterchangeJson.Options) { WriteIndented = false };

    /// <summary>Stored extra fields back; null for none (or text that is not the stored form).</summary>
    public static List<InterchangeExtraField>? ReadExtra(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<InterchangeExtraField>>(stored, InterchangeJson.Options) is { Count: > 0 } list ? list : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return [new InterchangeExtraField { Label = string.Empty, Value = stored }];
        }
    }

    /// <summary>Reads <see cref="InterchangeProject.Status"/> (Draft, Submitted, Approved, Returned; case-insensitive).</summary>
    public static bool TryParseStatus(string? status, out ProjectStatus value) =>
        Enum.TryParse(status, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(status, out _);

    public static ProjectStatus ParseStatus(string? status) =>
        TryParseStatus(status, out var value) ? value : throw new ArgumentException($"Unknown status '{status}'.", nameof(status));

    // ------------------------------------------------------------ domain → interchange

    public static InterchangeDocument ToDocument(int year, IEnumerable<InterchangeUnit> units)
    {
        var document = new InterchangeDocument { Year = year, Units = [.. units] };
        Enrichment.Complete(document);
        return document;
    }

    /// <summary>A unit with its plan (null when it has none yet) and its projects of that year, in the given order.</summary>
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
            SubGoals = plan is null ? [] : [.. plan.SubGoals.OrderBy(g => g.Order).Select(ToInterchange)],
            Projects = [.. projects.Select(ToInterchange)],
        };
    }

    public static InterchangeSubGoal ToInterchange(SubGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return new InterchangeSubGoal
        {
            Area = goal.Area,
            AreaHeading = goal.AreaHeading,
            Activity = goal.Activity,
            ActivityHeading = goal.ActivityHeading,
            Goal = goal.Goal,
            Indicator = goal.Indicator,
            Standard = goal.Standard,
            Bands = [.. goal.Bands.Select(b => new InterchangeBand { Grade = b.Grade, Min = Trimmed(b.Min) })],
        };
    }

    /// <summary>A project's table; targets and warnings are filled from the rules engine.</summary>
    public static InterchangeProject ToInterchange(BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var result = new InterchangeProject
        {
            Code = project.Code,
            Name = project.Name,
            Budget = Canonical(project.Budget),
            FiscalFunds = Canonical(project.FiscalFunds),
            OtherFunds = Canonical(project.OtherFunds),
            AmountUnit = project.AmountUnit,
            Purpose = project.Purpose,
            Status = project.Status.ToString(),
            CodeProvisional = project.CodeProvisional,
            FundsSplitUnknown = project.FundsSplitUnknown,
            MediumTermGoal = project.MediumTermGoal,
            Extra = ReadExtra(project.ExtraFields),
            SpendingPlan = [.. project.SpendingPlan.Select(c => new InterchangeCheckpoint { Month = c.Month, CumulativePercent = Canonical(c.CumulativePercent) })],
            Goals = [.. project.Goals.OrderBy(g => g.Order).Select(g => g.Text)],
            Indicators = [.. project.Indicators.OrderBy(i => i.Order).Select(i => new InterchangeIndicator
            {
                Level1 = i.Level1,
                Level2 = i.Level2,
                Name = i.Name,
                Description = i.Description,
                Value = i.Value,
                Basis = i.Basis,
                Extra = ReadExtra(i.ExtraFields),
                Target = Enrichment.Target(i.Value),
            })],
        };
        Enrichment.Review(result);
        return result;
    }

    /// <summary>
    /// A stored amount or percent in one canonical form whatever the database gave back (SQLite returns 2000000.0,
    /// PostgreSQL 25.0000): trailing zeros dropped, then at least two decimals — 2000000.00, 25.00, 33.3333.
    /// </summary>
    public static decimal Canonical(decimal value) => Trimmed(value) + 0.00m;

    /// <summary>A stored number without the trailing zeros a database column adds (PostgreSQL's 90.0000 is 90).</summary>
    public static decimal Trimmed(decimal value) => value / 1.000000000000000000000000000000000m;
}
