using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record ActualsErrorDto(string Location, string Message);

/// <summary>What an actuals import did, as the <c>import</c> verb reports it for 自评表 files.</summary>
public sealed record ActualsImportResultDto(int Year, bool DryRun, bool Succeeded, int Projects, int Indicators, int SubGoals, IReadOnlyList<ActualsErrorDto> Errors);

/// <summary>Year-end through the API: the ratings export (the <c>export ratings</c> verb's json, csv, xlsx) and the actuals import (自评表 .xlsx or actuals JSON).</summary>
public static class YearEndEndpoints
{
    public static void MapYearEndEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/exports/ratings", ExportRatingsAsync)
            .WithTags("导入导出")
            .WithSummary("导出评分结果（format=json|csv|xlsx；unit 为单位编码，省略时为全部单位；审计人员、系统管理员）")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/imports/actuals", ImportActualsAsync)
            .DisableAntiforgery() // checked for cookie calls by the API's own filter; bearer calls need none
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithTags("导入导出")
            .WithSummary("导入年终实际数（自评表 .xlsx 或实际数 JSON，全部成功才写入并重新评分；year 省略时取文件中的年度）")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportRatingsAsync(
        [FromQuery] int year, [FromQuery] string? format, [FromQuery] string? unit, ClaimsPrincipal user, AppDbContext db, RatingsQuery ratings)
    {
        // As the ratings page: auditors and admins download; unit staff read their unit's ratings on the pages.
        if (!user.IsInRole(Roles.Auditor) && !user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Forbidden("只有审计人员和系统管理员可以导出评分结果。");
        }

        if (RatingsExporter.ParseFormat(format ?? "json") is not { } kind)
        {
            return ApiProblems.BadRequest($"不支持的格式“{format}”，请用 json、csv 或 xlsx。");
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

        // Only fresh ratings are read (RatingsQuery); the file streams from a temp file.
        var path = Path.GetTempFileName();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await ratings.WriteAsync(file, year, unitId, kind);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var name = $"ratings-{year}{(string.IsNullOrWhiteSpace(unit) ? string.Empty : "-" + unit.Trim())}.{RatingsExporter.Extension(kind)}";
        return TypedResults.File(stream, RatingsExporter.ContentType(kind), name);
    }

    private static async Task<Results<Ok<ActualsImportResultDto>, UnprocessableEntity<ActualsImportResultDto>, ProblemHttpResult>> ImportActualsAsync(
        IFormFileCollection files, [FromQuery] int? year, [FromQuery] bool? dryRun, ClaimsPrincipal user, ActualsImporter importer, AuditActor actor)
    {
        // Admins record any unit's actuals; a unit's finance staff only their own unit's (ProjectAccess: RecordActuals).
        int? onlyUnitId = null;
        if (!ProjectAccess.SeesAllUnits(user) || ApiProblems.Check(user, WorkbenchAction.RecordActuals, 0) is not null)
        {
            onlyUnitId = user.GetUnitId();
            if (onlyUnitId is null || ApiProblems.Check(user, WorkbenchAction.RecordActuals, onlyUnitId.Value) is not null)
            {
                return ApiProblems.Forbidden("只有系统管理员和本单位财务人员可以导入实际数。");
            }
        }

        if (files.Count == 0)
        {
            return ApiProblems.BadRequest("请以 multipart/form-data 上传至少一个文件（字段名 files）。");
        }

        var list = await DocumentEndpoints.ReadFilesAsync(files);
        if (list.Any(f => ImportKinds.Classify(f.Name, f.Content) != ImportKind.Actuals))
        {
            return ApiProblems.BadRequest("这不是实际数文件：请上传自评表 .xlsx，或含 projects 的实际数 JSON；绩效目标文档请用 POST /api/v1/imports。");
        }

        actor.Operation = "api import actuals";
        var report = await importer.ImportAsync(list, year, dryRun == true, onlyUnitId);
        var result = new ActualsImportResultDto(report.Year, report.DryRun, report.Succeeded, report.Projects, report.Indicators, report.SubGoals,
            [.. report.Errors.Select(e => new ActualsErrorDto(e.Location, e.Message))]);
        return report.Succeeded ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }
}
