using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Department;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features.Department;

/// <summary>What a door asked for: the unit, its table (null when none yet) and whether the user may do it.</summary>
public sealed record DepartmentAccess(Unit? Unit, DepartmentTable? Table, AccessDecision Decision)
{
    public bool Allowed => Decision == AccessDecision.Allowed && Unit is not null;
}

/// <summary>The outcome of a save or an import: errors (located, Chinese) or the table saved; <see cref="Conflict"/> when someone saved in between.</summary>
public sealed record DepartmentSaveResult(DepartmentTable? Table, IReadOnlyList<string> Errors, bool Conflict = false, bool NotYourLevel = false)
{
    public bool Succeeded => Errors.Count == 0 && !Conflict;
}

/// <summary>One indicator's year-end actual, located by its row (<see cref="Order"/>, 1-based) or by its 三级指标 name.</summary>
public sealed class DepartmentActualInput
{
    public int? Order { get; set; }

    public string? Name { get; set; }

    public string? Actual { get; set; }

    public decimal? Score { get; set; }

    public string? DeviationReason { get; set; }
}

/// <summary>
/// The year-end actuals of a 部门整体 table: 全年执行数 and the indicators' 实际完成值. Also the actuals JSON file
/// (docs/formats.md §10: <c>{"year", "unit", "executed", "indicators": [{"order"|"name", "actual", "score", "deviationReason"}]}</c>).
/// </summary>
public sealed class DepartmentActualsInput
{
    public int? Year { get; set; }

    /// <summary>单位编码 (files only; must be the unit imported into).</summary>
    public string? Unit { get; set; }

    public decimal? Executed { get; set; }

    public List<DepartmentActualInput> Indicators { get; set; } = [];
}

/// <summary>
/// The 部门整体支出绩效目标表 use cases for every door: load with access, save (form and API), import (text, .docx,
/// .xlsx, JSON; all or nothing), submit, the review decision, year-end actuals and the self-evaluation score (the
/// project rules through <see cref="DepartmentTable.Score"/> with the year's settings).
/// </summary>
public sealed class DepartmentTableService(AppDbContext db, TimeProvider clock, IYearSettingsProvider yearSettings, Review.ReviewDecisions decisions, UnitHierarchy tree)
{
    public async Task<DepartmentAccess> LoadAsync(ClaimsPrincipal user, int unitId, int year, WorkbenchAction action, CancellationToken cancellationToken = default)
    {
        var decision = ProjectAccess.Decide(user, action, unitId, tree);
        if (decision == AccessDecision.NotFound)
        {
            return new(null, null, decision);
        }

        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return new(null, null, AccessDecision.NotFound);
        }

        var table = await db.DepartmentTables.FirstOrDefaultAsync(t => t.UnitId == unitId && t.Year == year, cancellationToken);
        return new(unit, table, decision);
    }

    /// <summary>The submitted tables a head reviews (their own unit's; an admin every unit's), oldest year first.</summary>
    public async Task<IReadOnlyList<(DepartmentTable Table, Unit Unit)>> QueueAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        // The tables waiting at a level of the review chain this user decides (本单位, 主管部门 for the units below, 财政 for the subtree).
        var query = db.DepartmentTables.AsNoTracking().Where(t => t.Status == Domain.Projects.ProjectStatus.Submitted);
        if (decisions.UnitsReviewedBy(user) is { } reach)
        {
            var ids = reach.ToList();
            query = query.Where(t => ids.Contains(t.UnitId));
        }

        var rows = await query.OrderBy(t => t.Year).ThenBy(t => t.UnitId)
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, u })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => decisions.MayDecideAt(user, r.t.UnitId, WaitingAt(r.t))).Select(r => (r.t, r.u))];
    }

    /// <summary>Saves <paramref name="input"/> as the unit's table of <paramref name="year"/> (created when there is none); <paramref name="version"/> is the one the client read.</summary>
    public async Task<DepartmentSaveResult> SaveAsync(Unit unit, int year, DepartmentTable? table, InterchangeDepartmentTable input, Guid? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(input);
        var errors = DepartmentDocuments.Validate(input, "表单", "$").Select(e => $"{e.Field}: {e.Message}").ToList();
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        if (table is not null && version is { } read && read != table.Version)
        {
            return new(null, [], Conflict: true);
        }

        try
        {
            table ??= Add(unit, year, input.UnitName);
            DepartmentMapping.ApplyTo(table, input);
            await db.SaveChangesAsync(cancellationToken);
            return new(table, []);
        }
        catch (DomainException ex)
        {
            return new(null, [ex.Message]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, [], Conflict: true);
        }
    }

    /// <summary>
    /// Imports the unit's table from uploaded files (text dump, .docx, .xlsx or the JSON interchange): all or nothing —
    /// any error in any file and nothing is saved. A file naming another unit (its code) is refused. A JSON file's status
    /// is kept (recorded in the history); other formats import as a draft.
    /// </summary>
    public async Task<DepartmentSaveResult> ImportAsync(Unit unit, int year, DepartmentTable? table, IReadOnlyList<(string Name, byte[] Content)> files, string userName, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count != 1)
        {
            return new(null, ["请上传一个部门整体支出绩效目标表文件（.txt、.docx、.xlsx 或 .json）。"]);
        }

        var (name, content) = files[0];
        var read = DepartmentDocuments.Read(content, name, year);
        if (!read.Succeeded)
        {
            return new(null, [.. read.Errors.Select(e => e.ToString())]);
        }

        var mine = read.Tables.Where(t => t.UnitCode is null || t.UnitCode == unit.Code).ToList();
        if (mine.Count != 1)
        {
            var codes = string.Join("、", read.Tables.Select(t => t.UnitCode).Distinct());
            return new(null, [mine.Count == 0
                ? $"{name}: 文件中的部门整体支出绩效目标表属于单位 {codes}，不是 {unit.Code} {unit.Name}。"
                : $"{name}: 文件中有 {mine.Count} 张属于本单位的部门整体支出绩效目标表，请只保留一张。"]);
        }

        var document = mine[0].Table;
        if (table is { IsEditable: false })
        {
            return new(null, [$"本单位 {year} 年度的部门整体支出绩效目标表状态为{Domain.Projects.ProjectStatusNames.ToChinese(table.Status)}，不能导入覆盖。"]);
        }

        try
        {
            table ??= Add(unit, year, document.UnitName);
            DepartmentMapping.ApplyTo(table, document);
            if (PlanDocuments.FormatOf(name) == DocumentKind.Json && DomainMapping.ParseStatus(document.Status) is var status && status != table.Status)
            {
                table.RestoreImportedStatus(status, userName, clock.GetUtcNow());
            }

            if (!dryRun)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return new(table, []);
        }
        catch (DomainException ex)
        {
            return new(null, [$"{name}: {ex.Message}"]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, [], Conflict: true);
        }
    }

    public async Task<DepartmentSaveResult> SubmitAsync(DepartmentTable table, string userName, CancellationToken cancellationToken = default) =>
        await StepAsync(table, t => t.Submit(userName, clock.GetUtcNow()), cancellationToken);

    /// <summary>绩效目标调整: reopens the approved table as a draft; the reason is required (see <see cref="DepartmentTable.Adjust"/>).</summary>
    public async Task<DepartmentSaveResult> AdjustAsync(DepartmentTable table, string userName, string reason, CancellationToken cancellationToken = default) =>
        await StepAsync(table, t => t.Adjust(userName, clock.GetUtcNow(), reason), cancellationToken);

    /// <summary>The stage a submitted table waits at (tables submitted before the chain existed wait at the unit's own level).</summary>
    public static Domain.Review.ReviewStage WaitingAt(DepartmentTable table) =>
        Domain.Review.ReviewChain.WaitingAt(table.Status == Domain.Projects.ProjectStatus.Submitted, table.Stage);

    /// <summary>
    /// The review decision at the level of the review chain the table waits at (docs/domain-rules.md §9): only that
    /// level's reviewer decides (<see cref="DepartmentSaveResult.NotYourLevel"/> otherwise); an approval below the last
    /// level forwards the table, the last level's goes through the one domain method <see cref="DepartmentTable.Decide"/>.
    /// </summary>
    public async Task<DepartmentSaveResult> DecideAsync(ClaimsPrincipal user, Unit unit, DepartmentTable table, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(table);
        var userName = user.Identity?.Name ?? "?";
        var stage = WaitingAt(table);
        if (stage != Domain.Review.ReviewStage.None && !decisions.MayDecideAt(user, unit.Id, stage))
        {
            return new(null, [$"该表正在等待{Domain.Review.ReviewStageNames.ToChinese(stage)}，您不是这一级的审核人。"], NotYourLevel: true);
        }

        var next = approve && stage != Domain.Review.ReviewStage.None ? await decisions.NextAsync(table.Year, stage, unit.Id) : Domain.Review.ReviewStage.None;
        if (next != Domain.Review.ReviewStage.None)
        {
            return await StepAsync(table, t => t.Forward(userName, clock.GetUtcNow(), comment, next), cancellationToken);
        }

        var snapshot = approve ? DepartmentDocuments.WriteJson(DepartmentMapping.ToInterchange(table), unit.Code, unit.Name, table.Year) : null;
        return await StepAsync(table, t => t.Decide(approve, userName, clock.GetUtcNow(), comment, snapshot), cancellationToken);
    }

    /// <summary>Records 全年执行数 and the indicators' actuals (all or nothing): each row names its indicator by order or 三级指标 name.</summary>
    public async Task<DepartmentSaveResult> RecordActualsAsync(DepartmentTable table, DepartmentActualsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        var rows = new List<(DepartmentIndicator Indicator, DepartmentActualInput Input)>();
        foreach (var (row, k) in (input.Indicators ?? []).Select((r, k) => (r, k + 1)))
        {
            var indicator = row.Order is { } order
                ? table.Indicators.FirstOrDefault(i => i.Order == order)
                : table.Indicators.Where(i => i.Name == row.Name?.Trim()).ToList() is { Count: 1 } one ? one[0] : null;
            if (indicator is null)
            {
                errors.Add($"第 {k} 条实际数：找不到指标“{row.Order?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? row.Name}”（按序号或唯一的三级指标名称查找）。");
                continue;
            }

            rows.Add((indicator, row));
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        try
        {
            table.RecordExecution(input.Executed);
            foreach (var (indicator, row) in rows)
            {
                table.RecordActual(indicator, row.Actual, row.Score, row.DeviationReason);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new(table, []);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return new(null, [ex.Message]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, [], Conflict: true);
        }
    }

    /// <summary>Reads an actuals JSON file (docs/formats.md §10) for <paramref name="unit"/> and <paramref name="year"/>.</summary>
    public static DepartmentActualsInput? ReadActualsJson(byte[] content, Unit unit, int year, out string? error)
    {
        ArgumentNullException.ThrowIfNull(unit);
        DepartmentActualsInput? input;
        try
        {
            input = JsonSerializer.Deserialize<DepartmentActualsInput>(global::PerformanceTargets.Documents.Blocks.TextDump.Decode(content), InterchangeJson.Options);
        }
        catch (JsonException ex)
        {
            error = $"JSON 格式错误或类型不符（{ex.Path}）。";
            return null;
        }

        error = input is null ? "JSON 内容为空。"
            : input.Year is { } y && y != year ? $"文件的年度为 {y}，与 {year} 不一致。"
            : !string.IsNullOrWhiteSpace(input.Unit) && input.Unit.Trim() != unit.Code ? $"文件的单位为 {input.Unit}，不是 {unit.Code}。"
            : null;
        return error is null ? input : null;
    }

    /// <summary>
    /// 部门整体自评 with the year's department settings (<see cref="IYearSettingsProvider.GetDepartmentAsync"/>: the project's rules
    /// and weights unless an admin set others for the year). Scored on every read, never stored, so a settings change shows at once.
    /// </summary>
    public async Task<ProjectScore> ScoreAsync(DepartmentTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Score(await yearSettings.GetDepartmentAsync(table.Year, cancellationToken));
    }

    private DepartmentTable Add(Unit unit, int year, string unitName)
    {
        var table = new DepartmentTable(unit.Id, year, string.IsNullOrWhiteSpace(unitName) ? unit.Name : unitName);
        db.DepartmentTables.Add(table);
        return table;
    }

    private async Task<DepartmentSaveResult> StepAsync(DepartmentTable table, Action<DepartmentTable> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            step(table);
            await db.SaveChangesAsync(cancellationToken);
            return new(table, []);
        }
        catch (DomainException ex)
        {
            return new(null, [ex.Message]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, [], Conflict: true);
        }
    }
}
