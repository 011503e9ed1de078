using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Settings;

using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Web.Pages.Monitoring;

/// <summary>
/// 执行监控 (双监控, domain.md §5) of a unit and year: for each project and each checkpoint of its spending plan, the planned
/// cumulative percent, the actual cumulative spend and the red/yellow/green light of the rules engine (<see cref="MonitoringLight"/>,
/// thresholds from the year's settings). Sortable; exportable as CSV.
/// </summary>
public class IndexModel(AppDbContext db, UnitScope scope, IYearSettingsProvider settingsProvider) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary><c>code</c> (default), <c>name</c>, <c>light</c> (worst first) or <c>ratio</c> (lowest first).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public Unit CurrentUnit { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<MonitoringRow> Rows { get; private set; } = [];

    public MonitoringThresholds Thresholds { get; private set; } = MonitoringThresholds.National;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        var csv = new StringBuilder();
        var writer = new CsvWriter(new StringWriter(csv, CultureInfo.InvariantCulture), decimalFormat: d => d.ToString("0.00", CultureInfo.InvariantCulture));
        writer.WriteRow(["项目编码", "项目名称", "预算数", "时点", "计划累计支出比例", "实际累计支出", "实际累计支出比例", "完成计划比例", "监控灯"]);
        foreach (var row in Rows)
        {
            foreach (var light in row.Lights)
            {
                writer.WriteRow([
                    row.Code, row.Name, row.Budget, $"{light.Month}月底", light.PlannedPercent,
                    light.Spent,
                    light.Spent is null ? null : light.ActualPercent,
                    light.Spent is null ? null : light.RatioPercent,
                    light.ColorName,
                ]);
            }
        }

        var bytes = CsvWriter.Encoding.GetPreamble().Concat(CsvWriter.Encoding.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"monitoring-{CurrentUnit.Code}-{CurrentYear}.csv");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Read);
        if (denied is not null)
        {
            return denied;
        }

        var unit = resolved!;

        CurrentUnit = unit;
        CurrentYear = await scope.ResolveYearAsync(Year);
        Units = await scope.VisibleUnitsAsync(User);
        Thresholds = (await settingsProvider.GetAsync(CurrentYear)).Monitoring;
        var projects = await db.Projects.AsNoTracking().AsSplitQuery()
            .Where(p => p.UnitId == unit.Id && p.Year == CurrentYear)
            .ToListAsync();
        var rows = projects.Select(p =>
        {
            var lights = p.SpendingPlan.OrderBy(c => c.Month).Select(c =>
            {
                var spent = p.SpentByMonth.FirstOrDefault(s => s.Month == c.Month)?.Spent;
                var actualPercent = MonitoringLight.ActualPercent(p.Budget, spent ?? 0m);
                var light = MonitoringLight.Evaluate(p.SpendingPlan, c.Month, actualPercent, Thresholds);
                return new CheckpointView(c.Month, light.PlannedPercent, spent, actualPercent, light.RatioPercent, spent is null ? null : light.Color);
            }).ToList();
            return new MonitoringRow(p.Id, p.Code, p.Name, p.Budget, lights);
        });
        Rows = (Sort ?? "code") switch
        {
            "name" => [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal)],
            "light" => [.. rows.OrderByDescending(r => r.Worst ?? (MonitoringColor)(-1)).ThenBy(r => r.Code, StringComparer.Ordinal)],
            "ratio" => [.. rows.OrderBy(r => r.LowestRatio ?? decimal.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)],
            _ => [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal)],
        };
        return null;
    }
}

public sealed record CheckpointView(int Month, decimal PlannedPercent, decimal? Spent, decimal ActualPercent, decimal? RatioPercent, MonitoringColor? Color)
{
    public string ColorName => Color switch
    {
        MonitoringColor.Red => "红灯",
        MonitoringColor.Yellow => "黄灯",
        MonitoringColor.Green => "绿灯",
        _ => "未填报",
    };
}

public sealed record MonitoringRow(int Id, string Code, string Name, decimal Budget, IReadOnlyList<CheckpointView> Lights)
{
    /// <summary>The worst light among the checkpoints with a recorded spend; null when none is recorded.</summary>
    public MonitoringColor? Worst => Lights.Where(l => l.Color is not null).Select(l => l.Color).Max();

    public decimal? LowestRatio => Lights.Where(l => l.Spent is not null && l.RatioPercent is not null).Select(l => l.RatioPercent).Min();
}
