using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

public sealed record PublicationDto(int Year, string UnitCode, string UnitName, DateTimeOffset PublishedAt, bool ResultsPublished);

/// <summary>A live publication: the unit's overall goal and published goal tables (the JSON interchange unit, docs/formats.md) and, when published, the self-evaluation results.</summary>
public sealed record PublishedUnitDto(int Year, string UnitCode, string UnitName, DateTimeOffset PublishedAt, InterchangeUnit Content, IReadOnlyList<PublishedResult>? Results);

public sealed record PublishResultDto(int Year, string UnitCode, int Projects, bool WithResults);

/// <summary>
/// 预算公开 over the API: anonymous, read-only, rate-limited and output-cached reads of what is published
/// (<c>/api/v1/public/…</c>, through <see cref="PublicCatalog"/>), and the publish and withdraw steps for those the
/// <see cref="Policies.Publish"/> policy lets in (through <see cref="Publisher"/>, audited like the page's).
/// </summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public")
            .AllowAnonymous()
            .RequireRateLimiting(PublicSurface.Policy)
            .CacheOutput(PublicSurface.Policy)
            .WithTags("预算公开")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        open.MapGet("/publications", async (PublicCatalog catalog, CancellationToken cancellationToken) =>
                TypedResults.Ok((await catalog.ListAsync(cancellationToken)).Select(p => new PublicationDto(p.Year, p.UnitCode, p.UnitName, p.PublishedAt, p.ResultsPublished)).ToList()))
            .WithSummary("已公开的单位和年度（无需登录）");

        open.MapGet("/publications/{year}/{unitCode}", async Task<Results<Ok<PublishedUnitDto>, ProblemHttpResult>> (int year, string unitCode, PublicCatalog catalog, CancellationToken cancellationToken) =>
                await catalog.FindAsync(year, unitCode, cancellationToken) is { } p
                    ? TypedResults.Ok(new PublishedUnitDto(p.Year, p.UnitCode, p.UnitName, p.PublishedAt, p.Content, p.Results))
                    : ApiProblems.NotFound("该单位该年度没有公开的绩效目标。"))
            .WithSummary("一个单位一个年度公开的绩效目标（部门整体绩效目标及项目绩效目标表，按项目编码排序；无需登录）")
            .ProducesProblem(StatusCodes.Status404NotFound);

        open.MapGet("/publications/{year}/{unitCode}/docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int year, string unitCode, PublicCatalog catalog, CancellationToken cancellationToken) =>
                await catalog.FindAsync(year, unitCode, cancellationToken) is { } p
                    ? TypedResults.File(PublicCatalog.PackageDocx(p), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", PublicCatalog.PackageFileName(p))
                    : ApiProblems.NotFound("该单位该年度没有公开的绩效目标。"))
            .WithSummary("公开的绩效目标下载（.docx：部门整体绩效目标在前，项目绩效目标表按编码排序；无需登录）")
            .Produces(StatusCodes.Status200OK, null, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/publications/{year}/{unitCode}/publish", PublishAsync)
            .WithTags("预算公开")
            .WithSummary("公开一个单位本年度审核通过的绩效目标表（withResults=true 时同时公开自评结果；系统管理员）")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/publications/{year}/{unitCode}/withdraw", WithdrawAsync)
            .WithTags("预算公开")
            .WithSummary("撤回一个单位本年度的公开（系统管理员）")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<PublishResultDto>, ProblemHttpResult>> PublishAsync(
        int year, string unitCode, ClaimsPrincipal user, Publisher publisher, CancellationToken cancellationToken, [FromQuery] bool withResults = false)
    {
        var result = await publisher.PublishAsync(user, unitCode, year, withResults, cancellationToken);
        return result.Outcome switch
        {
            PublishOutcome.Done => TypedResults.Ok(new PublishResultDto(year, unitCode, result.Projects, withResults)),
            PublishOutcome.Forbidden => ApiProblems.Forbidden("只有系统管理员可以公开绩效目标。"),
            PublishOutcome.NothingApproved => TypedResults.Problem("该单位本年度没有审核通过的项目绩效目标表，未公开。", statusCode: StatusCodes.Status422UnprocessableEntity, title: "没有可公开的内容"),
            _ => ApiProblems.NotFound("没有这个单位。"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        int year, string unitCode, ClaimsPrincipal user, Publisher publisher, CancellationToken cancellationToken)
    {
        var result = await publisher.WithdrawAsync(user, unitCode, year, cancellationToken);
        return result.Outcome switch
        {
            PublishOutcome.Done => TypedResults.NoContent(),
            PublishOutcome.Forbidden => ApiProblems.Forbidden("只有系统管理员可以撤回公开。"),
            _ => ApiProblems.NotFound("该单位该年度没有公开的绩效目标。"),
        };
    }
}
