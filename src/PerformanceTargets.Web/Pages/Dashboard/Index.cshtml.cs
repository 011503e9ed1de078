using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Dashboard;

/// <summary>
/// 数据看板 of a year: budget by unit, planned vs actual cumulative spend over the year, grade distribution, and the
/// targets with the most quality warnings (<see cref="QualityReview"/>). Charts (Chart.js, wwwroot/js/dashboard.js) read
/// their data from <c>data-chart</c> attributes; every chart has a table beside it. Projects are read in batches.
/// </summary>
public class IndexModel(AppDbContext db, UnitScope scope, RatingsQuery ratings, MonitoringRounds rounds, MonitoringOverview monitoring) : PageModel
{
    public const int BatchSize = 1000;

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int CurrentYear { get; private set; }

    public Unit? CurrentUnit { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<(string Unit, decimal Budget, int Projects)> BudgetByUnit { get; private set; } = [];

    /// <summary>Month 1–12: planned and actual cumulative spend in 元 (actual null for months after the last recorded one).</summary>
    public IReadOnlyList<(int Month, decimal Planned, decimal? Actual)> Execution { get; private set; } = [];

    public IReadOnlyList<(string Grade, int Count)> Grades { get; private set; } = [];

    public IReadOnlyList<(int Id, string Code, string Name, int Warnings, string Codes)> Weakest { get; private set; } = [];

    /// <summary>The latest open 绩效运行监控 round; null when none is open.</summary>
    public Domain.Monitoring.MonitoringRound? Round { get; private set; }

    /// <summary>The round's project lights by unit (the units the page shows).</summary>
    public IReadOnlyList<UnitLightCounts> RoundLights { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        CurrentYear = await scope.ResolveYearAsync(Year);
        if (!ProjectAccess.SeesAllUnits(User) || Unit is not (null or 0))
        {
            var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Read);
            if (denied is not null)
            {
                return denied;
            }

            var unit = resolved!;

            CurrentUnit = unit;
        }

        Units = await scope.VisibleUnitsAsync(User);
        int? unitId = CurrentUnit?.Id;
        var projects = db.Projects.AsNoTracking().Where(p => p.Year == CurrentYear && (unitId == null || p.UnitId == unitId));

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code + " " + u.Name);
        BudgetByUnit = [.. (await projects.Select(p => new { p.UnitId, p.Budget }).ToListAsync())
            .GroupBy(p => p.UnitId)
            .Select(g => (units.GetValueOrDefault(g.Key, "?"), Domain.Amounts.Sum(g, p => p.Budget), g.Count()))
            .OrderByDescending(g => g.Item2).Take(20)];

        var planned = new decimal[13];
        var actual = new decimal[13];
        var lastRecorded = 0;
        var weakest = new List<(int Id, string Code, string Name, int Warnings, string Codes)>();
        var ids = await projects.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var batch = await db.Projects.AsNoTracking().AsSplitQuery().Include(p => p.Indicators).Where(p => chunk.Contains(p.Id)).ToListAsync();
            foreach (var p in batch)
            {
                for (var m = 1; m <= 12; m++)
                {
                    planned[m] = Domain.Amounts.Add(planned[m], MonitoringLight.PlannedSpend(p.Budget, p.SpendingPlan, m));
                    actual[m] = Domain.Amounts.Add(actual[m], MonitoringLight.SpentBy(p.SpentByMonth, p.Executed, m) ?? 0m);
                }

                lastRecorded = Math.Max(lastRecorded, MonitoringLight.LastRecordedMonth(p.SpentByMonth, p.Executed));
                var warnings = QualityReview.Review(p);
                if (warnings.Count > 0)
                {
                    weakest.Add((p.Id, p.Code, p.Name, warnings.Count, string.Join("、", warnings.Select(w => QualityReview.LabelOf(w.Code)).Distinct())));
                }
            }

            weakest = [.. weakest.OrderByDescending(w => w.Warnings).ThenBy(w => w.Code, StringComparer.Ordinal).Take(10)];
        }

        Execution = [.. Enumerable.Range(1, 12).Select(m => (m, planned[m], m <= lastRecorded ? actual[m] : (decimal?)null))];
        Weakest = weakest;
        var counts = await ratings.GradesAsync(CurrentYear, unitId);
        Unrated = counts.Unrated;
        Grades = [.. counts.Grades
            .Select(g => (g.Grade ?? Unratable, g.Count))
            .OrderBy(g => Array.IndexOf(GradeOrder, g.Item1) is var k && k < 0 ? 99 : k)];

        Round = await rounds.LatestOpenAsync();
        if (Round is not null)
        {
            RoundLights = await monitoring.UnitsAsync(Round, unitId is { } one ? [one] : [.. Units.Select(u => u.Id)]);
        }

        return Page();
    }

    /// <summary>Ratings where something could not be scored (their errors say what).</summary>
    private const string Unratable = "无法评级";

    private static readonly string[] GradeOrder = [.. RatingBandSet.StandardGrades, Unratable];

    /// <summary>未评: projects rated with no actuals at all, counted apart from the grades (they are not 差).</summary>
    public int Unrated { get; private set; }

    public string BudgetChart => Chart("bar", BudgetByUnit.Select(b => b.Unit), ("预算数（万元）", BudgetByUnit.Select(b => (decimal?)Math.Round(b.Budget / 10000m, 2))));

    public string ExecutionChart => Chart("line", Execution.Select(e => $"{e.Month}月"),
        ("计划累计支出（万元）", Execution.Select(e => (decimal?)Math.Round(e.Planned / 10000m, 2))),
        ("实际累计支出（万元）", Execution.Select(e => e.Actual is { } a ? Math.Round(a / 10000m, 2) : (decimal?)null)));

    public string GradeChart => Chart("bar", Grades.Select(g => g.Grade), ("项目数", Grades.Select(g => (decimal?)g.Count)));

    private static string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<decimal?> Data)[] datasets) =>
        JsonSerializer.Serialize(new
        {
            type,
            labels = labels.ToList(),
            datasets = datasets.Select(d => new { label = d.Label, data = d.Data.ToList() }).ToList(),
        });
}
