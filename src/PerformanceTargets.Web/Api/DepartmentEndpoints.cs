using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Department;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Department;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

/// <summary>部门整体自评: the total (null while unrated), the grade, and why it could not be scored.</summary>
public sealed record DepartmentScoreDto(decimal? Total, string? Grade, bool Unrated, IReadOnlyList<string> Errors);

/// <summary>
/// A unit's 部门整体支出绩效目标表 of a year: its workflow state, what the caller may do now, the table in the JSON
/// interchange shape (<c>units[].departmentTable</c>, docs/formats.md §10), the history, the year-end actuals and the self-evaluation.
/// </summary>
public sealed record DepartmentTableDetail(
    int UnitId, string UnitCode, string UnitName, int Year, ProjectStatus Status, Guid Version,
    IReadOnlyList<string> AllowedActions, InterchangeDepartmentTable Table, IReadOnlyList<HistoryEntryDto> History,
    decimal? Executed, IReadOnlyList<DepartmentActualInput> Actuals, DepartmentScoreDto Score);

/// <summary>The table to save and the <c>version</c> read (required when the table exists: 409 when someone saved in between).</summary>
public sealed class DepartmentTableWrite
{
    public InterchangeDepartmentTable? Table { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>The review decision: approve (comment optional) or return (comment = the reason, required).</summary>
public sealed record DepartmentDecisionRequest(bool Approve, string? Comment);

public static class DepartmentEndpoints
{
    private const string NotFoundText = "单位不存在，或您无权查看。";
    private const string NoTableText = "该单位本年度还没有部门整体支出绩效目标表。";

    public static void MapDepartmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/units/{unitId:int}/years/{year:int}/department-table").WithTags("部门整体")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet(string.Empty, GetAsync)
            .WithSummary("单位某年度的部门整体支出绩效目标表（JSON 交换格式）、实际数与部门整体自评");
        group.MapPut(string.Empty, PutAsync)
            .WithSummary("保存部门整体支出绩效目标表（财务人员；已有表时须带读取时的 version）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/submit", SubmitAsync)
            .WithSummary("提交审核（财务人员）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/decide", DecideAsync)
            .WithSummary("审核：通过或退回（部门负责人；退回须填写原因）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/adjust", AdjustAsync)
            .WithSummary("绩效目标调整：已审核的表重新成为草稿，须填写调整原因（财务人员）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/actuals", ActualsAsync)
            .WithSummary("填报年终实际数（全年执行数、各指标实际完成值；财务人员，仅已审核的表）并返回部门整体自评")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/import", ImportAsync)
            .DisableAntiforgery() // checked for cookie calls by the API's own filter; bearer calls need none
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithSummary("导入部门整体支出绩效目标表（.txt、.docx、.xlsx 或 JSON 交换格式，全部成功才写入）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/export", ExportAsync)
            .WithSummary("导出部门整体支出绩效目标表（format=docx|txt|json，docx 为官方版式）")
            .Produces(StatusCodes.Status200OK, null, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain", "application/json");
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ProblemHttpResult>> GetAsync(int unitId, int year, ClaimsPrincipal user, DepartmentTableService tables)
    {
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.Read);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        return access.Table is null ? ApiProblems.NotFound(NoTableText) : TypedResults.Ok(await DetailAsync(access, access.Table, user, tables));
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ValidationProblem, ProblemHttpResult>> PutAsync(
        int unitId, int year, DepartmentTableWrite body, ClaimsPrincipal user, DepartmentTableService tables)
    {
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.Edit);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (body.Table is null)
        {
            return ApiProblems.Validation("table", "缺少 table。");
        }

        if (access.Table is not null && body.Version is null)
        {
            return ApiProblems.Validation("version", "修改已有的表须带读取时的 version。");
        }

        if (access.Table is { IsEditable: false } locked)
        {
            return ApiProblems.Conflict($"部门整体支出绩效目标表状态为{locked.Status.ToChinese()}，不能修改。");
        }

        var saved = await tables.SaveAsync(access.Unit!, year, access.Table, body.Table, body.Version);
        if (saved.Conflict)
        {
            return ApiProblems.Conflict("该表刚被他人修改，请重新读取后重试。");
        }

        return saved.Succeeded
            ? TypedResults.Ok(await DetailAsync(access, saved.Table!, user, tables))
            : ApiProblems.Validation(saved.Errors.GroupBy(Field).ToDictionary(g => g.Key, g => g.Select(Message).ToArray()));
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ProblemHttpResult>> SubmitAsync(int unitId, int year, ClaimsPrincipal user, DepartmentTableService tables) =>
        await StepAsync(unitId, year, WorkbenchAction.Submit, user, tables, (access, table) => tables.SubmitAsync(table, user.Identity?.Name ?? "?"));

    private static async Task<Results<Ok<DepartmentTableDetail>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        int unitId, int year, DepartmentDecisionRequest request, ClaimsPrincipal user, DepartmentTableService tables)
    {
        if (!request.Approve && string.IsNullOrWhiteSpace(request.Comment))
        {
            return ApiProblems.Validation("comment", "退回时必须填写退回原因。");
        }

        if (request.Comment is { Length: > 2000 })
        {
            return ApiProblems.Validation("comment", "审核意见不能超过 2000 个字符。");
        }

        var result = await StepAsync(unitId, year, request.Approve ? WorkbenchAction.Approve : WorkbenchAction.Return, user, tables,
            (access, table) => tables.DecideAsync(user, access.Unit!, table, request.Approve, request.Comment));
        return result.Result switch
        {
            Ok<DepartmentTableDetail> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ValidationProblem, ProblemHttpResult>> AdjustAsync(
        int unitId, int year, AdjustRequest request, ClaimsPrincipal user, DepartmentTableService tables, FluentValidation.IValidator<Features.Review.AdjustInput> validator)
    {
        // Access first (404/403 before anything about the body), as for a project's adjustment.
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.Adjust);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (access.Table is null)
        {
            return ApiProblems.NotFound(NoTableText);
        }

        var validation = await validator.ValidateAsync(new Features.Review.AdjustInput { Reason = request.Reason });
        if (!validation.IsValid)
        {
            return ApiProblems.Validation("reason", validation.Errors[0].ErrorMessage);
        }

        var result = await tables.AdjustAsync(access.Table, user.Identity?.Name ?? "?", request.Reason!);
        if (result.Conflict)
        {
            return ApiProblems.Conflict("该表刚被他人修改，请重新读取后重试。");
        }

        return result.Succeeded ? TypedResults.Ok(await DetailAsync(access, result.Table!, user, tables)) : ApiProblems.Conflict(result.Errors[0]);
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ValidationProblem, ProblemHttpResult>> ActualsAsync(
        int unitId, int year, DepartmentActualsInput body, ClaimsPrincipal user, DepartmentTableService tables)
    {
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.RecordActuals);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (access.Table is null)
        {
            return ApiProblems.NotFound(NoTableText);
        }

        if (access.Table.WhyNoActuals is { } why)
        {
            return ApiProblems.Conflict(why);
        }

        var saved = await tables.RecordActualsAsync(access.Table, body);
        if (saved.Conflict)
        {
            return ApiProblems.Conflict("该表刚被他人修改，请重新读取后重试。");
        }

        return saved.Succeeded
            ? TypedResults.Ok(await DetailAsync(access, saved.Table!, user, tables))
            : ApiProblems.Validation(new Dictionary<string, string[]> { ["indicators"] = [.. saved.Errors] });
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, UnprocessableEntity<HttpValidationProblemDetails>, ProblemHttpResult>> ImportAsync(
        int unitId, int year, IFormFileCollection files, [FromQuery] bool? dryRun, ClaimsPrincipal user, DepartmentTableService tables, AuditActor actor)
    {
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.Edit);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (files.Count == 0)
        {
            return ApiProblems.BadRequest("请以 multipart/form-data 上传一个文件（字段名 files）。");
        }

        actor.Operation = "api import department table";
        var list = (await DocumentEndpoints.ReadFilesAsync(files)).Select(f => (f.Name, f.Content)).ToList();
        var saved = await tables.ImportAsync(access.Unit!, year, access.Table, list, user.Identity?.Name ?? "?", dryRun == true);
        if (saved.Conflict)
        {
            return ApiProblems.Conflict("该表刚被他人修改，请重新读取后重试。");
        }

        return saved.Succeeded
            ? TypedResults.Ok(await DetailAsync(access, saved.Table!, user, tables))
            : TypedResults.UnprocessableEntity(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["files"] = [.. saved.Errors] })
            {
                Title = "导入失败",
                Detail = "文件有错误，未导入任何内容。",
                Status = StatusCodes.Status422UnprocessableEntity,
            });
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(int unitId, int year, [FromQuery] string? format, ClaimsPrincipal user, DepartmentTableService tables)
    {
        var access = await tables.LoadAsync(user, unitId, year, WorkbenchAction.Read);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (access.Table is null)
        {
            return ApiProblems.NotFound(NoTableText);
        }

        var kind = (format ?? "docx").Trim().ToLowerInvariant() switch
        {
            "docx" => DocumentKind.Docx,
            "txt" => DocumentKind.Text,
            "json" => DocumentKind.Json,
            _ => (DocumentKind?)null,
        };
        if (kind is null)
        {
            return ApiProblems.BadRequest($"不支持的格式“{format}”，请用 docx、txt 或 json。");
        }

        var unit = access.Unit!;
        var bytes = DepartmentDocuments.Write(DepartmentMapping.ToInterchange(access.Table), unit.Code, unit.Name, year, kind.Value);
        var (type, extension) = kind switch
        {
            DocumentKind.Json => ("application/json", "json"),
            DocumentKind.Text => ("text/plain; charset=utf-8", "txt"),
            _ => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        };
        return TypedResults.File(bytes, type, $"{unit.Code}-{year}-部门整体.{extension}");
    }

    private static async Task<Results<Ok<DepartmentTableDetail>, ProblemHttpResult>> StepAsync(
        int unitId, int year, WorkbenchAction action, ClaimsPrincipal user, DepartmentTableService tables, Func<DepartmentAccess, DepartmentTable, Task<DepartmentSaveResult>> step)
    {
        var access = await tables.LoadAsync(user, unitId, year, action);
        if (Denied(access) is { } problem)
        {
            return problem;
        }

        if (access.Table is null)
        {
            return ApiProblems.NotFound(NoTableText);
        }

        var result = await step(access, access.Table);
        if (result.Conflict)
        {
            return ApiProblems.Conflict("该表刚被他人修改，请重新读取后重试。");
        }

        return result.Succeeded ? TypedResults.Ok(await DetailAsync(access, result.Table!, user, tables)) : ApiProblems.Conflict(result.Errors[0]);
    }

    /// <summary>As for projects: 404 when the unit does not exist or the user may not read it, then 403 for the action.</summary>
    private static ProblemHttpResult? Denied(DepartmentAccess access) => access.Decision switch
    {
        _ when access.Unit is null => ApiProblems.NotFound(NotFoundText),
        AccessDecision.Allowed => null,
        AccessDecision.Forbidden => ApiProblems.Forbidden(),
        _ => ApiProblems.NotFound(NotFoundText),
    };

    private static async Task<DepartmentTableDetail> DetailAsync(DepartmentAccess access, DepartmentTable table, ClaimsPrincipal user, DepartmentTableService tables)
    {
        var actions = new List<string>();
        void Offer(string name, WorkbenchAction action, bool legal)
        {
            if (legal && ProjectAccess.Can(user, action, table.UnitId))
            {
                actions.Add(name);
            }
        }

        Offer("edit", WorkbenchAction.Edit, table.IsEditable);
        Offer("submit", WorkbenchAction.Submit, table.IsEditable);
        Offer("approve", WorkbenchAction.Approve, table.Status == ProjectStatus.Submitted);
        Offer("return", WorkbenchAction.Return, table.Status == ProjectStatus.Submitted);
        Offer("adjust", WorkbenchAction.Adjust, table.Status == ProjectStatus.Approved);
        Offer("actuals", WorkbenchAction.RecordActuals, table.CanTakeActuals);
        var score = await tables.ScoreAsync(table);
        var unit = access.Unit!;
        return new DepartmentTableDetail(
            unit.Id, unit.Code, unit.Name, table.Year, table.Status, table.Version, actions,
            DepartmentMapping.ToInterchange(table),
            [.. table.History.Select(h => new HistoryEntryDto(h.At, h.UserName, h.From, h.To, h.Comment, h.Level))],
            table.Executed,
            [.. table.Indicators.Select(i => new DepartmentActualInput { Order = i.Order, Name = i.Name, Actual = i.Actual, Score = i.ActualScore, DeviationReason = i.DeviationReason })],
            ScoreDto(score));
    }

    public static DepartmentScoreDto ScoreDto(ProjectScore score) =>
        new(score.IsUnrated ? null : score.DisplayTotal, score.Grade, score.IsUnrated, score.Errors);

    private static string Field(string error) => error.StartsWith("$.", StringComparison.Ordinal) ? error[2..error.IndexOf(':', StringComparison.Ordinal)] : string.Empty;

    private static string Message(string error) => error.StartsWith("$.", StringComparison.Ordinal) ? error[(error.IndexOf(':', StringComparison.Ordinal) + 2)..] : error;
}
