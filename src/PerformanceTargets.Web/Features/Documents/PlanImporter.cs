using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>What the import recognised in one project of a document (the import preview).</summary>
public sealed record ImportPreviewProject(
    string File, string UnitCode, string UnitName, string Code, bool CodeProvisional, string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds,
    bool FundsSplitUnknown, string AmountUnit, int SpendingPlanPoints, int Goals, int Indicators, string? MediumTermGoal,
    IReadOnlyList<InterchangeExtraField> Extra, IReadOnlyList<string> Notices, IReadOnlyList<string> UnknownLabels)
{
    public static ImportPreviewProject Of(string file, InterchangeUnit unit, InterchangeProject p) => new(
        file, unit.Code, unit.Name, p.Code, p.CodeProvisional, p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.FundsSplitUnknown, p.AmountUnit,
        p.SpendingPlan.Count, p.Goals.Count, p.Indicators.Count, p.MediumTermGoal,
        [.. (p.Extra ?? []).Concat(p.Indicators.SelectMany(i => (i.Extra ?? []).Select(e => new InterchangeExtraField { Label = $"{i.Name}：{e.Label}", Value = e.Value })))],
        p.Notices ?? [], p.UnknownLabels ?? []);
}

/// <summary>One uploaded or named file.</summary>
public sealed record ImportFile(string Name, byte[] Content);

/// <summary>A JSON interchange file read as a stream (<see cref="PlanImporter.ImportStreamsAsync"/>): opened when the import runs, again if the database asks for a retry.</summary>
public sealed record StreamedImportFile(string Name, Func<Stream> Open);

/// <summary>What an import did (or, for a dry run, would do): per unit, plan and project, added / changed / unchanged; or the errors.</summary>
public sealed class ImportReport
{
    public List<DocumentError> Errors { get; } = [];

    public List<string> Added { get; } = [];

    public List<string> Changed { get; } = [];

    public List<string> Unchanged { get; } = [];

    /// <summary>What the reader noticed per project (generated codes, no plan, unknown split, unknown labels): warnings, not errors.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The documents as read (for the import preview); empty when reading failed.</summary>
    public List<(string File, InterchangeDocument Document)> Documents { get; } = [];

    public bool DryRun { get; init; }

    /// <summary>Per project, what was recognised (the import preview; the API's dry run returns the same).</summary>
    public IReadOnlyList<ImportPreviewProject> Preview => [.. Documents.SelectMany(d => d.Document.Units.SelectMany(u => u.Projects.Select(p => ImportPreviewProject.Of(d.File, u, p))))];

    public bool Succeeded => Errors.Count == 0;

    public int Year { get; set; }
}

/// <summary>
/// Imports goal documents (text dump, .docx, JSON interchange) into the database, all or nothing: every file is read
/// and checked first; any error means nothing is written. Re-importing the same document updates in place (projects
/// matched by year + project code) and reports what was added, changed and unchanged.
/// </summary>
public sealed class PlanImporter(AppDbContext db, AuditActor actor, TimeProvider clock, Library.IndicatorLibrary library, ILogger<PlanImporter> logger, PerformanceTargets.Documents.Parsing.LabelDictionary labels)
{
    /// <param name="files">The files, read in order.</param>
    /// <param name="year">The fiscal year; JSON files state their own and must agree.</param>
    /// <param name="dryRun">Report only; write nothing.</param>
    /// <param name="onlyUnitCode">When set (a unit's finance staff), documents of any other unit are refused.</param>
    /// <param name="restoreStatus">False (imports by a unit's finance staff): new projects start as drafts whatever status a JSON file states, so an import never skips the review.</param>
    /// <param name="unitCode">The unit to import into when a document states none (<c>--unit</c>, the preview's choice).</param>
    /// <param name="unitName">The name of that unit when it is new (<c>--unit-name</c>).</param>
    /// <param name="codeFixes">Project codes the user fixed in the preview: generated code → the code to use.</param>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<ImportFile> files, int year, bool dryRun, string? onlyUnitCode = null, CancellationToken cancellationToken = default, bool restoreStatus = true,
        string? unitCode = null, string? unitName = null, IReadOnlyDictionary<string, string>? codeFixes = null)
    {
        _restoreStatus = restoreStatus;
        var phases = new Phases(clock);
        var report = new ImportReport { DryRun = dryRun, Year = year };
        var documents = report.Documents;
        var options = new PerformanceTargets.Documents.Parsing.ReadOptions(
            string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim(), string.IsNullOrWhiteSpace(unitName) ? null : unitName.Trim(), labels);
        foreach (var file in files)
        {
            var result = PlanDocuments.Read(file.Content, file.Name, year, options);
            if (result.Succeeded)
            {
                documents.Add((file.Name, result.Document!));
            }
            else
            {
                report.Errors.AddRange(result.Errors);
            }
        }

        phases.End("read");
        if (!report.Succeeded)
        {
            return report;
        }

        // The documents are whole: each unit goes through the one write path (as a streamed file's would), its plan first.
        IEnumerable<(string File, InterchangeStreamItem Item)> Items()
        {
            foreach (var (file, document) in documents)
            {
                for (var u = 0; u < document.Units.Count; u++)
                {
                    var unit = document.Units[u];
                    yield return (file, new InterchangeStreamItem(InterchangeStreamItemKind.Unit, 0, unit, u, null, -1, []));
                    for (var p = 0; p < unit.Projects.Count; p++)
                    {
                        yield return (file, new InterchangeStreamItem(InterchangeStreamItemKind.Project, 0, unit, u, unit.Projects[p], p, []));
                    }
                }
            }
        }

        await WriteAsync(Items, report, year, dryRun, onlyUnitCode, options.UnitCode, codeFixes, files[0].Name, "import " + string.Join(", ", files.Select(f => f.Name)), null, phases, cancellationToken);
        logger.LogDebug("Import of {Files} file(s), {Added} added: {Phases}", files.Count, report.Added.Count, phases);
        return report;
    }

    /// <summary>
    /// Imports JSON interchange files read as streams, one project at a time (the command line's path): the same rules and
    /// the same write path as <see cref="ImportAsync"/>, all or nothing in one transaction, in memory bounded by a batch of
    /// projects whatever the size of the files. There is no preview (<see cref="ImportReport.Documents"/> stays empty).
    /// </summary>
    /// <param name="progress">Told the number of projects written (or checked) so far, after every batch.</param>
    public async Task<ImportReport> ImportStreamsAsync(IReadOnlyList<StreamedImportFile> files, int year, bool dryRun, string? unitCode = null, string? unitName = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        _restoreStatus = true;
        var phases = new Phases(clock);
        var report = new ImportReport { DryRun = dryRun, Year = year };
        var chosen = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();

        IEnumerable<(string File, InterchangeStreamItem Item)> Items()
        {
            foreach (var file in files)
            {
                using var stream = file.Open();
                foreach (var item in InterchangeJsonStream.Read(stream, file.Name))
                {
                    yield return (file.Name, item);
                }
            }
        }

        await WriteAsync(Items, report, year, dryRun, null, chosen, null, files.Count > 0 ? files[0].Name : "", "import " + string.Join(", ", files.Select(f => f.Name)), progress, phases, cancellationToken, streamed: true);
        logger.LogDebug("Streamed import of {Files} file(s), {Added} added: {Phases}", files.Count, report.Added.Count, phases);
        return report;
    }

    /// <summary>A streamed import collects its garbage every this many batches (a bound on the process's memory, not only on what it holds).</summary>
    private const int CollectEvery = 5;

    /// <summary>Items read and checked ahead of the writer, at most (a bound on memory, as the batch is).</summary>
    private const int ReadAheadItems = Batch;

    /// <summary>Projects applied, checked and written per round, then forgotten by the context: the memory an import holds.</summary>
    private const int Batch = 1000;

    /// <summary>
    /// The one write path: every unit and project of the files, in order, in one transaction. Each item is checked as it
    /// comes (the unit it belongs to, a code seen earlier in the import, its own rules); projects are applied a batch at a
    /// time (one look-up of the existing ones, the library's candidates, the column lengths, then one save and the bulk
    /// insert of the new ones) and the context is cleared. After the first error nothing more is written, but the rest is
    /// still read and checked, so every error is reported; any error, or a dry run, rolls everything back.
    /// </summary>
    private async Task WriteAsync(Func<IEnumerable<(string File, InterchangeStreamItem Item)>> items, ImportReport report, int year, bool dryRun,
        string? onlyUnitCode, string? chosenUnitCode, IReadOnlyDictionary<string, string>? codeFixes, string firstFile, string operation,
        IProgress<int>? progress, Phases phases, CancellationToken cancellationToken, bool streamed = false)
    {
        actor.Operation = operation;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            report.Errors.Clear();
            report.Added.Clear();
            report.Changed.Clear();
            report.Unchanged.Clear();
            report.Notices.Clear();
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await using var writer = new BulkInserter(db);
            if (!await db.FiscalYears.AnyAsync(y => y.Year == year, ct))
            {
                db.FiscalYears.Add(new FiscalYear(year));
            }

            // Keys only (not entities) of the year's projects: a project of the file is looked up here, and loaded only when it exists.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var existing = new Dictionary<string, (int Id, int UnitId)>(StringComparer.Ordinal);
            await foreach (var key in db.Projects.AsNoTracking().Where(p => p.Year == year).Select(p => new { p.Code, p.Id, p.UnitId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                existing[key.Code] = (key.Id, key.UnitId);
            }

            // The codes of the units there are: a unit of the file not among them is new, and needs no look-up of its own.
            var unitCodes = await db.Units.AsNoTracking().Select(u => u.Code).ToHashSetAsync(StringComparer.Ordinal, ct);
            phases.End("look up");

            // A streamed import reads on another thread (ReadAhead). A project not in the year yet (codes are unique within
            // an import) has its audit entry's JSON written there, off the writer's path: it is most of an entry's cost.
            var known = streamed ? new HashSet<string>(existing.Keys, StringComparer.Ordinal) : null;
            var reads = known is null
                ? items().Select(i => (i.File, i.Item, AuditJson: (string?)null))
                : Infrastructure.ReadAhead.Of(items().Select(i => (i.File, i.Item, AuditJson: i.Item is { Kind: InterchangeStreamItemKind.Project, Valid: true, Project: { } read } && !known.Contains(read.Code)
                    ? CreatedJson(read)
                    : null)), ReadAheadItems);
            var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
            var pending = new ImportState();
            var checkedUnits = new HashSet<(string File, int Unit)>();
            var seenCodes = new Dictionary<string, string>(StringComparer.Ordinal);
            var batch = new List<Pending>(Batch);
            var done = 0;
            try
            {
                foreach (var (file, item, auditJson) in reads)
                {
                    ct.ThrowIfCancellationRequested();
                    report.Errors.AddRange(item.Errors);
                    if (item.Kind == InterchangeStreamItemKind.Year && item.Valid && item.Year != year)
                    {
                        report.Errors.Add(new DocumentError(file, null, null, "$.year", $"文件的年度为 {item.Year}，与导入的年度 {year} 不一致。"));
                    }

                    if (item.Unit is not { } source || !item.Valid || item.Kind is not (InterchangeStreamItemKind.Unit or InterchangeStreamItemKind.Project))
                    {
                        continue;
                    }

                    if (checkedUnits.Add((file, item.UnitIndex)))
                    {
                        if (onlyUnitCode is not null && source.Code != onlyUnitCode)
                        {
                            report.Errors.Add(new DocumentError(file, null, null, "单位", $"文件属于单位 {source.Code}，您只能导入本单位（{onlyUnitCode}）的数据。"));
                        }
                        else if (onlyUnitCode is null && chosenUnitCode is { } chosen && source.Code != chosen)
                        {
                            report.Errors.Add(new DocumentError(file, null, null, "单位", $"文件属于单位 {source.Code}，与指定的单位 {chosen} 不一致。"));
                        }
                    }

                    if (item.Kind == InterchangeStreamItemKind.Project)
                    {
                        var project = item.Project!;
                        if (codeFixes is not null && codeFixes.TryGetValue(project.Code, out var fixedCode) && !string.IsNullOrWhiteSpace(fixedCode) && fixedCode.Trim() != project.Code)
                        {
                            project.AddNotice($"项目编码由 {project.Code} 改为 {fixedCode.Trim()}（导入时指定）。");
                            project.Code = fixedCode.Trim();
                            project.CodeProvisional = false;
                        }

                        foreach (var notice in project.Notices ?? [])
                        {
                            report.Notices.Add($"{file} 项目 {project.Code} {project.Name}：{notice}");
                        }

                        if (!seenCodes.TryAdd(project.Code, file))
                        {
                            report.Errors.Add(new DocumentError(file, null, null, "项目编码", $"项目编码 {project.Code} 在 {seenCodes[project.Code]} 中已出现，同一次导入中不能重复。"));
                        }
                    }

                    // After an error nothing more is written: the rest is read for its errors only.
                    if (!report.Succeeded || await UnitAsync(file, source, units, unitCodes, pending, report, ct) is not { } unit)
                    {
                        batch.Clear();
                        continue;
                    }

                    if (item.Kind == InterchangeStreamItemKind.Unit)
                    {
                        await ApplyPlanAsync(unit, source, year, pending, report, ct);
                    }
                    else
                    {
                        batch.Add(new Pending(file, unit, source.Code, item.Project!, auditJson));
                        if (batch.Count >= Batch)
                        {
                            done += batch.Count;
                            await FlushAsync(batch, year, existing, pending, writer, report, firstFile, ct);
                            progress?.Report(done);
                            if (streamed && done % (CollectEvery * Batch) == 0)
                            {
                                // What the batches left behind is garbage; collected now, the heap of a long import stays the size of a few batches.
                                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                            }
                        }
                    }
                }

                phases.End("read and apply");
                if (report.Succeeded)
                {
                    done += batch.Count;
                    await FlushAsync(batch, year, existing, pending, writer, report, firstFile, ct);
                    progress?.Report(done);
                }

                phases.End("write");
                if (report.Succeeded && !dryRun)
                {
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }

                phases.End("commit");
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// A project read and checked, waiting for its batch; its unit may be new and not saved yet (its id is read when the
    /// batch is written). <paramref name="AuditJson"/>: the JSON of its audit entry when new, if written already.
    /// </summary>
    private sealed record Pending(string File, Unit Unit, string UnitCode, InterchangeProject Source, string? AuditJson);

    /// <summary>A project new in the year, to be written by the bulk path with its audit entry (its JSON null when not written yet).</summary>
    private sealed record NewProject(BudgetProject Project, InterchangeProject Source, string UnitCode, string? AuditJson);

    /// <summary>
    /// What waits for the next batch besides its projects: the file each unit came from (an over-long unit name is located
    /// there), the plans of units not saved yet (they need the unit's id), and the library keys already offered in this
    /// import (one look-up per key per import, not per batch).
    /// </summary>
    private sealed class ImportState
    {
        public Dictionary<string, string> FileOfUnit { get; } = new(StringComparer.Ordinal);

        public List<(Unit Unit, InterchangeUnit Source)> NewPlans { get; } = [];

        public HashSet<string> LibraryKeys { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// One batch: the existing projects among it loaded at once (with their indicators), every project applied, the library's
    /// candidates added, the column lengths checked; then, without an error, one save of the changes and the bulk insert of
    /// the new projects with their audit entries, and the context forgets them all.
    /// </summary>
    private async Task FlushAsync(List<Pending> batch, int year, Dictionary<string, (int Id, int UnitId)> existing, ImportState pending, BulkInserter writer, ImportReport report, string firstFile, CancellationToken ct)
    {
        // The units first seen since the last batch (and renames, changed plans of existing units): checked, then saved in
        // one round, so the batch's projects and the new units' plans can refer to their ids. One save a batch, not a unit:
        // a save costs the change tracker's scan and the audit interceptor whatever it writes.
        ReportOverflows([], [], report, firstFile, pending.FileOfUnit, []);
        if (!report.Succeeded)
        {
            batch.Clear();
            db.ChangeTracker.Clear();
            return;
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        // The plans of new units go in through the bulk path with their audit entries where it writes a plan's sub-goals and
        // their bands (SQLite, PostgreSQL); elsewhere through the save, as the plans of existing units always do.
        var newPlans = new List<(UnitPlan Plan, string UnitCode)>();
        foreach (var (unit, source) in pending.NewPlans)
        {
            var plan = DomainMapping.ToPlan(source, unit.Id, year);
            if (writer.InsertsNestedParts)
            {
                newPlans.Add((plan, unit.Code));
            }
            else
            {
                db.UnitPlans.Add(plan);
            }
        }

        pending.NewPlans.Clear();
        var ids = batch.Select(b => existing.TryGetValue(b.Source.Code, out var key) ? key.Id : 0).Where(id => id != 0).ToList();
        var loaded = ids.Count == 0
            ? []
            : await db.Projects.Include(p => p.Indicators).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var added = new List<NewProject>();
        foreach (var project in batch)
        {
            ApplyProject(project, year, loaded, added, report);
        }

        // Indicators the library has not seen become candidates an admin may promote (指标库). A key offered earlier in this
        // import (in this transaction) is known or added already: only new keys cost a look-up.
        await library.AddCandidatesAsync(
            batch.GroupBy(b => b.UnitCode, StringComparer.Ordinal)
                .Select(g => (g.SelectMany(b => b.Source.Indicators)
                    .Where(i => pending.LibraryKeys.Add(LibraryIndicator.KeyOf(i.Level1, i.Level2, i.Name)))
                    .Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis)), $"导入 {g.Key} {year}")),
            ct);
        ReportOverflows(batch, added, report, firstFile, pending.FileOfUnit, newPlans);
        if (report.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await writer.InsertCreatedPlansAsync(newPlans, actor, clock.GetUtcNow(), ct);
            await InsertNewProjectsAsync(writer, added, ct);
            foreach (var project in added.Select(a => a.Project))
            {
                existing[project.Code] = (project.Id, project.UnitId);
            }
        }

        batch.Clear();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The unit of an item, found or created the first time it is seen, renamed when its name changed; null after an error.
    /// A new unit (or a rename) is saved with the next batch, before its projects (they refer to its id).
    /// </summary>
    private async Task<Unit?> UnitAsync(string file, InterchangeUnit source, Dictionary<string, Unit> units, HashSet<string> unitCodes, ImportState pending, ImportReport report, CancellationToken ct)
    {
        if (units.TryGetValue(source.Code, out var known))
        {
            return known;
        }

        // A new unit costs no round trip to the database (a province imports hundreds).
        var unit = unitCodes.Contains(source.Code) ? await db.Units.FirstOrDefaultAsync(u => u.Code == source.Code, ct) : null;
        if (unit is null)
        {
            if (source.Name.Trim().Length == 0)
            {
                report.Errors.Add(new DocumentError(file, null, null, "单位", $"单位 {source.Code} 尚不存在：请同时指定单位名称（命令行 --unit-name 名称；网页上填写单位名称）。"));
                return null;
            }

            unit = DomainMapping.ToUnit(source);
            db.Units.Add(unit);
            report.Added.Add($"单位 {unit.Code} {unit.Name}");
        }
        else if (source.Name.Trim().Length > 0 && unit.Name != source.Name.Trim())
        {
            unit.Rename(source.Name);
            report.Changed.Add($"单位 {unit.Code} 名称");
        }

        // Over-long text is found when the batch is written, before anything is sent to the database (SQLite would store
        // it; SQL Server and PostgreSQL would throw), and located in this file.
        pending.FileOfUnit.TryAdd(unit.Code, file);
        units[source.Code] = unit;
        return unit;
    }

    /// <summary>Where an import's time goes (logged at Debug), for profiling at province scale.</summary>
    private sealed class Phases(TimeProvider clock)
    {
        private readonly System.Text.StringBuilder _text = new();
        private long _start = clock.GetTimestamp();

        public void End(string phase)
        {
            var now = clock.GetTimestamp();
            _text.Append(phase).Append(' ').Append(clock.GetElapsedTime(_start, now).TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)).Append(" ms; ");
            _start = now;
        }

        public override string ToString() => _text.ToString();
    }

    private bool _restoreStatus = true;

    /// <summary>
    /// Text longer than its column becomes a located error before anything is saved: the tracked changes (plans,
    /// changed projects) and the new projects the bulk path will write.
    /// </summary>
    private void ReportOverflows(List<Pending> batch, List<NewProject> added, ImportReport report, string firstFile,
        Dictionary<string, string> fileOfUnit, List<(UnitPlan Plan, string UnitCode)> newPlans)
    {
        var fileOfProject = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            fileOfProject.TryAdd(pending.Source.Code, pending.File);
        }

        var overflows = newPlans.SelectMany(p => FieldLengths.FindIn(db, p.Plan)).Select(o => (Overflow: o, Project: (BudgetProject?)null))
            .Concat(FieldLengths.Find(db).Select(o => (Overflow: o, Project: o.Entity as BudgetProject)))
            .Concat(added.SelectMany(a => FieldLengths.FindIn(db, a.Project).Select(o => (Overflow: o, Project: (BudgetProject?)a.Project))));
        foreach (var (overflow, project) in overflows)
        {
            var owner = overflow.Entity switch
            {
                BudgetProject p => $"项目 {Short(p.Code)}",
                Indicator i => $"指标“{Short(i.Name)}”",
                Unit u => $"单位 {Short(u.Code)}",
                _ => overflow.EntityType,
            };
            var file = project is not null && fileOfProject.TryGetValue(project.Code, out var f) ? f
                : overflow.Entity is Unit unit && fileOfUnit.TryGetValue(unit.Code, out var unitFile) ? unitFile
                : firstFile;
            report.Errors.Add(new DocumentError(file, null, null, overflow.Property,
                $"{owner} 的 {overflow.Property} 有 {overflow.Length} 个字符，超过上限 {overflow.MaxLength} 个字符。"));
        }
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";

    /// <summary>New projects go in through the bulk path with their audit entries (the same transaction), thousands a second.</summary>
    private async Task InsertNewProjectsAsync(BulkInserter writer, List<NewProject> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }

        var at = clock.GetUtcNow();
        foreach (var chunk in added.Chunk(InsertChunk))
        {
            // The JSON of a streamed import's entries was written on the reading thread; any other's is written here on all
            // cores (it is most of an entry's cost). The rows keep the projects' order.
            var entries = chunk.All(a => a.AuditJson is not null)
                ? chunk.Select(Created).ToList()
                : chunk.AsParallel().AsOrdered().Select(Created).ToList();
            await writer.InsertGraphsAsync(chunk.Select(a => a.Project).ToList(), entries, cancellationToken);
        }

        AuditEntry Created(NewProject created) =>
            AuditInterceptor.CreatedEntry(created.Project, actor, at, created.UnitCode, created.AuditJson ?? CreatedJson(created.Source));
    }

    /// <summary>The <see cref="AuditEntry.After"/> of a project created by an import: the project as read.</summary>
    private static string CreatedJson(InterchangeProject source) => ImportAuditJson.Created(source);

    /// <summary>New projects written (and their audit entries) per round of the bulk path.</summary>
    private const int InsertChunk = 1000;

    private void ApplyProject(Pending pending, int year, Dictionary<string, BudgetProject> loaded, List<NewProject> added, ImportReport report)
    {
        var (file, unit, unitCode, project, _) = pending;
        var unitId = unit.Id;
        var label = $"项目 {project.Code} {project.Name}";
        try
        {
            if (!loaded.TryGetValue(project.Code, out var entity))
            {
                entity = DomainMapping.ToProject(project, unitId, year);
                if (_restoreStatus && DomainMapping.TryParseStatus(project.Status, out var status))
                {
                    entity.RestoreImportedStatus(status, actor.Name, clock.GetUtcNow());
                }

                added.Add(new NewProject(entity, project, unitCode, pending.AuditJson));
                report.Added.Add(label);
            }
            else if (entity.UnitId != unitId)
            {
                report.Errors.Add(new DocumentError(file, null, null, "项目编码", Features.Projects.ProjectWriter.CodeTaken(year, project.Code)));
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

    private async Task ApplyPlanAsync(Unit unit, InterchangeUnit source, int year, ImportState pending, ImportReport report, CancellationToken ct)
    {
        if (source.OverallGoal.Length == 0 && source.GuaranteeMeasures.Length == 0 && source.SubGoals.Count == 0)
        {
            return;
        }

        if (db.Entry(unit).State == EntityState.Added)
        {
            // A unit new in this import has no plan yet: no look-up; the plan is added once the unit is saved (it needs the id).
            pending.NewPlans.Add((unit, source));
            report.Added.Add($"单位 {unit.Code} {year} 年度部门整体绩效目标");
            return;
        }

        var plan = await db.UnitPlans.Include(p => p.SubGoals).FirstOrDefaultAsync(p => p.Year == year && p.UnitId == unit.Id, ct);
        var title = $"单位 {unit.Code} {year} 年度部门整体绩效目标";
        if (plan is null)
        {
            db.UnitPlans.Add(DomainMapping.ToPlan(source, unit.Id, year));
            report.Added.Add(title);
            return;
        }

        if (PlanContent.Of(DomainMapping.ToInterchange(unit, plan, [])) == PlanContent.Of(source))
        {
            report.Unchanged.Add(title);
            return;
        }

        DomainMapping.ApplyTo(plan, source);
        report.Changed.Add(title);
    }

    /// <summary>The parts of a project an import compares (targets and warnings are derived, the status is the workflow's).</summary>
    private sealed record ProjectContent(string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds, string AmountUnit, string Purpose, string Plan, string Goals, string Indicators, string Imported)
    {
        public static ProjectContent Of(InterchangeProject p) => new(
            p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.AmountUnit, p.Purpose,
            string.Join("|", p.SpendingPlan.Select(c => $"{c.Month}:{c.CumulativePercent:0.####}")),
            string.Join("\u0001", p.Goals),
            string.Join("\u0001", p.Indicators.Select(i => string.Join("\u0002", i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis, DomainMapping.WriteExtra(i.Extra)))),
            string.Join("\u0001", p.CodeProvisional, p.FundsSplitUnknown, p.MediumTermGoal, DomainMapping.WriteExtra(p.Extra)));
    }

    private sealed record PlanContent(string Name, string OverallGoal, string AnnualTargets, string GuaranteeMeasures, string SubGoals)
    {
        public static PlanContent Of(InterchangeUnit u) => new(
            u.Name, u.OverallGoal, u.AnnualTargets, u.GuaranteeMeasures,
            string.Join("\u0001", u.SubGoals.Select(g => string.Join("\u0002", g.Area, g.AreaHeading, g.Activity, g.ActivityHeading, g.Goal, g.Indicator, g.Standard,
                string.Join(",", g.Bands.Select(b => $"{b.Grade}{b.Min:0.####}"))))));
    }

    /// <summary>The year a JSON interchange file states, when every file is JSON and they agree.</summary>
    public static int? YearOfJson(IReadOnlyList<ImportFile> files)
    {
        int? year = null;
        foreach (var file in files)
        {
            if (PlanDocuments.FormatOf(file.Name) != DocumentKind.Json)
            {
                return null;
            }

            // Only the top of the file is read: the whole document is parsed once, by the importer.
            var value = PerformanceTargets.Documents.Interchange.InterchangeJson.PeekYear(file.Content);
            if (value is null || (year is not null && year != value))
            {
                return null;
            }

            year = value;
        }

        return year;
    }
}
