using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Audit;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record ImportErrorDto(string File, int? Table, int? Row, string? Field, string Message, int? Paragraph, int? Line, string Text);

/// <summary>What an import did (or, for a dry run, would do), as the <c>import</c> verb reports it.</summary>
public sealed record ImportResultDto(int Year, bool DryRun, bool Succeeded, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged, IReadOnlyList<ImportErrorDto> Errors)
{
    /// <summary>Per project, what was recognised (the browser's import preview shows the same): fields, indicator count, notices, unknown labels, generated codes.</summary>
    public IReadOnlyList<ImportPreviewProject> Projects { get; init; } = [];

    /// <summary>What the reader noticed (warnings, not errors).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}

/// <summary>
/// Imports (the <c>import</c> verb's formats: .txt text dump, .docx, .json interchange; multipart upload; all or nothing,
/// through <see cref="PlanImporter"/>) and exports (the <c>export</c> verb's: projects as json, txt, docx or xlsx; the audit trail).
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/imports", ImportAsync)
            .DisableAntiforgery() // checked for cookie calls by the API's own filter; bearer calls need none
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithTags("导入导出")
            .WithSummary("导入绩效目标文档（.txt、.docx、.json，可多个文件，全部成功才写入；year 对 .txt/.docx 必填）")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/exports/projects", ExportProjectsAsync)
            .WithTags("导入导出")
            .WithSummary("导出项目（format=json|txt|docx|xlsx；unit 为单位编码，省略时为可见的全部单位）")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/exports/audit", ExportAuditAsync)
            .WithTags("导入导出")
            .WithSummary("导出审计记录（format=json|csv|xlsx；时间为北京时间，带 +08:00；系统管理员、审计人员）")
            .Produces<List<AuditEntryDto>>(StatusCodes.Status200OK, "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<ImportResultDto>, UnprocessableEntity<ImportResultDto>, ProblemHttpResult>> ImportAsync(
        IFormFileCollection files, [FromQuery] int? year, [FromQuery] bool? dryRun, ClaimsPrincipal user, AppDbContext db, PlanImporter importer, AuditActor actor,
        [FromQuery] string? unit = null, [FromQuery] string? unitName = null)
    {
        // Admins import any unit's documents; a unit's finance staff only their own unit's, and new projects start as drafts.
        string? onlyUnitCode = null;
        if (!ProjectAccess.SeesAllUnits(user) || ApiProblems.Check(user, WorkbenchAction.Edit, 0) is not null)
        {
            var own = user.GetUnitId();
            if (own is null || ApiProblems.Check(user, WorkbenchAction.Edit, own.Value) is not null)
            {
                return ApiProblems.Forbidden("只有系统管理员和本单位财务人员可以导入。");
            }

            onlyUnitCode = await db.Units.Where(u => u.Id == own).Select(u => u.Code).FirstAsync();
        }

        if (files.Count == 0)
        {
            return ApiProblems.BadRequest("请以 multipart/form-data 上传至少一个文件（字段名 files）。");
        }

        var list = await ReadFilesAsync(files);
        if (list.Any(f => ImportKinds.Classify(f.Name, f.Content) == ImportKind.Actuals))
        {
            return ApiProblems.BadRequest("这是年终实际数文件（自评表 .xlsx 或实际数 JSON），请用 POST /api/v1/imports/actuals。");
        }

        var importYear = year ?? PlanImporter.YearOfJson(list);
        if (importYear is not (>= FiscalYear.MinYear and <= FiscalYear.MaxYear))
        {
            return ApiProblems.BadRequest(year is null ? "导入 .txt 或 .docx 文件时须指定 year（文件本身不写年度）。" : $"year 应在 {FiscalYear.MinYear} 至 {FiscalYear.MaxYear} 之间。");
        }

        actor.Operation = "api import";
        var report = await importer.ImportAsync(list, importYear.Value, dryRun == true, onlyUnitCode, restoreStatus: onlyUnitCode is null,
            unitCode: onlyUnitCode ?? unit, unitName: unitName);
        var result = new ImportResultDto(
            report.Year, report.DryRun, report.Succeeded, report.Added, report.Changed, report.Unchanged,
            [.. report.Errors.Select(e => new ImportErrorDto(e.File, e.Table, e.Row, e.Field, e.Message, e.Paragraph, e.Line, e.ToString()))])
        {
            Projects = report.Preview,
            Notices = report.Notices,
        };
        return report.Succeeded ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    /// <summary>The uploaded files, read into memory (the readers need the whole file; sizes are limited by the server).</summary>
    public static async Task<List<ImportFile>> ReadFilesAsync(IFormFileCollection files)
    {
        var list = new List<ImportFile>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            list.Add(new ImportFile(Path.GetFileName(file.FileName), memory.ToArray()));
        }

        return list;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportProjectsAsync(
        [FromQuery] int year, [FromQuery] string? format, [FromQuery] string? unit, ClaimsPrincipal user, AppDbContext db, PlanExporter exporter)
    {
        var kind = PlanExporter.ParseFormat(format ?? "json");
        if (kind is null)
        {
            return ApiProblems.BadRequest($"不支持的格式“{format}”，请用 json、txt 或 docx。");
        }

        var unitCode = unit?.Trim();
        if (string.IsNullOrEmpty(unitCode) && !ProjectAccess.SeesAllUnits(user))
        {
            var own = user.GetUnitId();
            unitCode = own is null ? null : await db.Units.Where(u => u.Id == own).Select(u => u.Code).FirstOrDefaultAsync();
            if (unitCode is null)
            {
                return ApiProblems.Forbidden("您没有所属单位，不能导出。");
            }
        }

        if (!string.IsNullOrEmpty(unitCode))
        {
            var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null || ApiProblems.Check(user, WorkbenchAction.Read, unitId.Value) is not null)
            {
                return ApiProblems.NotFound("单位不存在，或您无权查看。");
            }
        }

        var document = await exporter.BuildAsync(year, string.IsNullOrEmpty(unitCode) ? null : unitCode);
        if (document is null)
        {
            return ApiProblems.NotFound("单位不存在，或您无权查看。");
        }

        var name = $"projects-{year}{(string.IsNullOrEmpty(unitCode) ? string.Empty : "-" + unitCode)}{PlanExporter.Extension(kind.Value)}";
        return TypedResults.File(PlanDocuments.Write(document, kind.Value), PlanExporter.ContentType(kind.Value), name);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportAuditAsync(
        [FromQuery] string? format, [FromQuery] int? year, [FromQuery] string? unit, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!ProjectAccess.SeesAllUnits(user))
        {
            return ApiProblems.Forbidden("只有系统管理员和审计人员可以导出审计记录。");
        }

        if (AuditExporter.ParseFormat(format ?? "json") is not { } kind)
        {
            return ApiProblems.BadRequest($"不支持的格式“{format}”，请用 json、csv 或 xlsx。");
        }

        var query = db.AuditEntries.AsNoTracking();
        if (year is not null)
        {
            query = query.Where(a => a.Year == year);
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            var code = unit.Trim();
            query = query.Where(a => a.UnitCode == code);
        }

        var file = await AuditExporter.WriteTemporaryAsync(query, kind, cancellationToken);
        return TypedResults.File(file, AuditExporter.ContentType(kind), AuditExporter.FileName(kind, DateTimeOffset.UtcNow));
    }

}
