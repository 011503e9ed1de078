using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Documents;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Features.Review;

namespace PerformanceTargets.Web.Api;

public sealed record ProjectSummary(int Id, string Code, string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds, ProjectStatus Status);

public sealed record ProjectPage(int Total, int Page, int PageSize, int PageCount, decimal BudgetTotal, IReadOnlyList<ProjectSummary> Items);

/// <summary>A workflow step; <c>level</c> is the review chain's level that decided it (<c>None</c> for submit, adjust, import).</summary>
public sealed record HistoryEntryDto(DateTimeOffset At, string UserName, ProjectStatus From, ProjectStatus To, string? Comment, ReviewStage Level);

/// <summary>One point of the review assistant: its code (switchable per year), its short name, the message, and the indicator's order (null for the project).</summary>
public sealed record ReviewPointDto(string Code, string Label, string Message, int? IndicatorOrder);

/// <summary>
/// One project: where it belongs, its workflow state, what the caller may do with it now, and the project itself in the
/// JSON interchange shape (docs/formats.md) — basics, spending plan, goals and the indicator tree. <c>stage</c> is the
/// review chain's level a submitted project waits at (<c>None</c> otherwise).
/// </summary>
public sealed record ProjectDetail(
    int Id, int UnitId, string UnitCode, string UnitName, int Year, ProjectStatus Status, Guid Version,
    IReadOnlyList<string> AllowedActions, InterchangeProject Project, IReadOnlyList<HistoryEntryDto> History, ReviewStage Stage);

/// <summary>Last year's project (same 项目编码, else same 项目名称 in the same unit) with its indicators; <c>project</c> is null when there is none.</summary>
public sealed record PreviousYearDetail(int? Id, int Year, InterchangeProject? Project);

/// <summary>A project to create or update: the interchange shape's editable fields, validated as the project form validates.</summary>
public sealed class ProjectWrite
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public decimal? Budget { get; set; }

    public decimal? FiscalFunds { get; set; }

    public decimal? OtherFunds { get; set; }

    public string? Purpose { get; set; }

    /// <summary>Cumulative percent spent by the end of months 3, 6, 10 and 12.</summary>
    public List<CheckpointWrite> SpendingPlan { get; set; } = [];

    public List<string?> Goals { get; set; } = [];

    public List<IndicatorWrite> Indicators { get; set; } = [];

    /// <summary>The <c>version</c> the client read; required for an update (optimistic concurrency: 409 when someone saved in between).</summary>
    public Guid? Version { get; set; }

    public ProjectInput ToInput() => new()
    {
        Code = Code ?? string.Empty,
        Name = Name ?? string.Empty,
        Budget = Budget,
        FiscalFunds = FiscalFunds,
        OtherFunds = OtherFunds,
        Purpose = Purpose,
        Plan = [.. SpendingCheckpoint.StandardMonths.Select(m => SpendingPlan.FirstOrDefault(c => c.Month == m)?.CumulativePercent)],
        Goals = Goals ?? [],
        Indicators = [.. (Indicators ?? []).Select(i => new IndicatorInput
        {
            Level1 = i.Level1 ?? string.Empty,
            Level2 = i.Level2 ?? string.Empty,
            Name = i.Name,
            Description = i.Description,
            Value = i.Value,
            Basis = i.Basis,
        })],
        Version = Version,
    };
}

public sealed class CheckpointWrite
{
    public int Month { get; set; }

    public decimal? CumulativePercent { get; set; }
}

public sealed class IndicatorWrite
{
    public string? Level1 { get; set; }

    public string? Level2 { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Value { get; set; }

    public string? Basis { get; set; }
}

public sealed record ReviewRequest(string? Comment);

public sealed record AdjustRequest(string? Reason);

public static class ProjectEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup(string.Empty).WithTags("项目")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        projects.MapGet("/units/{unitId:int}/years/{year:int}/projects", ListAsync)
            .WithSummary("单位某年度的项目（分页；q 搜索项目编码和名称，status 按状态筛选）");
        projects.MapPost("/units/{unitId:int}/years/{year:int}/projects", CreateAsync)
            .WithSummary("新建项目（与项目表单相同的校验）");
        projects.MapGet("/projects/{id:int}", GetAsync)
            .WithSummary("一个项目及其指标树（JSON 交换格式）");
        projects.MapPut("/projects/{id:int}", UpdateAsync)
            .WithSummary("修改项目（须带读取时的 version）")
            .ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapGet("/projects/{id:int}/previous-year", PreviousYearAsync)
            .WithSummary("上年同一项目（同编码，或同单位同名）的绩效目标");

        var workflow = api.MapGroup("/projects/{id:int}").WithTags("审核流程")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/submit", (int id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock) =>
                StepAsync(id, WorkbenchAction.Submit, user, db, (p, _, name) => p.Submit(name, clock.GetUtcNow())))
            .WithSummary("提交审核（财务人员）");
        workflow.MapPost("/approve", (int id, ReviewRequest request, ClaimsPrincipal user, AppDbContext db, ReviewDecisions decisions, UnitHierarchy tree, IValidator<DecisionInput> validator) =>
                DecideAsync(id, Decision.Approve, request, user, db, decisions, tree, validator))
            .WithSummary("审核通过（审核链当前一级的审核人：部门负责人、主管部门负责人或财政审核；末级通过即为已审核）");
        workflow.MapPost("/return", (int id, ReviewRequest request, ClaimsPrincipal user, AppDbContext db, ReviewDecisions decisions, UnitHierarchy tree, IValidator<DecisionInput> validator) =>
                DecideAsync(id, Decision.Return, request, user, db, decisions, tree, validator))
            .WithSummary("退回（审核链当前一级的审核人，须填写退回原因；退回填报单位并记录级次）");
        workflow.MapGet("/review-points", ReviewPointsAsync)
            .WithSummary("审核要点（审核助手）：本项目的提示，不含本年度已关闭的检查");
        workflow.MapPost("/adjust", async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> (int id, AdjustRequest request, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, IValidator<AdjustInput> validator) =>
            {
                var access = await FindAsync(id, WorkbenchAction.Adjust, user, db);
                if (access.Problem is not null)
                {
                    return access.Problem;
                }

                var validation = await validator.ValidateAsync(new AdjustInput { Reason = request.Reason });
                if (!validation.IsValid)
                {
                    return ApiProblems.Validation(validation.Errors.GroupBy(e => "reason").ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
                }

                return await StepAsync(id, WorkbenchAction.Adjust, user, db, (p, _, name) => p.Adjust(name, clock.GetUtcNow(), request.Reason!));
            })
            .WithSummary("绩效目标调整（财务人员，已审核的项目重新成为草稿）");
    }

    private static async Task<Results<Ok<ProjectPage>, ProblemHttpResult>> ListAsync(
        int unitId, int year, string? q, ProjectStatus? status, int? page, int? pageSize, ClaimsPrincipal user, AppDbContext db)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId) || ApiProblems.Check(user, WorkbenchAction.Read, unitId) is not null)
        {
            return ApiProblems.NotFound("单位不存在，或您无权查看。");
        }

        var query = db.Projects.AsNoTracking().Where(p => p.UnitId == unitId && p.Year == year);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(p => p.Code.Contains(term) || p.Name.Contains(term));
        }

        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var budgets = await query.Select(p => p.Budget).ToListAsync(); // summed here: SQLite cannot sum decimals
        var pageCount = Math.Max(1, (budgets.Count + size - 1) / size);
        var number = Math.Clamp(page ?? 1, 1, pageCount);
        var items = await query.OrderBy(p => p.Code).Skip((number - 1) * size).Take(size)
            .Select(p => new ProjectSummary(p.Id, p.Code, p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.Status))
            .ToListAsync();
        return TypedResults.Ok(new ProjectPage(budgets.Count, number, size, pageCount, Domain.Amounts.Sum(budgets), items));
    }

    private static async Task<Results<Ok<ProjectDetail>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, AppDbContext db, UnitHierarchy tree, ReviewDecisions decisions)
    {
        var found = await FindAsync(id, WorkbenchAction.Read, user, db, tracked: false, tree);
        return found.Problem ?? (Results<Ok<ProjectDetail>, ProblemHttpResult>)TypedResults.Ok(await DetailAsync(found.Project!, user, db, decisions));
    }

    private static async Task<Results<Ok<IReadOnlyList<ReviewPointDto>>, ProblemHttpResult>> ReviewPointsAsync(int id, ClaimsPrincipal user, AppDbContext db, UnitHierarchy tree, ReviewChecklist checklist)
    {
        var found = await FindAsync(id, WorkbenchAction.Read, user, db, tracked: false, tree);
        if (found.Problem is not null)
        {
            return found.Problem;
        }

        var labels = ReviewAssistant.Checks.ToDictionary(c => c.Code, c => c.Label);
        var points = await checklist.ForAsync(found.Project!);
        return TypedResults.Ok<IReadOnlyList<ReviewPointDto>>([.. points.Select(p => new ReviewPointDto(p.Code, labels.GetValueOrDefault(p.Code, p.Code), p.Message, p.IndicatorOrder))]);
    }

    /// <summary>An approval or return at the level the project waits at (<see cref="ReviewDecisions"/>): 404/403 as for reading and deciding, 409 when it is another level's turn or the step is not legal.</summary>
    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        int id, Decision decision, ReviewRequest request, ClaimsPrincipal user, AppDbContext db, ReviewDecisions decisions, UnitHierarchy tree, IValidator<DecisionInput> validator)
    {
        var found = await FindAsync(id, decision == Decision.Approve ? WorkbenchAction.Approve : WorkbenchAction.Return, user, db, tracked: true, tree);
        if (found.Problem is not null)
        {
            return found.Problem;
        }

        var validation = await validator.ValidateAsync(new DecisionInput { Decision = decision, Comment = request.Comment });
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation.Errors.GroupBy(e => "comment").ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }

        var project = found.Project!;
        try
        {
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId);
            await decisions.DecideAsync(project, unit, user, decision, request.Comment);
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("该项目刚被他人修改，请重新读取后重试。");
        }

        return TypedResults.Ok(await DetailAsync(project, user, db, decisions));
    }

    private static async Task<Results<Ok<PreviousYearDetail>, ProblemHttpResult>> PreviousYearAsync(int id, ClaimsPrincipal user, AppDbContext db, PreviousYear previousYear)
    {
        var found = await FindAsync(id, WorkbenchAction.Read, user, db, tracked: false);
        if (found.Problem is not null)
        {
            return found.Problem;
        }

        var project = found.Project!;
        var previous = await previousYear.FindAsync(project.UnitId, project.Year, project.Code, project.Name);
        return TypedResults.Ok(new PreviousYearDetail(previous?.Id, project.Year - 1, previous is null ? null : DomainMapping.ToInterchange(previous)));
    }

    private static async Task<Results<Created<ProjectDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        int unitId, int year, ProjectWrite body, ClaimsPrincipal user, AppDbContext db, ProjectWriter writer)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId);
        if (unit is null || ApiProblems.Check(user, WorkbenchAction.Read, unitId) is not null)
        {
            return ApiProblems.NotFound("单位不存在，或您无权查看。");
        }

        if (ApiProblems.Check(user, WorkbenchAction.Edit, unitId) is not null)
        {
            return ApiProblems.Forbidden();
        }

        if (year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            return ApiProblems.Validation("year", $"年度应在 {FiscalYear.MinYear} 至 {FiscalYear.MaxYear} 之间。");
        }

        if (ExtraMonths(body) is { } months)
        {
            return months;
        }

        var saved = await writer.SaveAsync(null, unitId, year, body.ToInput(), unit.Code);
        if (!saved.Succeeded)
        {
            return ApiProblems.Validation(saved.Errors);
        }

        var detail = await DetailAsync(saved.Project!, user, db);
        return TypedResults.Created($"/api/v1/projects/{detail.Id}", detail);
    }

    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, ProjectWrite body, ClaimsPrincipal user, AppDbContext db, ProjectWriter writer)
    {
        var found = await FindAsync(id, WorkbenchAction.Edit, user, db);
        if (found.Problem is not null)
        {
            return found.Problem;
        }

        if (body.Version is null)
        {
            return ApiProblems.Validation("version", "请提供读取项目时得到的 version（防止覆盖他人的修改）。");
        }

        if (ExtraMonths(body) is { } months)
        {
            return months;
        }

        var project = found.Project!;
        var unitCode = await db.Units.Where(u => u.Id == project.UnitId).Select(u => u.Code).FirstAsync();
        var saved = await writer.SaveAsync(project, project.UnitId, project.Year, body.ToInput(), unitCode);
        if (saved.Conflict)
        {
            return ApiProblems.Conflict(saved.Errors[0].Message);
        }

        if (!saved.Succeeded)
        {
            return ApiProblems.Validation(saved.Errors);
        }

        return TypedResults.Ok(await DetailAsync(saved.Project!, user, db));
    }

    private static ValidationProblem? ExtraMonths(ProjectWrite body)
    {
        // The months are the domain's rule (SpendingPlanRules.CheckMonths); the form has one field a month, so only the API checks them.
        return SpendingPlanRules.CheckMonths((body.SpendingPlan ?? []).Select(c => c.Month)) is { } problem
            ? ApiProblems.Validation("spendingPlan", problem)
            : null;
    }

    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> StepAsync(
        int id, WorkbenchAction action, ClaimsPrincipal user, AppDbContext db, Action<BudgetProject, Domain.Units.Unit, string> step)
    {
        var found = await FindAsync(id, action, user, db);
        if (found.Problem is not null)
        {
            return found.Problem;
        }

        var project = found.Project!;
        try
        {
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId);
            step(project, unit, user.Identity?.Name ?? "?");
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("该项目刚被他人修改，请重新读取后重试。");
        }

        return TypedResults.Ok(await DetailAsync(project, user, db));
    }

    /// <summary>The project with its indicators, after the same checks as the pages: 404 when it does not exist or the user may not read its unit, 403 when the role may not do <paramref name="action"/>.</summary>
    private static async Task<(BudgetProject? Project, ProblemHttpResult? Problem)> FindAsync(int id, WorkbenchAction action, ClaimsPrincipal user, AppDbContext db, bool tracked = true, IUnitAncestry? ancestry = null)
    {
        var query = db.Projects.Include(p => p.Indicators).AsQueryable();
        var project = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null)
        {
            return (null, ApiProblems.NotFound("项目不存在，或您无权查看。"));
        }

        return ApiProblems.CheckProject(user, action, project.UnitId, ancestry) is ProblemHttpResult problem
            ? (null, problem.StatusCode == StatusCodes.Status404NotFound ? ApiProblems.NotFound("项目不存在，或您无权查看。") : problem)
            : (project, null);
    }

    private static async Task<ProjectDetail> DetailAsync(BudgetProject project, ClaimsPrincipal user, AppDbContext db, ReviewDecisions? decisions = null)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == project.UnitId);
        var actions = new List<string>();
        void Offer(string name, WorkbenchAction action, bool legal)
        {
            if (legal && ProjectAccess.Can(user, action, project.UnitId))
            {
                actions.Add(name);
            }
        }

        Offer("edit", WorkbenchAction.Edit, project.IsEditable);
        Offer("submit", WorkbenchAction.Submit, project.IsEditable);
        if (project.Status == ProjectStatus.Submitted && (decisions is null ? ProjectAccess.Can(user, WorkbenchAction.Approve, project.UnitId) : decisions.WhyNotDecide(user, project) is null))
        {
            actions.Add("approve");
            actions.Add("return");
        }

        Offer("adjust", WorkbenchAction.Adjust, project.Status == ProjectStatus.Approved);
        return new ProjectDetail(
            project.Id, unit.Id, unit.Code, unit.Name, project.Year, project.Status, project.Version, actions,
            DomainMapping.ToInterchange(project),
            [.. project.History.Select(h => new HistoryEntryDto(h.At, h.UserName, h.From, h.To, h.Comment, h.Level))],
            ReviewDecisions.WaitingAt(project));
    }
}
