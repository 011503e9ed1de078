using System.Linq.Expressions;
using System.Globalization;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Evaluation;

/// <summary>
/// The stored result of a project's self-evaluation (绩效自评) with the inputs it came from: budget, 执行数, and per
/// indicator the 指标值, 实际完成值, explicit score, 分值 and 偏差原因, plus the settings used. It is derived data:
/// built only by <see cref="From"/> from the rules engine's <see cref="ProjectScore"/>, replaced whenever the actuals or
/// the year's settings change. Scores are stored as displayed (2 decimals, half away from zero); the grade was classified
/// on the unrounded total, so 89.995 is stored as 90.00 with grade 良.
/// </summary>
public class ProjectRating
{
    private readonly List<IndicatorRating> _indicators = [];

    private ProjectRating()
    {
        Settings = string.Empty;
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>The project's <see cref="BudgetProject.Version"/> when rated: a different version means the inputs changed since.</summary>
    public Guid ProjectVersion { get; private set; }

    /// <summary>预算数 used (元).</summary>
    public decimal Budget { get; private set; }

    /// <summary>全年执行数 (元); null when not filled.</summary>
    public decimal? Executed { get; private set; }

    /// <summary>预算执行率 as a fraction (0.98), 4 decimals; null when it cannot be computed (not filled, zero budget).</summary>
    public decimal? ExecutionRate { get; private set; }

    /// <summary>分值 of 预算执行率 (the year's execution weight, e.g. 10).</summary>
    public decimal ExecutionWeight { get; private set; }

    /// <summary>得分 of 预算执行率.</summary>
    public decimal ExecutionScore { get; private set; }

    /// <summary>总分 (displayed value of the unrounded total).</summary>
    public decimal Score { get; private set; }

    /// <summary>等级 on the unrounded total; null while anything could not be scored (see <see cref="Errors"/>).</summary>
    public string? Grade { get; private set; }

    /// <summary>What could not be scored, one per line; null when complete.</summary>
    public string? Errors { get; private set; }

    /// <summary>The settings the score came from, as text (weights, bands, tiers).</summary>
    public string Settings { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>
    /// A fingerprint of what the rating says (every stored value but the settings text, the version and the time, with its
    /// indicator ratings): rescoring compares it with the new rating's and leaves an unchanged rating in place, only
    /// re-stamping its settings and version. 0 for ratings stored before it existed, and another function's value for
    /// ratings stored before <see cref="ComputeResultHash"/> changed to FNV-1a: either way they differ, so they are rewritten once.
    /// </summary>
    public long ResultHash { get; private set; }

    /// <summary>未评 (the display of an unrated project, in tables and exports).</summary>
    public const string UnratedLabel = "未评";

    /// <summary>
    /// 未评: the project had no actuals when rated (<see cref="ProjectScorer.HasActuals"/>), so it has neither grade nor
    /// errors; its stored 0 分 is not a score. As an expression so queries count and filter by it.
    /// </summary>
    public static readonly Expression<Func<ProjectRating, bool>> Unrated = r => r.Grade == null && r.Errors == null;

    /// <summary>See <see cref="Unrated"/>: no grade and nothing that failed means nothing was entered.</summary>
    public static bool IsUnrated(string? grade, string? errors) => grade is null && errors is null;

    /// <summary>The 状态 of a rating in tables and exports: 已评, 未评 (no actuals) or 无法评级 (something could not be scored).</summary>
    public static string StatusOf(string? grade, string? errors) => grade is not null ? "已评" : errors is null ? UnratedLabel : "无法评级";

    public IReadOnlyList<IndicatorRating> Indicators => _indicators;

    public static ProjectRating From(BudgetProject project, ProjectScore score, EvaluationSettings settings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(settings);
        return From(RatingInputs.Of(project), score, Describe(settings), at);
    }

    /// <summary>
    /// As <see cref="From(BudgetProject, ProjectScore, EvaluationSettings, DateTimeOffset)"/> from only the columns a rating
    /// reads, with the settings already <see cref="Describe">described</see> (rescoring a year describes them once).
    /// </summary>
    public static ProjectRating From(RatingInputs project, ProjectScore score, string settings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(settings);
        var rating = new ProjectRating
        {
            ProjectId = project.ProjectId,
            UnitId = project.UnitId,
            Year = project.Year,
            ProjectVersion = project.Version,
            Budget = project.Budget,
            Executed = project.Executed,
            ExecutionRate = score.Execution.RatePercent is { } percent ? Math.Round(percent / 100m, 4, MidpointRounding.AwayFromZero) : null,
            ExecutionWeight = score.Execution.Weight,
            ExecutionScore = score.Execution.DisplayPoints,
            Score = score.DisplayTotal,
            Grade = score.Grade,
            Errors = score.Errors.Count == 0 ? null : string.Join("\n", score.Errors),
            Settings = settings,
            ComputedAt = at,
        };

        var byOrder = new Dictionary<int, IndicatorScore>(project.Indicators.Count);
        foreach (var group in score.Groups)
        {
            foreach (var scored in group.Indicators)
            {
                if (scored.IndicatorOrder is { } order)
                {
                    byOrder.Add(order, scored);
                }
            }
        }

        rating._indicators.Capacity = project.Indicators.Count;
        foreach (var indicator in InOrder(project.Indicators))
        {
            byOrder.TryGetValue(indicator.Order, out var scored);
            rating._indicators.Add(new IndicatorRating(indicator, scored));
        }

        rating.ResultHash = rating.ComputeResultHash();
        return rating;
    }

    /// <summary>
    /// The indicators by <c>Order</c> (a stable sort): as given when they already are (as rescoring reads them), else sorted.
    /// </summary>
    private static IEnumerable<Indicator> InOrder(IReadOnlyList<Indicator> indicators)
    {
        for (var k = 1; k < indicators.Count; k++)
        {
            if (indicators[k].Order < indicators[k - 1].Order)
            {
                return indicators.OrderBy(i => i.Order);
            }
        }

        return indicators;
    }

    /// <summary>
    /// See <see cref="ResultHash"/>: a 64-bit FNV-1a of the rating's values, never 0. Each value is hashed as a tag (null,
    /// number, text) and its bytes, so adjacent values cannot run into each other; decimals are hashed by value (1.50 and
    /// 1.5 alike). FNV-1a is defined by its constants alone, so the hash is the same in every process and on every machine
    /// (unlike <see cref="HashCode"/>, seeded per process), and it is computed without building a string or allocating:
    /// rescoring a year hashes every rating.
    /// </summary>
    public long ComputeResultHash()
    {
        var hash = new ResultHasher();
        hash.Add(ProjectId);
        hash.Add(UnitId);
        hash.Add(Year);
        hash.Add(Budget);
        hash.Add(Executed);
        hash.Add(ExecutionRate);
        hash.Add(ExecutionWeight);
        hash.Add(ExecutionScore);
        hash.Add(Score);
        hash.Add(Grade);
        hash.Add(Errors);
        foreach (var i in _indicators)
        {
            hash.Add(i.Order);
            hash.Add(i.Level1);
            hash.Add(i.Level2);
            hash.Add(i.Name);
            hash.Add(i.Value);
            hash.Add(i.Actual);
            hash.Add(i.ActualScore);
            hash.Add(i.DeviationReason);
            hash.Add(i.Weight);
            hash.Add(i.Points);
            hash.Add(i.Error);
            hash.Add(i.Notes);
        }

        return hash.Value;
    }

    /// <summary>64-bit FNV-1a over a sequence of tagged values (see <see cref="ComputeResultHash"/>), little-endian bytes.</summary>
    private struct ResultHasher
    {
        private const ulong OffsetBasis = 14695981039346656037;
        private const ulong Prime = 1099511628211;
        private const byte NullTag = 0;
        private const byte NumberTag = 1;
        private const byte TextTag = 2;

        private ulong _hash;

        public ResultHasher() => _hash = OffsetBasis;

        /// <summary>The hash as stored: 0 means "stored before the hash existed", so a 0 result becomes 1.</summary>
        public readonly long Value => _hash == 0 ? 1 : unchecked((long)_hash);

        public void Add(int value)
        {
            Byte(NumberTag);
            Word(unchecked((uint)value));
        }

        public void Add(decimal? value)
        {
            if (value is not { } d)
            {
                Byte(NullTag);
                return;
            }

            // Equal values hash alike whatever their scale: trailing zeros are dropped (the division by a 1 of the
            // largest scale normalizes), and a zero is always the one canonical zero (no sign, no scale).
            d = d == 0 ? 0m : d / 1.0000000000000000000000000000m;
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(d, bits);
            Byte(NumberTag);
            foreach (var word in bits)
            {
                Word(unchecked((uint)word));
            }
        }

        public void Add(string? value)
        {
            if (value is null)
            {
                Byte(NullTag);
                return;
            }

            Byte(TextTag);
            Word(unchecked((uint)value.Length));
            foreach (var c in value)
            {
                Byte(unchecked((byte)c));
                Byte(unchecked((byte)(c >> 8)));
            }
        }

        private void Word(uint value)
        {
            Byte(unchecked((byte)value));
            Byte(unchecked((byte)(value >> 8)));
            Byte(unchecked((byte)(value >> 16)));
            Byte(unchecked((byte)(value >> 24)));
        }

        private void Byte(byte value) => _hash = unchecked((_hash ^ value) * Prime);
    }

    /// <summary>The settings as one line of text, e.g. <c>预算执行率 10；产出指标 50；…；等级 优≥90，良≥80，中≥60，差≥0；…</c>.</summary>
    public static string Describe(EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        static string N(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
        var groups = string.Join("；", settings.GroupWeights.Select(g => $"{g.Key} {N(g.Value)}"));
        var tiers = string.Join("，", settings.QualitativeTiers.Select(t => $"{t.Name}[{N(t.MinFraction)},{N(t.MaxFraction)}{(t.MaxInclusive ? "]" : ")")}默认{N(t.DefaultFraction)}"));
        return $"{settings.Year}年：{EvaluationSettings.ExecutionGroup} {N(settings.ExecutionWeight)}；{groups}；等级 {settings.GradeBands}；定性 {tiers}";
    }
}

/// <summary>
/// What a <see cref="ProjectRating"/> and <see cref="ProjectScorer"/> read of a <see cref="BudgetProject"/>: its ids and
/// version, 预算数, 全年执行数 and indicators (with their actuals), without its other parts.
/// </summary>
public sealed record RatingInputs(int ProjectId, int UnitId, int Year, Guid Version, decimal Budget, decimal? Executed, IReadOnlyList<Indicator> Indicators)
{
    public static RatingInputs Of(BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new(project.Id, project.UnitId, project.Year, project.Version, project.Budget, project.Executed, project.Indicators);
    }

    /// <summary>Scores these inputs (<see cref="ProjectScorer.Score(decimal, decimal?, IReadOnlyList{Indicator}, EvaluationSettings)"/>).</summary>
    public ProjectScore Score(EvaluationSettings settings) => ProjectScorer.Score(Budget, Executed, Indicators, settings);
}

/// <summary>One indicator of a <see cref="ProjectRating"/>: the inputs as they were scored, the 分值 and the 得分.</summary>
public class IndicatorRating
{
    private IndicatorRating()
    {
        Level1 = string.Empty;
        Level2 = string.Empty;
        Name = string.Empty;
        Value = string.Empty;
        Notes = string.Empty;
    }

    internal IndicatorRating(Indicator indicator, IndicatorScore? score)
        : this()
    {
        Order = indicator.Order;
        Level1 = indicator.Level1;
        Level2 = indicator.Level2;
        Name = indicator.Name;
        Value = indicator.Value;
        Actual = indicator.Actual;
        ActualScore = indicator.ActualScore;
        DeviationReason = indicator.DeviationReason;
        Weight = score is null ? null : Scores.Display(score.Weight);
        Points = score is null ? null : score.DisplayPoints;
        Error = score?.Error;
        Notes = score is null ? string.Empty : JoinCodes(score.Notes);
    }

    /// <summary>The notes' codes, comma-separated; without joining when there are none or one (most indicators).</summary>
    private static string JoinCodes(IReadOnlyList<ScoreNote> notes) => notes.Count switch
    {
        0 => string.Empty,
        1 => notes[0].Code,
        _ => string.Join(",", notes.Select(n => n.Code)),
    };

    public int Id { get; private set; }

    public int ProjectRatingId { get; private set; }

    public int Order { get; private set; }

    public string Level1 { get; private set; }

    public string Level2 { get; private set; }

    public string Name { get; private set; }

    /// <summary>年度指标值 as entered.</summary>
    public string Value { get; private set; }

    /// <summary>实际完成值 as entered; null when not filled.</summary>
    public string? Actual { get; private set; }

    /// <summary>The explicit score given inside a qualitative tier, if any.</summary>
    public decimal? ActualScore { get; private set; }

    public string? DeviationReason { get; private set; }

    /// <summary>分值; null when the group's weights could not be allocated.</summary>
    public decimal? Weight { get; private set; }

    /// <summary>得分; null when not scored.</summary>
    public decimal? Points { get; private set; }

    /// <summary>Why this indicator could not be scored; null when scored.</summary>
    public string? Error { get; private set; }

    /// <summary>Codes of the scoring notes (<see cref="ScoreNote"/>), comma-separated.</summary>
    public string Notes { get; private set; }
}

/// <summary>The stored grade of a sub-goal (分项绩效目标) from its completion rate and its own bands.</summary>
public class SubGoalRating
{
    private SubGoalRating()
    {
        Indicator = string.Empty;
        Bands = string.Empty;
    }

    public int Id { get; private set; }

    public int SubGoalId { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    public int Order { get; private set; }

    /// <summary>The unit plan's version when rated: a different version means the completion rates or bands changed since.</summary>
    public Guid PlanVersion { get; private set; }

    /// <summary>The sub-goal's 绩效指标, e.g. 综合办公日常运转率.</summary>
    public string Indicator { get; private set; }

    /// <summary>完成率 (percent) as recorded; null when not filled.</summary>
    public decimal? CompletionRate { get; private set; }

    /// <summary>The bands used, e.g. <c>优≥90，良≥80，中≥60，差≥0</c>.</summary>
    public string Bands { get; private set; }

    public string? Grade { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>Rates <paramref name="subGoal"/> of <paramref name="plan"/> with its own bands (<see cref="RatingBandSet.TryRateCompletion"/>).</summary>
    public static SubGoalRating From(Plans.UnitPlan plan, Plans.SubGoal subGoal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(subGoal);
        var rating = new SubGoalRating
        {
            SubGoalId = subGoal.Id,
            UnitId = plan.UnitId,
            Year = plan.Year,
            PlanVersion = plan.Version,
            Order = subGoal.Order,
            Indicator = subGoal.Indicator,
            CompletionRate = subGoal.CompletionRate,
            ComputedAt = at,
        };
        if (!RatingBandSet.TryCreate(subGoal.Bands, out var bands, out var error))
        {
            rating.Bands = string.Join("，", subGoal.Bands.Select(b => $"{b.Grade}≥{b.Min.ToString(CultureInfo.InvariantCulture)}"));
            rating.Error = error;
            return rating;
        }

        rating.Bands = bands!.ToString();
        if (subGoal.CompletionRate is not null && bands.TryRateCompletion(subGoal.CompletionRate, out var grade, out error))
        {
            rating.Grade = grade;
        }
        else if (subGoal.CompletionRate is not null)
        {
            rating.Error = error;
        }

        return rating;
    }
}
