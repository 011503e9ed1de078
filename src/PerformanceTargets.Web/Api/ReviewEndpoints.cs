using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Api;

/// <summary>One review-assistant check and whether it is on for the year.</summary>
public sealed record ReviewCheckDto(string Code, string Label, bool Enabled);

/// <summary>How a year's goal tables are reviewed: the chain's level count, its stages (for a unit with a parent), and the assistant's checks.</summary>
public sealed record ReviewSettingsDto(int Year, int Levels, IReadOnlyList<ReviewStage> Stages, IReadOnlyList<ReviewCheckDto> Checks);

/// <summary>The review settings to store for a year: 1–3 levels and the codes of the checks to switch off.</summary>
public sealed class ReviewSettingsWrite
{
    public int Levels { get; set; } = ReviewChain.MinLevels;

    public List<string> DisabledChecks { get; set; } = [];
}

/// <summary>How many projects wait at one level of the caller's review queue.</summary>
public sealed record QueueLevelDto(ReviewStage Level, int Count);

public sealed record QueueItemDto(int Id, int UnitId, string UnitCode, string UnitName, int Year, string Code, string Name, decimal Budget, ReviewStage Level);

/// <summary>The caller's review queue: every level they review at with its count, and the projects waiting (at <c>level</c>, or at all of them).</summary>
public sealed record ReviewQueueDto(IReadOnlyList<QueueLevelDto> Levels, IReadOnlyList<QueueItemDto> Items);

/// <summary>The review chain's settings per year and the caller's review queue (issue 19 §2–§3).</summary>
public static class ReviewEndpoints
{
    public const int MaxQueueItems = 500;

    public static void MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("审核链");
        group.MapGet("/years/{year:int}/review-settings", GetSettingsAsync)
            .WithSummary("年度审核设置：审核级次（1–3 级）与审核要点开关")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/years/{year:int}/review-settings", PutSettingsAsync)
            .WithSummary("保存年度审核设置（系统管理员）")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/review/queue", QueueAsync)
            .WithSummary("我的审核队列：各级待审数量与待审项目（level 可选：Unit、Parent、Finance）")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<ReviewSettingsDto>, ProblemHttpResult>> GetSettingsAsync(int year, AppDbContext db)
    {
        var fiscal = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year);
        return fiscal is null
            ? ApiProblems.NotFound($"没有 {year} 年度。")
            : TypedResults.Ok(ToDto(fiscal));
    }

    private static async Task<Results<Ok<ReviewSettingsDto>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(int year, ReviewSettingsWrite body, ClaimsPrincipal user, AppDbContext db)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Forbidden("只有系统管理员可以修改审核设置。");
        }

        var fiscal = await db.FiscalYears.FirstOrDefaultAsync(y => y.Year == year);
        if (fiscal is null)
        {
            return ApiProblems.NotFound($"没有 {year} 年度。");
        }

        if (!fiscal.IsOpen)
        {
            return ApiProblems.Conflict($"{year} 年度已关闭，审核设置不能修改。");
        }

        try
        {
            fiscal.ConfigureReview(body.Levels, body.DisabledChecks ?? []);
        }
        catch (DomainException ex)
        {
            var field = body.Levels is < ReviewChain.MinLevels or > ReviewChain.MaxLevels ? "levels" : "disabledChecks";
            return ApiProblems.Validation(field, ex.Message);
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(ToDto(fiscal));
    }

    private static async Task<Results<Ok<ReviewQueueDto>, ProblemHttpResult>> QueueAsync(ReviewStage? level, ClaimsPrincipal user, ReviewQueue queue, AppDbContext db)
    {
        if (!ReviewQueue.Reviews(user))
        {
            return ApiProblems.Forbidden("您的角色不参与审核。");
        }

        var levels = await queue.CountsAsync(user);
        var items = await queue.Of(user, level)
            .OrderBy(p => p.Year).ThenBy(p => p.Code)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { p.Id, p.UnitId, UnitCode = u.Code, UnitName = u.Name, p.Year, p.Code, p.Name, p.Budget, p.Stage })
            .Take(MaxQueueItems)
            .ToListAsync();
        return TypedResults.Ok(new ReviewQueueDto(
            [.. levels.Select(l => new QueueLevelDto(l.Stage, l.Count))],
            [.. items.Select(i => new QueueItemDto(i.Id, i.UnitId, i.UnitCode, i.UnitName, i.Year, i.Code, i.Name, i.Budget, i.Stage == ReviewStage.None ? ReviewStage.Unit : i.Stage))]));
    }

    private static ReviewSettingsDto ToDto(Domain.Units.FiscalYear fiscal)
    {
        var disabled = fiscal.DisabledChecks;
        return new ReviewSettingsDto(
            fiscal.Year,
            fiscal.Chain.Levels,
            fiscal.Chain.StagesFor(unitHasParent: true),
            [.. ReviewAssistant.Checks.Select(c => new ReviewCheckDto(c.Code, c.Label, !disabled.Contains(c.Code)))]);
    }
}
