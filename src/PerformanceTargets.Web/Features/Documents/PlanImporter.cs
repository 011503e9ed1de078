using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>One uploaded or named file.</summary>
public sealed record ImportFile(string Name, byte[] Content);

/// <summary>What an import did (or, for a dry run, would do): per unit, plan and project, added / changed / unchanged; or the errors.</summary>
public sealed class ImportReport
{
    public List<DocumentError> Errors { get; } = [];

    public List<string> Added { get; } = [];

    public List<string> Changed { get; } = [];

    public List<string> Unchanged { get; } = [];

    public bool DryRun { get; init; }

    public bool Succeeded => Errors.Count == 0;

    public int Year { get; set; }
}

/// <summary>
/// Imports goal documents (text dump, .docx, JSON interchange) into the database, all or nothing: every file is read
/// and checked first; any error means nothing is written. Re-importing the same document updates in place (projects
/// matched by year + project code) and reports what was added, changed and unchanged.
/// </summary>
public sealed class PlanImporter(AppDbContext db, AuditActor actor, TimeProvider clock, Library.IndicatorLibrary library)
{
    /// <param name="files">The files, read in order.</param>
    /// <param name="year">The fiscal year; JSON files state their own and must agree.</param>
    /// <param name="dryRun">Report only; write nothing.</param>
    /// <param name="onlyUnitCode">When set (a unit's finance staff), documents of any other unit are refused.</param>
    /// <param name="restoreStatus">False (imports by a unit's finance staff): new projects start as drafts whatever status a JSON file states, so an import never skips the review.</param>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<ImportFile> files, int year, bool dryRun, string? onlyUnitCode = null, CancellationToken cancellationToken = default, bool restoreStatus = true)
    {
        _restoreStatus = restoreStatus;
        var report = new ImportReport { DryRun = dryRun, Year = year };
        var documents = new List<(string File, InterchangeDocument Document)>();
        foreach (var file in files)
        {
            var result = PlanDocuments.Read(file.Content, file.Name, year);
            if (result.Succeeded)
            {
                documents.Add((file.Name, result.Document!));
            }
            else
            {
                report.Errors.AddRange(result.Errors);
            }
        }

        if (!report.Succeeded)
        {
            return report;
        }

        var seenCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, document) in documents)
        {
            foreach (var unit in document.Units)
            {
                if (onlyUnitCode is not null && unit.Code != onlyUnitCode)
                {
                    report.Errors.Add(new DocumentError(file, null, null, "单位", $"文件属于单位 {unit.Code}，您只能导入本单位（{onlyUnitCode}）的数据。"));
                }

                foreach (var project in unit.Projects)
                {
                    if (!seenCodes.TryAdd(project.Code, file))
                    {
                        report.Errors.Add(new DocumentError(file, null, null, "项目编码", $"项目编码 {project.Code} 在 {seenCodes[project.Code]} 中已出现，同一次导入中不能重复。"));
                    }
                }
            }
        }

        if (!report.Succeeded)
        {
            return report;
        }

        actor.Operation = "import " + string.Join(", ", files.Select(f => f.Name));
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            // One transaction: new units are saved first to get their ids; any error, or a dry run, rolls everything back.
            report.Added.Clear();
            report.Changed.Clear();
            report.Unchanged.Clear();
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await db.FiscalYears.AnyAsync(y => y.Year == year, ct))
            {
                db.FiscalYears.Add(new FiscalYear(year));
            }

            foreach (var (file, document) in documents)
            {
                foreach (var unit in document.Units)
                {
                    await ApplyUnitAsync(file, unit, year, report, ct);
                }
            }

            if (report.Succeeded)
            {
                await db.SaveChangesAsync(ct);
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

    private bool _restoreStatus = true;

    private async Task ApplyUnitAsync(string file, InterchangeUnit source, int year, ImportReport report, CancellationToken cancellationToken)
    {
        var unit = db.Units.Local.FirstOrDefault(u => u.Code == source.Code)
            ?? await db.Units.FirstOrDefaultAsync(u => u.Code == source.Code, cancellationToken);
        if (unit is null)
        {
            unit = DomainMapping.ToUnit(source);
            db.Units.Add(unit);
            report.Added.Add($"单位 {unit.Code} {unit.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (unit.Name != source.Name.Trim())
        {
            unit.Rename(source.Name);
            report.Changed.Add($"单位 {unit.Code} 名称");
        }

        await ApplyPlanAsync(unit, source, year, report, cancellationToken);

        var codes = source.Projects.Select(p => p.Code).ToList();
        var existing = await db.Projects
                .Include(p => p.Indicators)
                .Where(p => p.Year == year && codes.Contains(p.Code))
                .ToListAsync(cancellationToken);
        var byCode = existing.ToDictionary(p => p.Code, StringComparer.Ordinal);
        foreach (var project in source.Projects)
        {
            var label = $"项目 {project.Code} {project.Name}";
            try
            {
                if (!byCode.TryGetValue(project.Code, out var entity))
                {
                    entity = DomainMapping.ToProject(project, unit.Id, year);
                    if (_restoreStatus && DomainMapping.TryParseStatus(project.Status, out var status))
                    {
                        entity.RestoreImportedStatus(status, actor.Name, clock.GetUtcNow());
                    }

                    db.Projects.Add(entity);

                    report.Added.Add(label);
                }
                else if (entity.UnitId != unit.Id)
                {
                    report.Errors.Add(new DocumentError(file, null, null, "项目编码", $"项目编码 {project.Code} 在 {year} 年度已属于另一个单位，不能导入到单位 {unit.Code}。"));
                }
                else if (ProjectContent.Of(DomainMapping.ToInterchange(entity)) == ProjectContent.Of(project))
                {
                    report.Unchanged.Add(label);
                }
                else if (!entity.IsEditable)
                {
                    report.Errors.Add(new DocumentError(file, null, null, "项目编码", $"{label} 的状态为{entity.Status.ToChinese()}，不能通过导入修改；请先退回或进行绩效目标调整。"));
                }
                else
                {
                    DomainMapping.ApplyTo(entity, project);
                    report.Changed.Add(label);
                }
            }
            catch (DomainException ex)
            {
                report.Errors.Add(new DocumentError(file, null, null, project.Code, ex.Message));
            }
        }

        // Indicators the library has not seen become candidates an admin may promote (指标库).
        var indicators = source.Projects.SelectMany(p => p.Indicators)
            .Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis));
        await library.AddCandidatesAsync(indicators, $"导入 {unit.Code} {year}", cancellationToken);
    }

    private async Task ApplyPlanAsync(Unit unit, InterchangeUnit source, int year, ImportReport report, CancellationToken cancellationToken)
    {
        if (source.OverallGoal.Length == 0 && source.GuaranteeMeasures.Length == 0 && source.SubGoals.Count == 0)
        {
            return;
        }

        var plan = await db.UnitPlans.Include(p => p.SubGoals).FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.Year == year, cancellationToken);
        if (plan is null)
        {
            db.UnitPlans.Add(DomainMapping.ToPlan(source, unit.Id, year));
            report.Added.Add($"单位 {unit.Code} {year} 年度部门整体绩效目标");
            return;
        }

        var current = DomainMapping.ToInterchange(unit, plan, []);
        if (PlanContent.Of(current) == PlanContent.Of(source))
        {
            report.Unchanged.Add($"单位 {unit.Code} {year} 年度部门整体绩效目标");
            return;
        }

        DomainMapping.ApplyTo(plan, source);
        report.Changed.Add($"单位 {unit.Code} {year} 年度部门整体绩效目标");
    }

    /// <summary>The parts of a project an import compares (targets and warnings are derived, the status is the workflow's).</summary>
    private sealed record ProjectContent(string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds, string AmountUnit, string Purpose, string Plan, string Goals, string Indicators)
    {
        public static ProjectContent Of(InterchangeProject p) => new(
            p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit, p.Purpose,
            string.Join("|", p.SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent:0.####}")),
            string.Join("\u0001", p.Goals),
            string.Join("\u0001", p.Indicators.Select(i => string.Join("\u0002", i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis))));
    }

    private sealed record PlanContent(string Name, string OverallGoal, string AnnualTargets, string GuaranteeMeasures, string SubGoals)
    {
        public static PlanContent Of(InterchangeUnit u) => new(
            u.Name, u.OverallGoal, u.AnnualTargets, u.GuaranteeMeasures,
            string.Join("\u0001", u.SubGoals.Select(g => string.Join("\u0002", g.Area, g.AreaHeading, g.Activity, g.ActivityHeading, g.Goal, g.Indicator, g.Standard,
                string.Join(",", g.Bands.Select(b => $"{b.Grade}{b.Min:0.####}"))))));
    }
}
