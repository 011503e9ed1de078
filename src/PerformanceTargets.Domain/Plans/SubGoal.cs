using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Plans;

/// <summary>
/// A sub-goal (分项绩效目标) of a unit plan: its area (领域, e.g. 综合办公), optional activity (e.g. 办公活动),
/// goal text, one indicator (e.g. 综合办公日常运转率) and the rating bands of its 绩效标准 sentence.
/// </summary>
public class SubGoal
{
    public const int ShortTextMaxLength = 200;

    private List<RatingBand> _bands = [];

    private SubGoal()
    {
        Area = string.Empty;
        Goal = string.Empty;
        Indicator = string.Empty;
        Standard = string.Empty;
    }

    public SubGoal(string area, string? activity, string goal, string indicator, string standard, IEnumerable<RatingBand> bands)
        : this()
    {
        Area = area;
        Activity = string.IsNullOrWhiteSpace(activity) ? null : activity;
        Goal = goal;
        Indicator = indicator;
        Standard = standard;
        _bands = [.. bands];
    }

    public int Id { get; private set; }

    public int Order { get; set; }

    /// <summary>领域, e.g. 综合办公.</summary>
    public string Area { get; set; }

    /// <summary>The area's heading as the document wrote it (e.g. <c>一、综合办公绩效目标：</c>), kept so an export reproduces it; null when typed in the app.</summary>
    public string? AreaHeading { get; set; }

    /// <summary>活动, e.g. 办公活动; null where the area has a single goal.</summary>
    public string? Activity { get; set; }

    /// <summary>The activity's heading as the document wrote it (e.g. <c>一是办公活动：</c>); null when typed in the app.</summary>
    public string? ActivityHeading { get; set; }

    /// <summary>绩效目标 text.</summary>
    public string Goal { get; set; }

    /// <summary>绩效指标, e.g. 综合办公日常运转率.</summary>
    public string Indicator { get; set; }

    /// <summary>The 绩效标准 sentence as written; the bands are parsed from it.</summary>
    public string Standard { get; set; }

    /// <summary>Rating bands, highest first, lower bounds inclusive.</summary>
    public IReadOnlyList<RatingBand> Bands
    {
        get
        {
            // Loaded rows arrive in whatever order the database returns them (no provider promises one, and PostgreSQL's
            // changed with its statistics), so the order is restored here: checked bands have strictly falling bounds.
            for (var k = 1; k < _bands.Count; k++)
            {
                if (_bands[k].Min > _bands[k - 1].Min)
                {
                    _bands.Sort((a, b) => b.Min.CompareTo(a.Min));
                    break;
                }
            }

            return _bands;
        }

        set => _bands = [.. value];
    }

    /// <summary>Year end: the completion rate (完成率, percent) the unit reports. Null until recorded (<see cref="UnitPlan.RecordCompletion"/>).</summary>
    public decimal? CompletionRate { get; private set; }

    internal void SetCompletion(decimal? rate) => CompletionRate = rate;
}
