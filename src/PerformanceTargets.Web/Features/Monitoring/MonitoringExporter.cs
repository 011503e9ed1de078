using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Monitoring;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Monitoring;

/// <summary>
/// The .xlsx of a round (one unit or all units): the 绩效运行监控 workbook of <see cref="MonitoringWorkbook"/>, filled with
/// what is stored and the lights; it is also the import template (a project not filled yet shows its prefilled budget and
/// indicator rows).
/// </summary>
public sealed class MonitoringExporter(AppDbContext db, MonitoringOverview overview)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(MonitoringRound round, string? unitCode) =>
        $"monitoring-{round.Year}-1-{round.EndMonth}{(unitCode is null ? string.Empty : "-" + unitCode)}.xlsx";

    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string DocxFileName(MonitoringRound round, string code) => $"monitoring-{round.Year}-1-{round.EndMonth}-{code}.docx";

    /// <summary>
    /// The official 项目支出绩效监控表 (.docx) of one project (<paramref name="projectId"/>) or of every reporting project of
    /// the unit, one table a project (<see cref="MonitoringTable"/>). 主管部门 is the unit's parent when it has one.
    /// </summary>
    public async Task<byte[]> DocxAsync(MonitoringRound round, int unitId, int? projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rows = (await overview.UnitAsync(round, unitId, cancellationToken)).Where(r => projectId == null || r.ProjectId == projectId).ToList();
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, cancellationToken);
        var department = unit.ParentId is { } parentId ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parentId, cancellationToken) ?? unit : unit;
        var ids = rows.Select(r => r.ProjectId).ToList();
        var projects = await db.Projects.AsNoTracking().AsSplitQuery().Include(p => p.Indicators)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var tables = rows.Select(r =>
        {
            var project = projects[r.ProjectId];
            return new MonitoringTableData(round.Period, department.Code, department.Name, unit.Name, project.Name, project.FiscalFunds, project.OtherFunds,
                [.. project.Goals.OrderBy(g => g.Order).Select(g => g.Text)], r.Entry ?? new ProjectMonitoring(round, project), r.Lights);
        }).ToList();
        return MonitoringTable.Write(tables, round.Year);
    }

    public async Task WriteAsync(Stream output, MonitoringRound round, int? unitId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rows = await overview.ProjectsAsync(round, unitId is { } id ? [id] : null, cancellationToken);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var ids = rows.Where(r => r.Entry is null).Select(r => r.ProjectId).ToList();
        var unfilled = await db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        rows = [.. rows.OrderBy(r => units[r.UnitId].Code, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)];

        IEnumerable<Dictionary<string, object?>> Funds() => rows.Select(r => new Dictionary<string, object?>
        {
            [MonitoringWorkbook.UnitCode] = units[r.UnitId].Code,
            [MonitoringWorkbook.UnitName] = units[r.UnitId].Name,
            [MonitoringWorkbook.ProjectCode] = r.Code,
            [MonitoringWorkbook.ProjectName] = r.Name,
            [MonitoringWorkbook.Status] = r.Status?.ToChinese() ?? "未填报",
            [MonitoringWorkbook.AnnualBudget] = r.Entry?.AnnualBudget ?? r.Budget,
            [MonitoringWorkbook.ExecutedToDate] = r.Entry?.ExecutedToDate,
            [MonitoringWorkbook.ExpectedFullYear] = r.Entry?.ExpectedFullYear,
            [MonitoringWorkbook.ExecutionRate] = r.Entry is { ExecutedToDate: { } executed, AnnualBudget: > 0 } e ? decimal.Round(executed * 100m / e.AnnualBudget, 2) : null,
            [MonitoringWorkbook.FundsLight] = r.Entry is null ? null : RunMonitoring.NameOf(r.FundsLight),
            [MonitoringWorkbook.ProjectLight] = r.Entry is null ? null : RunMonitoring.NameOf(r.ProjectLight),
        });

        IEnumerable<Dictionary<string, object?>> Indicators()
        {
            foreach (var r in rows)
            {
                var entry = r.Entry ?? new ProjectMonitoring(round, unfilled[r.ProjectId]);
                var lights = r.Lights;
                foreach (var (row, n) in entry.Indicators.OrderBy(i => i.Order).Select((row, n) => (row, n)))
                {
                    yield return new()
                    {
                        [MonitoringWorkbook.ProjectCode] = r.Code,
                        [MonitoringWorkbook.ProjectName] = r.Name,
                        [MonitoringWorkbook.Row] = row.Order,
                        [MonitoringWorkbook.Level1] = row.Level1,
                        [MonitoringWorkbook.Level2] = row.Level2,
                        [MonitoringWorkbook.Level3] = row.Name,
                        [MonitoringWorkbook.Target] = row.Target,
                        [MonitoringWorkbook.CompletedToDate] = row.CompletedToDate,
                        [MonitoringWorkbook.ExpectedValue] = row.ExpectedFullYear,
                        [MonitoringWorkbook.Likelihood] = r.Entry is null ? null : RunMonitoring.NameOf(row.Likelihood),
                        [MonitoringWorkbook.Causes] = MonitoringDocument.CausesText(row.Causes),
                        [MonitoringWorkbook.DeviationNote] = row.DeviationNote,
                        [MonitoringWorkbook.CorrectiveMeasures] = row.CorrectiveMeasures,
                        [MonitoringWorkbook.Remark] = row.Remark,
                        [MonitoringWorkbook.IndicatorLight] = lights is null || n >= lights.Indicators.Count ? null : RunMonitoring.NameOf(lights.Indicators[n].Light),
                    };
                }
            }
        }

        MonitoringWorkbook.Write(output, round.Year, round.EndMonth, Funds(), Indicators());
    }
}
