using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Ratings;

/// <summary>A page of ratings: projects (without their indicators) and sub-goals.</summary>
public sealed record RatingsPage(IReadOnlyList<ProjectRatingRow> Projects, IReadOnlyList<SubGoalRatingRow> SubGoals);

/// <summary>How a year's (or a unit's) projects are rated: 未评, and per grade (null: 无法评级) how many.</summary>
public sealed record GradeCounts(int Unrated, IReadOnlyList<(string? Grade, int Count)> Grades);

/// <summary>
/// The one way the doors read ratings (the ratings page, the 年终自评 list, the dashboard, the API's export and the
/// <c>export ratings</c> verb):
/// every read first brings the ratings it returns up to date (<see cref="RatingCalculator.RefreshUnitsAsync"/>: a rating whose
/// project version or year settings changed since it was stored is recomputed), then reads them, so a stale rating is never
/// returned. It refreshes only the units it reads: one unit's page checks that unit's projects, not the year's.
/// </summary>
public sealed class RatingsQuery(AppDbContext db, RatingCalculator calculator, RatingsExporter exporter, Infrastructure.Settings.IYearSettingsProvider yearSettings,
    RatingsPageReader pageReader, RatingSettingsCache settingsCache)
{
    /// <summary>One unit's ratings of <paramref name="year"/>: at most <paramref name="take"/> projects and as many sub-goals, in code order.</summary>
    public Task<RatingsPage> OfUnitAsync(int year, int unitId, int take, CancellationToken cancellationToken = default) =>
        PageAsync(year, [unitId], 0, take, take, cancellationToken);

    /// <summary>
    /// The ratings of the units <paramref name="unitIds"/> (a page of the all-units overview): their projects in unit-code,
    /// project-code order from the <paramref name="skip"/>th, at most <paramref name="take"/>, and at most
    /// <paramref name="takeSubGoals"/> sub-goals.
    /// </summary>
    public Task<RatingsPage> OfUnitsAsync(int year, IReadOnlyCollection<int> unitIds, int skip, int take, int takeSubGoals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        return PageAsync(year, unitIds, skip, take, takeSubGoals, cancellationToken);
    }

    /// <summary>
    /// A page's ratings in one command (<see cref="RatingsPageReader"/>: the stale check and the rows together); when some
    /// were stale, they are rated (as <see cref="RatingCalculator.RefreshUnitsAsync"/> would have before reading) and the
    /// rows read again, so a stale rating is never returned. The settings it compares with are remembered
    /// (<see cref="RatingSettingsCache"/>); rating reads them afresh.
    /// </summary>
    private async Task<RatingsPage> PageAsync(int year, IReadOnlyCollection<int> unitIds, int skip, int take, int takeSubGoals, CancellationToken cancellationToken) =>
        (await PageAsync(year, unitIds, skip, take, takeSubGoals, null, null, cancellationToken)).Page!;

    /// <summary>
    /// As <see cref="OfUnitAsync(int, int, int, CancellationToken)"/>, with the page's unit picker (<paramref name="header"/>)
    /// read in the same command: the page's unit is known before the picker has found it, so one round trip serves both.
    /// Nothing is rated, and the page is null, unless <paramref name="accept"/> accepts what the picker read (the page checks
    /// the unit exists and the user may read it, as it did before reading the ratings).
    /// </summary>
    public Task<(RatingsPage? Page, UnitHeader.Result? Header)> OfUnitAsync(int year, int unitId, int take, UnitHeader header,
        Func<UnitHeader.Result, bool> accept, CancellationToken cancellationToken = default) =>
        PageAsync(year, [unitId], 0, take, take, header, accept, cancellationToken);

    /// <summary>As <see cref="OfUnitsAsync(int, IReadOnlyCollection{int}, int, int, int, CancellationToken)"/>, with the page's unit picker (<paramref name="header"/>) read in the same command.</summary>
    public async Task<(RatingsPage Page, UnitHeader.Result Header)> OfUnitsAsync(int year, IReadOnlyCollection<int> unitIds, int skip, int take, int takeSubGoals,
        UnitHeader header, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        ArgumentNullException.ThrowIfNull(header);
        var (page, picker) = await PageAsync(year, unitIds, skip, take, takeSubGoals, header, null, cancellationToken);
        return (page!, picker!);
    }

    private async Task<(RatingsPage? Page, UnitHeader.Result? Header)> PageAsync(int year, IReadOnlyCollection<int> unitIds, int skip, int take, int takeSubGoals,
        UnitHeader? header, Func<UnitHeader.Result, bool>? accept, CancellationToken cancellationToken)
    {
        var settings = await settingsCache.DescribeAsync(year, yearSettings, cancellationToken);
        var read = await pageReader.ReadAsync(year, unitIds, settings, skip, take, takeSubGoals, cancellationToken, header);
        var picker = read.Header;
        if (accept is not null && !accept(picker!))
        {
            return (null, picker);
        }

        if (read.IsStale)
        {
            if (read.StaleProjects.Count > 0)
            {
                await calculator.RateProjectsAsync(year, read.StaleProjects, cancellationToken);
            }

            if (read.StalePlans.Count > 0)
            {
                await calculator.RateSubGoalsAsync(year, read.StalePlans, cancellationToken);
            }

            read = await pageReader.ReadAsync(year, unitIds, settings, skip, take, takeSubGoals, cancellationToken);
        }

        return (new RatingsPage(read.Projects, read.SubGoals), picker);
    }

    /// <summary>
    /// One unit's stored ratings of <paramref name="year"/> (the 年终自评 list): its projects' by project id and its sub-goals'
    /// by sub-goal id.
    /// </summary>
    public async Task<(IReadOnlyDictionary<int, ProjectRating> Projects, IReadOnlyDictionary<int, SubGoalRating> SubGoals)> StoredOfUnitAsync(
        int year, int unitId, CancellationToken cancellationToken = default)
    {
        await calculator.RefreshAsync(year, unitId, cancellationToken);
        var projects = await db.ProjectRatings.AsNoTracking().Where(r => r.Year == year && r.UnitId == unitId).ToDictionaryAsync(r => r.ProjectId, cancellationToken);
        var subGoals = await db.SubGoalRatings.AsNoTracking().Where(r => r.UnitId == unitId && r.Year == year).ToDictionaryAsync(r => r.SubGoalId, cancellationToken);
        return (projects, subGoals);
    }

    /// <summary>Writes the ratings of <paramref name="year"/> (of one unit when <paramref name="unitId"/> is given) as <paramref name="format"/>, streamed.</summary>
    public async Task WriteAsync(Stream output, int year, int? unitId, RatingsFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await calculator.RefreshAsync(year, unitId, cancellationToken);
        exporter.Write(output, year, unitId, format, await DepartmentsAsync(year, unitId, cancellationToken));
    }

    /// <summary>The 部门整体自评 of <paramref name="year"/>'s approved 部门整体 tables (one unit's when given), in unit-code order, scored now with the year's department settings.</summary>
    public async Task<IReadOnlyList<DepartmentRatingRow>> DepartmentsAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        var settings = await yearSettings.GetDepartmentAsync(year, cancellationToken);
        var tables = db.DepartmentTables.AsNoTracking().Where(t => t.Year == year && t.Status == Domain.Projects.ProjectStatus.Approved);
        if (unitId is { } id)
        {
            tables = tables.Where(t => t.UnitId == id);
        }

        var rows = await tables.Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, u.Code, u.Name }).OrderBy(r => r.Code).ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var score = r.t.Score(settings);
            var byOrder = score.Indicators.Where(i => i.IndicatorOrder is not null).ToDictionary(i => i.IndicatorOrder!.Value);
            return new DepartmentRatingRow(r.Code, r.Name, r.t.TotalBudget, r.t.Executed, score,
                [.. r.t.Indicators.Select(i => new IndicatorRatingRow(0, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.Weight, byOrder.TryGetValue(i.Order, out var s) && !score.IsUnrated ? s.Points : null, i.DeviationReason))]);
        })];
    }

    /// <summary>The grade distribution of <paramref name="year"/> (of one unit when <paramref name="unitId"/> is given): 未评 apart, then per grade.</summary>
    public async Task<GradeCounts> GradesAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        await calculator.RefreshAsync(year, unitId, cancellationToken);
        var ofYear = db.ProjectRatings.AsNoTracking().Where(r => r.Year == year && (unitId == null || r.UnitId == unitId));
        var unrated = await ofYear.CountAsync(ProjectRating.Unrated, cancellationToken);
        var grades = await ofYear.Where(r => r.Grade != null || r.Errors != null)
            .GroupBy(r => r.Grade).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new GradeCounts(unrated, [.. grades.Select(g => (g.Key, g.Count))]);
    }
}
