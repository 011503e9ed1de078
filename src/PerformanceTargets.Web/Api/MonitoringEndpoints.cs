using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record MonitoringRoundDto(int Id, int Year, int EndMonth, string Period, DateOnly Deadline, bool IsOpen);

public sealed record OpenRoundRequest(int? Year, int? EndMonth, DateOnly? Deadline);

public sealed record MonitoringLightDto(RunLight Light, string Name, decimal? Percent, string Message)
{
    public static MonitoringLightDto From(RunLightResult result) => new(result.Light, RunMonitoring.NameOf(result.Light), result.Percent, result.Message);
}

public sealed record MonitoringRowDto(
    int Row, string Level1, string Level2, string Name, string Target, string? CompletedToDate, string? ExpectedFullYear,
    Likelihood Likelihood, IReadOnlyList<DeviationCause> Causes, string? DeviationNote, string? CorrectiveMeasures, string? Remark, MonitoringLightDto Light);

public sealed record MonitoringHistoryDto(DateTimeOffset At, string UserName, MonitoringStatus From, MonitoringStatus To, string? Comment);

/// <summary>A project's entry: <c>stored</c> is false for an entry not saved yet (prefilled from the project).</summary>
public sealed record MonitoringEntryDto(
    int RoundId, string Period, int ProjectId, string ProjectCode, string ProjectName, int UnitId, bool Stored, MonitoringStatus Status, Guid? Version,
    decimal AnnualBudget, decimal? ExecutedToDate, decimal? ExpectedFullYear, MonitoringLightDto FundsLight, RunLight ProjectLight,
    IReadOnlyList<MonitoringRowDto> Indicators, IReadOnlyList<string> Problems, IReadOnlyList<MonitoringHistoryDto> History);

public sealed record MonitoringRowRequest(int Row, string? CompletedToDate, string? ExpectedFullYear, Likelihood? Likelihood, IReadOnlyList<DeviationCause>? Causes, string? DeviationNote, string? CorrectiveMeasures, string? Remark);

/// <summary>The entry to save: the funds in 元 and the rows to change (by row number); <c>version</c> as read (omit for a new entry).</summary>
public sealed record MonitoringEntryRequest(Guid? Version, decimal? AnnualBudget, decimal? ExecutedToDate, decimal? ExpectedFullYear, IReadOnlyList<MonitoringRowRequest>? Indicators);

public sealed record MonitoringDecisionRequest(bool Approve, string? Reason);

public sealed record MonitoringProjectDto(int ProjectId, string Code, string Name, decimal Budget, MonitoringStatus? Status, RunLight FundsLight, IReadOnlyList<RunLight> IndicatorLights, RunLight ProjectLight);

public sealed record MonitoringImportResultDto(bool DryRun, bool Succeeded, int Projects, int Indicators, IReadOnlyList<ActualsErrorDto> Errors);

/// <summary>
/// Mid-year 绩效运行监控 through the API (docs/api.md): rounds (admins open and close), a unit's overview and the counts by
/// unit, a project's entry (get, put, submit, decide), the import of a filled template or JSON and the .xlsx export.
/// Access as the pages: <see cref="ProjectAccess"/> on the project's unit (Finance fills, the head decides, auditors read).
/// </summary>
public static class MonitoringEndpoints
{
    public static void MapMonitoringEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/monitoring").WithTags("运行监控")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/rounds", ListRoundsAsync).WithSummary("监控轮次（year 可选，新的在前）");
        group.MapPost("/rounds", OpenRoundAsync).WithSummary("开启监控（系统管理员；年度、监控期间 1–m 月的 m、填报截止日期）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rounds/{roundId:int}/close", (int roundId, ClaimsPrincipal user, MonitoringRounds rounds) => SetOpenAsync(roundId, false, user, rounds))
            .WithSummary("关闭监控（系统管理员）").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rounds/{roundId:int}/reopen", (int roundId, ClaimsPrincipal user, MonitoringRounds rounds) => SetOpenAsync(roundId, true, user, rounds))
            .WithSummary("重新开启监控（系统管理员）").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/rounds/{roundId:int}/units", UnitsAsync).WithSummary("各单位的红、黄、绿、蓝灯数（系统管理员、审计人员）");
        group.MapGet("/rounds/{roundId:int}/units/{unitId:int}", UnitAsync).WithSummary("单位的项目及其资金灯、指标灯和项目灯");
        group.MapGet("/rounds/{roundId:int}/projects/{projectId:int}", GetEntryAsync).WithSummary("项目的绩效运行监控表（未填报时按项目预填）")
            .Produces<MonitoringEntryDto>();
        group.MapPut("/rounds/{roundId:int}/projects/{projectId:int}", PutEntryAsync).WithSummary("保存监控表（本单位财务人员；须带读取时的 version）")
            .Produces<MonitoringEntryDto>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rounds/{roundId:int}/projects/{projectId:int}/submit", SubmitAsync).WithSummary("提交审核（本单位财务人员；偏差原因和纠偏措施按规则必填）")
            .Produces<MonitoringEntryDto>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rounds/{roundId:int}/projects/{projectId:int}/decide", DecideAsync).WithSummary("审核通过或退回（本单位部门负责人；退回须填写原因）")
            .Produces<MonitoringEntryDto>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/rounds/{roundId:int}/import", ImportAsync)
            .DisableAntiforgery() // checked for cookie calls by the API's own filter; bearer calls need none
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithSummary("导入监控数据（.xlsx 模板或 JSON，全部成功才写入；财务人员只能导入本单位）");
        group.MapGet("/rounds/{roundId:int}/export", ExportAsync)
            .WithSummary("导出监控（format=xlsx|docx；unit 为单位编码，省略时为全部单位，仅系统管理员、审计人员，仅 xlsx；docx 为项目支出绩效监控表，每个项目一张）")
            .Produces(StatusCodes.Status200OK, null, MonitoringExporter.ContentType, MonitoringExporter.DocxContentType);
    }

    private static MonitoringRoundDto Dto(MonitoringRound r) => new(r.Id, r.Year, r.EndMonth, r.Period, r.Deadline, r.IsOpen);

    private static async Task<Ok<List<MonitoringRoundDto>>> ListRoundsAsync([FromQuery] int? year, MonitoringRounds rounds) =>
        TypedResults.Ok((await rounds.ListAsync(year)).Select(Dto).ToList());

    private static async Task<Results<Created<MonitoringRoundDto>, ValidationProblem, ProblemHttpResult>> OpenRoundAsync(OpenRoundRequest request, ClaimsPrincipal user, MonitoringRounds rounds)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Forbidden("只有系统管理员可以开启监控。");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Year is not (>= Domain.Units.FiscalYear.MinYear and <= Domain.Units.FiscalYear.MaxYear))
        {
            errors["year"] = [$"年度应在 {Domain.Units.FiscalYear.MinYear}–{Domain.Units.FiscalYear.MaxYear} 之间。"];
        }

        if (request.EndMonth is not (>= 1 and <= 12))
        {
            errors["endMonth"] = ["监控期间应为 1–m 月，m 在 1–12 之间。"];
        }

        if (request.Deadline is null)
        {
            errors["deadline"] = ["请输入填报截止日期。"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        try
        {
            var round = await rounds.OpenAsync(request.Year!.Value, request.EndMonth!.Value, request.Deadline!.Value, user.Identity?.Name ?? "?");
            return TypedResults.Created($"/api/v1/monitoring/rounds/{round.Id}", Dto(round));
        }
        catch (DomainException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static async Task<Results<Ok<MonitoringRoundDto>, ProblemHttpResult>> SetOpenAsync(int roundId, bool reopen, ClaimsPrincipal user, MonitoringRounds rounds)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Forbidden("只有系统管理员可以开启或关闭监控。");
        }

        try
        {
            return await rounds.SetOpenAsync(roundId, reopen) is { } round ? TypedResults.Ok(Dto(round)) : ApiProblems.NotFound("监控轮次不存在。");
        }
        catch (DomainException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static async Task<Results<Ok<List<UnitLightCounts>>, ProblemHttpResult>> UnitsAsync(int roundId, ClaimsPrincipal user, MonitoringRounds rounds, MonitoringOverview overview)
    {
        if (await rounds.FindAsync(roundId) is not { } round)
        {
            return ApiProblems.NotFound("监控轮次不存在。");
        }

        return ProjectAccess.SeesAllUnits(user)
            ? TypedResults.Ok(await overview.UnitsAsync(round, null))
            : ApiProblems.Forbidden("只有系统管理员和审计人员可以查看全部单位。");
    }

    private static async Task<Results<Ok<List<MonitoringProjectDto>>, ProblemHttpResult>> UnitAsync(int roundId, int unitId, ClaimsPrincipal user, AppDbContext db, MonitoringRounds rounds, MonitoringOverview overview)
    {
        if (await rounds.FindAsync(roundId) is not { } round || !await db.Units.AnyAsync(u => u.Id == unitId) || ApiProblems.Check(user, WorkbenchAction.Read, unitId) is not null)
        {
            return ApiProblems.NotFound("监控轮次或单位不存在，或您无权查看。");
        }

        return TypedResults.Ok((await overview.UnitAsync(round, unitId)).Select(r => new MonitoringProjectDto(r.ProjectId, r.Code, r.Name, r.Entry?.AnnualBudget ?? r.Budget, r.Status,
            r.FundsLight, r.Lights?.Indicators.Select(i => i.Light).ToList() ?? [], r.ProjectLight)).ToList());
    }

    private static MonitoringEntryDto EntryDto(EntryLoad load)
    {
        var entry = load.Entry;
        var lights = load.Lights;
        var rows = entry.Indicators.OrderBy(i => i.Order).ToList();
        return new MonitoringEntryDto(load.Round.Id, load.Round.Period, load.Project.Id, load.Project.Code, load.Project.Name, load.Project.UnitId, !load.IsNew || entry.Id != 0,
            entry.Status, entry.Id == 0 ? null : entry.Version, entry.AnnualBudget, entry.ExecutedToDate, entry.ExpectedFullYear, MonitoringLightDto.From(lights.Funds), lights.Project,
            [.. rows.Select((r, n) => new MonitoringRowDto(r.Order, r.Level1, r.Level2, r.Name, r.Target, r.CompletedToDate, r.ExpectedFullYear, r.Likelihood,
                [.. RunMonitoring.Causes.Select(c => c.Cause).Where(c => r.Causes.HasFlag(c))], r.DeviationNote, r.CorrectiveMeasures, r.Remark, MonitoringLightDto.From(lights.Indicators[n])))],
            [.. entry.Check(lights).Select(e => e.ToString())],
            [.. entry.History.Select(h => new MonitoringHistoryDto(h.At, h.UserName, h.From, h.To, h.Comment))]);
    }

    /// <summary>Read first (another unit → 404), then the action (wrong role → 403), then the entry; a project not approved is a 404 too.</summary>
    private static async Task<(EntryLoad? Load, IResult? Problem)> LoadAsync(int roundId, int projectId, WorkbenchAction action, ClaimsPrincipal user, MonitoringEntries entries)
    {
        if (await entries.UnitOfProjectAsync(projectId) is not { } unitId || ApiProblems.Check(user, WorkbenchAction.Read, unitId) is not null)
        {
            return (null, ApiProblems.NotFound("项目不存在，或您无权查看。"));
        }

        if (ApiProblems.Check(user, action, unitId) is { } denied)
        {
            return (null, denied);
        }

        try
        {
            return await entries.LoadAsync(roundId, projectId) is { } load ? (load, null) : (null, ApiProblems.NotFound("监控轮次不存在，或项目不属于该年度。"));
        }
        catch (DomainException e)
        {
            return (null, ApiProblems.NotFound(e.Message));
        }
    }

    private static async Task<IResult> GetEntryAsync(int roundId, int projectId, ClaimsPrincipal user, MonitoringEntries entries)
    {
        var (load, problem) = await LoadAsync(roundId, projectId, WorkbenchAction.Read, user, entries);
        return problem ?? TypedResults.Ok(EntryDto(load!));
    }

    private static IResult Refused(MonitoringException e) => ApiProblems.Validation(
        e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
        "监控表有需要修改的地方，详见 errors（键为位置，如 第1行指标“购置率”.纠偏措施）。");

    private static async Task<IResult> PutEntryAsync(int roundId, int projectId, MonitoringEntryRequest request, ClaimsPrincipal user, MonitoringEntries entries)
    {
        var (load, problem) = await LoadAsync(roundId, projectId, WorkbenchAction.Edit, user, entries);
        if (problem is not null)
        {
            return problem;
        }

        var rows = new Dictionary<int, MonitoringIndicatorFigures>();
        foreach (var row in request.Indicators ?? [])
        {
            if (!rows.TryAdd(row.Row, new MonitoringIndicatorFigures(row.CompletedToDate, row.ExpectedFullYear, row.Likelihood ?? Likelihood.Certain,
                    (row.Causes ?? []).Aggregate(DeviationCause.None, (all, c) => all | c), row.DeviationNote, row.CorrectiveMeasures, row.Remark)))
            {
                return ApiProblems.Validation("indicators", $"第{row.Row}行指标出现了不止一次。");
            }
        }

        try
        {
            await entries.SaveAsync(load!, new MonitoringFunds(request.AnnualBudget ?? load!.Entry.AnnualBudget, request.ExecutedToDate, request.ExpectedFullYear), rows, user.Identity?.Name ?? "?", request.Version);
        }
        catch (MonitoringException e)
        {
            return Refused(e);
        }
        catch (DomainException e)
        {
            return ApiProblems.Conflict(e.Message);
        }

        return TypedResults.Ok(EntryDto(load!));
    }

    private static async Task<IResult> SubmitAsync(int roundId, int projectId, ClaimsPrincipal user, MonitoringEntries entries)
    {
        var (load, problem) = await LoadAsync(roundId, projectId, WorkbenchAction.Submit, user, entries);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            await entries.SubmitAsync(load!, user.Identity?.Name ?? "?");
        }
        catch (MonitoringException e)
        {
            return Refused(e);
        }
        catch (DomainException e)
        {
            return ApiProblems.Conflict(e.Message);
        }

        return TypedResults.Ok(EntryDto(load!));
    }

    private static async Task<IResult> DecideAsync(int roundId, int projectId, MonitoringDecisionRequest request, ClaimsPrincipal user, MonitoringEntries entries)
    {
        var (load, problem) = await LoadAsync(roundId, projectId, request.Approve ? WorkbenchAction.Approve : WorkbenchAction.Return, user, entries);
        if (problem is not null)
        {
            return problem;
        }

        if (!request.Approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return ApiProblems.Validation("reason", "退回时必须填写退回原因。");
        }

        try
        {
            await entries.DecideAsync(load!, user, request.Approve, request.Reason);
        }
        catch (DomainException e)
        {
            return ApiProblems.Conflict(e.Message);
        }

        return TypedResults.Ok(EntryDto(load!));
    }

    private static async Task<Results<Ok<MonitoringImportResultDto>, UnprocessableEntity<MonitoringImportResultDto>, ProblemHttpResult>> ImportAsync(
        int roundId, IFormFileCollection files, [FromQuery] bool? dryRun, ClaimsPrincipal user, MonitoringRounds rounds, MonitoringImporter importer, AuditActor actor)
    {
        // Admins import any unit's entries; a unit's finance staff only their own unit's (ProjectAccess: Edit).
        int? onlyUnitId = null;
        if (!user.IsInRole(Roles.Admin))
        {
            onlyUnitId = user.GetUnitId();
            if (onlyUnitId is null || ApiProblems.Check(user, WorkbenchAction.Edit, onlyUnitId.Value) is not null)
            {
                return ApiProblems.Forbidden("只有系统管理员和本单位财务人员可以导入监控数据。");
            }
        }

        if (await rounds.FindAsync(roundId) is not { } round)
        {
            return ApiProblems.NotFound("监控轮次不存在。");
        }

        if (files.Count == 0)
        {
            return ApiProblems.BadRequest("请以 multipart/form-data 上传至少一个文件（字段名 files）。");
        }

        var list = (await DocumentEndpoints.ReadFilesAsync(files)).Select(f => (f.Name, f.Content)).ToList();
        actor.Operation = "api import monitoring";
        var report = await importer.ImportAsync(round, list, onlyUnitId, user.Identity?.Name ?? "?", dryRun == true);
        var result = new MonitoringImportResultDto(report.DryRun, report.Succeeded, report.Projects, report.Indicators, [.. report.Errors.Select(e => new ActualsErrorDto(e.Location, e.Message))]);
        return report.Succeeded ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportAsync(
        int roundId, [FromQuery] string? unit, [FromQuery] string? format, ClaimsPrincipal user, AppDbContext db, MonitoringRounds rounds, MonitoringExporter exporter)
    {
        var docx = string.Equals(format, "docx", StringComparison.OrdinalIgnoreCase);
        if (!docx && format is not (null or "xlsx"))
        {
            return ApiProblems.BadRequest($"不支持的格式“{format}”，请用 xlsx 或 docx。");
        }

        if (await rounds.FindAsync(roundId) is not { } round)
        {
            return ApiProblems.NotFound("监控轮次不存在。");
        }

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var code = unit.Trim();
            unitId = await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null || ApiProblems.Check(user, WorkbenchAction.Read, unitId.Value) is not null)
            {
                return ApiProblems.NotFound("单位不存在，或您无权查看。");
            }
        }
        else if (!ProjectAccess.SeesAllUnits(user))
        {
            return ApiProblems.Forbidden("只有系统管理员和审计人员可以导出全部单位；请用 unit 指定本单位编码。");
        }

        if (docx)
        {
            if (unitId is null)
            {
                return ApiProblems.BadRequest("导出 docx 时请用 unit 指定单位编码。");
            }

            var bytes = await exporter.DocxAsync(round, unitId.Value, null);
            return TypedResults.File(new MemoryStream(bytes), MonitoringExporter.DocxContentType, MonitoringExporter.DocxFileName(round, unit!.Trim()));
        }

        var stream = new MemoryStream();
        await exporter.WriteAsync(stream, round, unitId);
        stream.Position = 0;
        return TypedResults.File(stream, MonitoringExporter.ContentType, MonitoringExporter.FileName(round, unitId is null ? null : unit!.Trim()));
    }
}
