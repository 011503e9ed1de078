using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Monitoring;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.Monitoring;

/// <summary>What a monitoring import did: the entries it recorded, or every located error (then nothing was written).</summary>
public sealed record MonitoringImportReport(bool Succeeded, bool DryRun, int Projects, int Indicators, IReadOnlyList<MonitoringFileError> Errors);

/// <summary>
/// Imports 绩效运行监控 files (JSON or the .xlsx template, read by <c>Documents/Monitoring</c>) into a round, all or
/// nothing: every project named must be a reporting project of the round's year (and of <c>onlyUnitId</c> when given) with
/// an editable entry, every row must exist with its 三级指标 name, and each entry must then pass its own check
/// (<see cref="ProjectMonitoring.Check"/>: the mandatory 偏差原因 and 纠偏措施); one error anywhere writes nothing.
/// </summary>
public sealed class MonitoringImporter(AppDbContext db, IYearSettingsProvider settingsProvider, TimeProvider clock)
{
    public async Task<MonitoringImportReport> ImportAsync(MonitoringRound round, IReadOnlyList<(string Name, byte[] Content)> files, int? onlyUnitId, string userName, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<MonitoringFileError>();
        var documents = new List<MonitoringDocument>();
        foreach (var (name, content) in files)
        {
            var (document, found) = MonitoringDocument.Read(name, content);
            errors.AddRange(found);
            if (document is null)
            {
                continue;
            }

            if (document.Year is { } year && year != round.Year)
            {
                errors.Add(new MonitoringFileError(name, $"文件是 {year} 年度的，本轮监控是{round.Period}。"));
            }

            if (document.EndMonth is { } month && month != round.EndMonth)
            {
                errors.Add(new MonitoringFileError(name, $"文件的监控期间是 1–{month} 月，本轮监控是{round.Period}。"));
            }

            documents.Add(document);
        }

        if (!round.IsOpen)
        {
            errors.Add(new MonitoringFileError(round.Period, $"{round.Period}监控已关闭，不能再导入。"));
        }

        if (errors.Count > 0)
        {
            return new MonitoringImportReport(false, dryRun, 0, 0, errors);
        }

        var settings = await settingsProvider.GetAsync(round.Year, cancellationToken);
        var codes = documents.SelectMany(d => d.Projects).Select(p => p.Code).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => p.Year == round.Year && codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
        var ids = projects.Values.Select(p => p.Id).ToList();
        var entries = await db.ProjectMonitorings.Where(m => m.RoundId == round.Id && ids.Contains(m.ProjectId)).ToDictionaryAsync(m => m.ProjectId, cancellationToken);
        var at = clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var indicatorCount = 0;
        foreach (var data in documents.SelectMany(d => d.Projects))
        {
            if (!seen.Add(data.Code))
            {
                errors.Add(new MonitoringFileError(data.Where, $"项目 {data.Code} 出现了不止一次。"));
                continue;
            }

            // Another unit's project is reported as unknown: its existence is not confirmed.
            if (!projects.TryGetValue(data.Code, out var project) || (onlyUnitId is { } unit && project.UnitId != unit))
            {
                errors.Add(new MonitoringFileError(data.Where, $"{round.Year} 年度没有编码为 {data.Code} 的项目，或您无权填报。"));
                continue;
            }

            if (!BudgetProject.TakesActuals(project.Status, project.ApprovedSnapshot is not null))
            {
                errors.Add(new MonitoringFileError(data.Where, $"项目“{project.Name}”的绩效目标尚未审核通过，不能填报运行监控。"));
                continue;
            }

            var entry = entries.GetValueOrDefault(project.Id);
            if (entry is null)
            {
                entry = new ProjectMonitoring(round, project);
                db.ProjectMonitorings.Add(entry);
            }

            var rowErrors = false;
            var rows = new Dictionary<int, MonitoringIndicatorFigures>();
            foreach (var row in data.Indicators)
            {
                var target = entry.Indicators.FirstOrDefault(i => i.Order == row.Row);
                if (target is null)
                {
                    errors.Add(new MonitoringFileError(row.Where, $"项目 {data.Code} 的监控表没有第 {row.Row} 行指标（共 {entry.Indicators.Count} 行）。"));
                    rowErrors = true;
                }
                else if (row.Name is { } name && name != target.Name)
                {
                    errors.Add(new MonitoringFileError(row.Where, $"第 {row.Row} 行指标是“{target.Name}”，文件中写的是“{name}”；请勿修改行号和指标名称。"));
                    rowErrors = true;
                }
                else if (!rows.TryAdd(row.Row, new MonitoringIndicatorFigures(row.CompletedToDate, row.ExpectedFullYear, row.Likelihood, row.Causes, row.DeviationNote, row.CorrectiveMeasures, row.Remark)))
                {
                    errors.Add(new MonitoringFileError(row.Where, $"第 {row.Row} 行指标出现了不止一次。"));
                    rowErrors = true;
                }
            }

            if (rowErrors)
            {
                continue;
            }

            try
            {
                entry.Record(new MonitoringFunds(data.AnnualBudget ?? entry.AnnualBudget, data.ExecutedToDate, data.ExpectedFullYear), rows, userName, at);
            }
            catch (MonitoringException e)
            {
                errors.AddRange(e.Errors.Select(x => new MonitoringFileError($"{data.Where} {x.Field}", x.Message)));
                continue;
            }
            catch (DomainException e)
            {
                errors.Add(new MonitoringFileError(data.Where, e.Message));
                continue;
            }

            // A file's figures are complete ones: the same check as a submission, so the mandatory explanations are never skipped.
            var where = data.Where;
            errors.AddRange(entry.Check(entry.Lights(project.SpendingPlan, round.EndMonth, settings))
                .Select(x => new MonitoringFileError($"{where} {x.Field}", x.Message)));
            indicatorCount += rows.Count;
        }

        if (errors.Count > 0 || dryRun)
        {
            // Nothing was saved: the changes made to the tracked entries are dropped.
            db.ChangeTracker.Clear();
            return new MonitoringImportReport(errors.Count == 0, dryRun, errors.Count == 0 ? seen.Count : 0, errors.Count == 0 ? indicatorCount : 0, errors);
        }

        // One save: every entry or none.
        await db.SaveChangesAsync(cancellationToken);
        return new MonitoringImportReport(true, false, seen.Count, indicatorCount, []);
    }
}
