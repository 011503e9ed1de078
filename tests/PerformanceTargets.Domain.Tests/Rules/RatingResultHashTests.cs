using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>
/// <see cref="ProjectRating.ResultHash"/> decides whether rescoring rewrites a stored rating: it must be the same for equal
/// ratings in every process (it is stored and compared by a later run) and differ when any stored value differs.
/// </summary>
public class RatingResultHashTests
{
    private static readonly DateTimeOffset At = new(2022, 1, 31, 8, 0, 0, TimeSpan.Zero);

    private static Indicator Indicator(int order, string level1, string level2, string name, string value, string? actual, string? reason = null, decimal? explicitScore = null) =>
        new(level1, level2, name, string.Empty, value, string.Empty) { Order = order, Actual = actual, DeviationReason = reason, ActualScore = explicitScore };

    private static List<Indicator> Indicators() =>
    [
        Indicator(1, "产出指标", "数量指标", "培训人数", "≥100人", "80人", "场地不足"),
        Indicator(2, "效益指标", "社会效益指标", "培训效果", "显著提升", "达成"),
        Indicator(3, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%"),
    ];

    private static ProjectRating Rate(decimal budget = 100_000m, decimal? executed = 98_000m, int unitId = 7, List<Indicator>? indicators = null)
    {
        var inputs = new RatingInputs(42, unitId, 2021, Guid.NewGuid(), budget, executed, indicators ?? Indicators());
        return ProjectRating.From(inputs, inputs.Score(Scoring.Settings), ProjectRating.Describe(Scoring.Settings), At);
    }

    [Fact]
    public void Equal_ratings_hash_alike_whatever_their_version_time_and_settings_text()
    {
        var first = Rate();
        var inputs = new RatingInputs(42, 7, 2021, Guid.NewGuid(), 100_000m, 98_000m, Indicators());
        var second = ProjectRating.From(inputs, inputs.Score(Scoring.Settings), "other settings text", At.AddDays(1));
        Assert.NotEqual(0, first.ResultHash);
        Assert.Equal(first.ResultHash, second.ResultHash);
        Assert.Equal(first.ResultHash, first.ComputeResultHash());
    }

    [Fact]
    public void The_hash_is_the_same_in_every_process()
    {
        // Pinned: stored hashes are compared by later processes (and other machines), so the function must not depend on
        // a per-process seed; changing it on purpose rewrites every stored rating once.
        Assert.Equal(PinnedHash, Rate().ResultHash);
    }

    private const long PinnedHash = 859387539701385744;

    [Fact]
    public void Indicators_given_out_of_order_are_rated_in_order_and_hash_as_in_order()
    {
        List<Indicator> shuffled =
        [
            Indicator(3, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%"),
            Indicator(1, "产出指标", "数量指标", "培训人数", "≥100人", "80人", "场地不足"),
            Indicator(2, "效益指标", "社会效益指标", "培训效果", "显著提升", "达成"),
        ];
        var rating = Rate(indicators: shuffled);
        Assert.Equal([1, 2, 3], rating.Indicators.Select(i => i.Order));
        Assert.Equal(["培训人数", "培训效果", "满意度"], rating.Indicators.Select(i => i.Name));
        Assert.Equal(Rate().ResultHash, rating.ResultHash);
    }

    [Fact]
    public void An_indicator_rating_lists_the_codes_of_its_notes_comma_separated()
    {
        var rating = Rate(indicators:
        [
            Indicator(1, "产出指标", "数量指标", "培训人数", "≥100人", "-5人"),
            Indicator(2, "效益指标", "社会效益指标", "培训效果", "显著提升", "达成"),
            Indicator(3, "满意度指标", "服务对象满意度指标", "满意度", "≥50%", "95%"),
        ]);
        Assert.Equal(["negative-actual,needs-deviation-reason", string.Empty, "target-too-low"], rating.Indicators.Select(i => i.Notes));
    }

    [Fact]
    public void Equal_amounts_written_with_another_scale_hash_alike()
    {
        Assert.Equal(Rate(budget: 100_000m, executed: 98_000m).ResultHash, Rate(budget: 100_000.00m, executed: 98_000.0m).ResultHash);
    }

    [Fact]
    public void Any_stored_value_that_differs_changes_the_hash()
    {
        var hash = Rate().ResultHash;
        var others = new List<ProjectRating>
        {
            Rate(budget: 100_001m),
            Rate(executed: null),
            Rate(executed: 0m),
            Rate(unitId: 8),
            Rate(indicators: [.. Indicators().Take(2)]),
        };
        for (var k = 0; k < 3; k++)
        {
            foreach (var change in new Func<Indicator, Indicator>[]
            {
                i => Indicator(i.Order, i.Level1, i.Level2, i.Name, i.Value, null, i.DeviationReason),
                i => Indicator(i.Order, i.Level1, i.Level2, i.Name, i.Value, i.Actual + "0", i.DeviationReason),
                i => Indicator(i.Order, i.Level1, i.Level2, i.Name, i.Value, i.Actual, "另一原因"),
                i => Indicator(i.Order, i.Level1, i.Level2, i.Name + "（调整）", i.Value, i.Actual, i.DeviationReason),
                i => Indicator(i.Order, i.Level1, i.Level2 + "x", i.Name, i.Value, i.Actual, i.DeviationReason),
                i => Indicator(i.Order, i.Level1, i.Level2, i.Name, "≥1", i.Actual, i.DeviationReason),
            })
            {
                var indicators = Indicators();
                indicators[k] = change(indicators[k]);
                others.Add(Rate(indicators: indicators));
            }
        }

        // Moving text from one value to the next is a different rating too: values are delimited, not concatenated.
        var moved = Indicators();
        moved[0].Level2 = "数量指标培";
        moved[0].Name = "训人数";
        others.Add(Rate(indicators: moved));

        Assert.All(others, other => Assert.NotEqual(hash, other.ResultHash));
        Assert.Equal(others.Count, others.Select(o => o.ResultHash).Distinct().Count());
    }
}
