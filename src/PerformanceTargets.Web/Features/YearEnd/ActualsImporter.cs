using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.YearEnd;

/// <summary>What an actuals import did, or the located errors (then nothing was written).</summary>
public sealed class ActualsImportReport
{
    public List<ActualsError> Errors { get; } = [];

    public int Year { get; set; }

    public int Projects { get; set; }

    public int Indicators { get; set; }

    public int SubGoals { get; set; }

    public bool DryRun { get; init; }

    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports actuals files (JSON or the .xlsx 自评表 template), all or nothing: every file is read, every project, indicator
/// and sub-goal located and every actual checked by the rules engine (a number where a tier is expected, a tier score
/// outside its range, units that cannot be reconciled) before anything is written; then, in one transaction, the actuals are
/// saved and the affected ratings recomputed. Indicators are matched by name within their project.
/// </summary>
public sealed class ActualsImporter(AppDbContext db, AuditActor actor, IYearSettingsProvider settingsProvider, RatingCalculator ratings)
{
    /// <summary>Reads one actuals file by its kind (.xlsx template or JSON): the formats are the Documents project's (<see cref="ActualsDocument.Read"/>).</summary>
    public static (ActualsDocument? Document, List<ActualsError> Errors) Read(ImportFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ActualsDocument.Read(file.Name, file.Content);
    }

    /// <param name="year">The fiscal year; null to take the one the files state.</param>
    /// <param name="onlyUnitId">When set (a unit's finance staff), projects and sub-goals of any other unit are refused as unknown.</param>
    public async Task<ActualsImportReport> ImportAsync(IReadOnlyList<ImportFile> files, int? year, bool dryRun, int? onlyUnitId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var report = new ActualsImportReport { DryRun = dryRun };
        var documents = new List<ActualsDocument>();
        foreach (var file in files)
        {
            var (document, errors) = Read(file);
            report.Errors.AddRange(errors);
            if (document is null)
            {
                continue;
            }

            var stated = document.Year;
            if (stated is not null && year is not null && stated != year)
            {
                report.Errors.Add(new ActualsError(file.Name, $"文件的年度为 {stated}，与导入的年度 {year} 不一致。"));
            }

            year ??= stated;
            documents.Add(document);
        }

        if (year is null && report.Succeeded)
        {
            report.Errors.Add(new ActualsError(string.Join(", ", files.Select(f => f.Name)), "文件没有写明年度，请指定年度。"));
        }

        if (!report.Succeeded)
        {
            return report;
        }

        report.Year = year!.Value;
        var settings = await settingsProvider.GetAsync(report.Year, cancellationToken);
        actor.Operation = "import actuals " + string.Join(", ", files.Select(f => f.Name));
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            report.Errors.Clear();
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var projectIds = await ApplyProjectsAsync(documents, report, settings, onlyUnitId, ct);
            var unitIds = await ApplySubGoalsAsync(documents, report, onlyUnitId, ct);
            if (report.Succeeded)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                await ratings.RateProjectsAsync(report.Year, projectIds, ct);
                await ratings.RateSubGoalsAsync(report.Year, unitIds, ct);
            }

            if (report.Succeeded && !dryRun)
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
        }, cancellationToken);

        return report;
    }

    private async Task<List<int>> ApplyProjectsAsync(List<ActualsDocument> documents, ActualsImportReport report, EvaluationSettings settings, int? onlyUnitId, CancellationToken ct)
    {
        var items = documents.SelectMany(d => d.Projects).ToList();
        var codes = items.Select(p => p.Code).Distinct().ToList();
        var projects = new Dictionary<string, BudgetProject>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(RatingCalculator.BatchSize))
        {
            foreach (var project in await db.Projects.Include(p => p.Indicators).AsSplitQuery()
                         .Where(p => p.Year == report.Year && chunk.Contains(p.Code)).ToListAsync(ct))
            {
                projects[project.Code] = project;
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var touched = new List<int>();
        foreach (var item in items)
        {
            if (!projects.TryGetValue(item.Code, out var project) || (onlyUnitId is not null && project.UnitId != onlyUnitId))
            {
                report.Errors.Add(new ActualsError(item.Where, onlyUnitId is null
                    ? $"{report.Year} 年度没有项目编码为 {item.Code} 的项目。"
                    : $"{report.Year} 年度本单位没有项目编码为 {item.Code} 的项目。"));
                continue;
            }

            if (project.WhyNoActuals is { } why)
            {
                report.Errors.Add(new ActualsError(item.Where, why));
                continue;
            }

            touched.Add(project.Id);
            if (item.HasExecuted || item.Spending is not null)
            {
                if (item.HasExecuted && !seen.TryAdd(item.Code + "#executed", item.Where))
                {
                    report.Errors.Add(new ActualsError(item.Where, $"项目 {item.Code} 的执行数在 {seen[item.Code + "#executed"]} 中已填写，不能重复。"));
                }

                try
                {
                    var spending = item.Spending?.Select(s => new SpendingActual(s.Month, s.Spent)) ?? project.SpentByMonth;
                    project.RecordExecution(item.HasExecuted ? item.Executed : project.Executed, [.. spending]);
                }
                catch (DomainException ex)
                {
                    report.Errors.Add(new ActualsError(item.Where, ex.Message));
                }
            }

            var located = new Dictionary<Indicator, IndicatorActual>();
            foreach (var given in item.Indicators)
            {
                var matches = project.Indicators.Where(i => i.Name.Trim() == given.Name).ToList();
                if (matches.Count == 0)
                {
                    report.Errors.Add(new ActualsError(given.Where, $"项目 {item.Code} 没有名为“{given.Name}”的三级指标。"));
                    continue;
                }

                if (matches.Count > 1)
                {
                    report.Errors.Add(new ActualsError(given.Where, $"项目 {item.Code} 有 {matches.Count} 个名为“{given.Name}”的三级指标，无法按名称对应；请先在绩效目标中区分指标名称。"));
                    continue;
                }

                var indicator = matches[0];
                if (located.TryGetValue(indicator, out var earlier))
                {
                    report.Errors.Add(new ActualsError(given.Where, $"指标“{given.Name}”在 {earlier.Where} 中已填写，不能重复。"));
                    continue;
                }

                located[indicator] = given;
                try
                {
                    project.RecordActual(indicator, given.Actual, given.Score, given.DeviationReason);
                }
                catch (DomainException ex)
                {
                    report.Errors.Add(new ActualsError(given.Where, ex.Message));
                }
            }

            report.Indicators += located.Count;
            if (located.Count > 0)
            {
                // The rules engine decides whether each actual can be scored; its refusals are the file's errors.
                var score = ProjectScorer.Score(project, settings);
                foreach (var refused in score.Indicators.Where(s => s.IsRefused))
                {
                    var indicator = project.Indicators.First(i => i.Order == refused.IndicatorOrder);
                    if (located.TryGetValue(indicator, out var given))
                    {
                        report.Errors.Add(new ActualsError(given.Where, refused.Error!));
                    }
                }
            }
        }

        report.Projects = touched.Distinct().Count();
        return [.. touched.Distinct()];
    }

    private async Task<List<int>> ApplySubGoalsAsync(List<ActualsDocument> documents, ActualsImportReport report, int? onlyUnitId, CancellationToken ct)
    {
        var items = documents.SelectMany(d => d.SubGoals).ToList();
        if (items.Count == 0)
        {
            return [];
        }

        var codes = items.Select(g => g.UnitCode).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var unitIds = units.Values.ToList();
        var plans = await db.UnitPlans.Include(p => p.SubGoals).Where(p => p.Year == report.Year && unitIds.Contains(p.UnitId)).ToDictionaryAsync(p => p.UnitId, ct);
        var done = new Dictionary<Domain.Plans.SubGoal, string>();
        var touched = new List<int>();
        foreach (var item in items)
        {
            if (!units.TryGetValue(item.UnitCode, out var unitId) || (onlyUnitId is not null && unitId != onlyUnitId) || !plans.TryGetValue(unitId, out var plan))
            {
                report.Errors.Add(new ActualsError(item.Where, $"{report.Year} 年度没有单位 {item.UnitCode} 的部门整体绩效目标。"));
                continue;
            }

            var matches = plan.SubGoals.Where(g => g.Indicator.Trim() == item.Indicator).ToList();
            if (matches.Count != 1)
            {
                report.Errors.Add(new ActualsError(item.Where, matches.Count == 0
                    ? $"单位 {item.UnitCode} 没有绩效指标为“{item.Indicator}”的分项绩效目标。"
                    : $"单位 {item.UnitCode} 有 {matches.Count} 个绩效指标为“{item.Indicator}”的分项目标，无法对应。"));
                continue;
            }

            var subGoal = matches[0];
            if (!done.TryAdd(subGoal, item.Where))
            {
                report.Errors.Add(new ActualsError(item.Where, $"该分项目标在 {done[subGoal]} 中已填写，不能重复。"));
                continue;
            }

            try
            {
                plan.RecordCompletion(subGoal, item.CompletionRate);
            }
            catch (DomainException ex)
            {
                report.Errors.Add(new ActualsError(item.Where, ex.Message));
                continue;
            }

            touched.Add(unitId);
            report.SubGoals++;
        }

        return [.. touched.Distinct()];
    }
}
