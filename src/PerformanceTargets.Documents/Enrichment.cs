using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents;

/// <summary>
/// The derived parts of the interchange model, from the rules engine (PerformanceTargets.Domain.Rules):
/// sub-goal bands from the 绩效标准 sentence, the parsed <c>target</c> of an indicator value, quality warnings,
/// and the spending-plan checks. The only place this project calls the rules engine.
/// </summary>
public static class Enrichment
{
    // TODO(merge rules): replace the stubs below with the rules engine once branch `rules` lands.
    public static List<InterchangeBand> Bands(string standard, out string? error)
    {
        error = null;
        _ = standard;
        return [new() { Grade = "优", Min = 90 }, new() { Grade = "良", Min = 80 }, new() { Grade = "中", Min = 60 }, new() { Grade = "差", Min = 0 }];
    }

    public static InterchangeTarget Target(string value) => new() { Kind = "qualitative", Text = value };

    public static void Review(InterchangeProject project) => _ = project;

    public static IReadOnlyList<string> ValidatePlan(IReadOnlyList<InterchangeCheckpoint> plan) => plan.Count == 0 ? ["资金支出计划不能为空"] : [];
}
