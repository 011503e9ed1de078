using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.YearEnd;

/// <summary>
/// 年终自评 of a unit and year: every project with its stored score and grade (links to the 自评表), the sub-goals'
/// completion rates, the .xlsx template download and the actuals upload (JSON or the filled template, all or nothing).
/// </summary>
public class IndexModel(
    AppDbContext db,
    UnitScope scope,
    RatingCalculator ratings,
    RatingsQuery ratingsQuery,
    ActualsImporter importer,
    TemplateExporter templates,
    AuditActor actor,
    IValidator<SubGoalRatesInput> subGoalValidator,
    IValidator<UploadInput> uploadValidator,
    Features.Department.DepartmentTableService departmentTables) : PageModel
{
    /// <summary>The unit's 部门整体支出绩效目标表 of the year and its 部门整体自评 (scored like a project); null when there is no table.</summary>
    public (Domain.Department.DepartmentTable Table, Domain.Rules.ProjectScore Score)? Department { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public SubGoalRatesInput SubGoalRates { get; set; } = new();

    [BindProperty]
    public UploadInput Upload { get; set; } = new();

    public Unit CurrentUnit { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<(int Id, string Code, string Name, decimal Budget, ProjectStatus Status, bool TakesActuals, ProjectRating? Rating)> Projects { get; private set; } = [];

    public IReadOnlyList<(SubGoal Goal, SubGoalRating? Rating)> SubGoals { get; private set; } = [];

    public IReadOnlyList<ActualsError> UploadErrors { get; private set; } = [];

    public bool CanRecord => ProjectAccess.Can(User, WorkbenchAction.RecordActuals, CurrentUnit.Id);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Read) ?? Page();

    /// <summary>The unit's 自评表 template, filled with what is stored.</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        if (await ResolveAsync(WorkbenchAction.Read) is { } denied)
        {
            return denied;
        }

        var path = Path.GetTempFileName();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            templates.Write(file, CurrentYear, CurrentUnit.Id);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"自评表-{CurrentUnit.Code}-{CurrentYear}.xlsx");
    }

    public async Task<IActionResult> OnPostSubGoalsAsync()
    {
        if (await ResolveAsync(WorkbenchAction.RecordActuals) is { } denied)
        {
            return denied;
        }

        ModelState.Clear();
        ModelState.AddFailures(await subGoalValidator.ValidateAsync(SubGoalRates), nameof(SubGoalRates));
        if (!ModelState.IsValid)
        {
            return await LoadAsync(WorkbenchAction.Read) ?? Page();
        }

        var plan = await db.UnitPlans.Include(p => p.SubGoals).FirstOrDefaultAsync(p => p.UnitId == CurrentUnit.Id && p.Year == CurrentYear);
        if (plan is null)
        {
            return NotFound();
        }

        for (var k = 0; k < SubGoalRates.Rates.Count; k++)
        {
            var rate = SubGoalRates.Rates[k];
            if (plan.SubGoals.FirstOrDefault(g => g.Id == rate.Id) is not { } goal)
            {
                continue;
            }

            try
            {
                plan.RecordCompletion(goal, rate.CompletionRate);
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError($"{nameof(SubGoalRates)}.{nameof(SubGoalRates.Rates)}[{k}].{nameof(rate.CompletionRate)}", ex.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(WorkbenchAction.Read) ?? Page();
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await ratings.RateSubGoalsAsync(CurrentYear, [CurrentUnit.Id]);
        Message = "已保存分项目标完成率并重新评级。";
        return RedirectToPage(new { unit = CurrentUnit.Id, year = CurrentYear });
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (await ResolveAsync(WorkbenchAction.RecordActuals) is { } denied)
        {
            return denied;
        }

        ModelState.Clear();
        ModelState.AddFailures(await uploadValidator.ValidateAsync(Upload), nameof(Upload));
        if (!ModelState.IsValid)
        {
            return await LoadAsync(WorkbenchAction.Read) ?? Page();
        }

        using var buffer = new MemoryStream();
        await Upload.File!.CopyToAsync(buffer);
        var file = new ImportFile(Path.GetFileName(Upload.File.FileName), buffer.ToArray());
        if (ImportKinds.Classify(file.Name, file.Content) != ImportKind.Actuals)
        {
            ModelState.AddModelError($"{nameof(Upload)}.{nameof(Upload.File)}", "这不是实际数文件：请上传自评表 .xlsx，或含 projects 的实际数 JSON。");
            return await LoadAsync(WorkbenchAction.Read) ?? Page();
        }

        actor.Operation = "upload actuals " + file.Name;
        var onlyUnit = ProjectAccess.SeesAllUnits(User) ? (int?)null : CurrentUnit.Id;
        var report = await importer.ImportAsync([file], CurrentYear, dryRun: false, onlyUnitId: onlyUnit);
        if (!report.Succeeded)
        {
            UploadErrors = report.Errors;
            ModelState.AddModelError($"{nameof(Upload)}.{nameof(Upload.File)}", $"导入失败，未写入任何数据（{report.Errors.Count} 个错误）。");
            return await LoadAsync(WorkbenchAction.Read) ?? Page();
        }

        Message = $"已导入实际数并重新评分：项目 {report.Projects}，指标 {report.Indicators}，分项目标 {report.SubGoals}。";
        return RedirectToPage(new { unit = CurrentUnit.Id, year = CurrentYear });
    }

    private async Task<IActionResult?> ResolveAsync(WorkbenchAction action)
    {
        var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, action);
        if (denied is not null)
        {
            return denied;
        }

        var unit = resolved!;

        CurrentUnit = unit;
        CurrentYear = await scope.ResolveYearAsync(Year);
        return null;
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        if (await ResolveAsync(action) is { } denied)
        {
            return denied;
        }

        var (stored, goalRatings) = await ratingsQuery.StoredOfUnitAsync(CurrentYear, CurrentUnit.Id);
        Units = await scope.VisibleUnitsAsync(User);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.UnitId == CurrentUnit.Id && p.Year == CurrentYear)
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name, p.Budget, p.Status, WasApproved = p.ApprovedSnapshot != null })
            .ToListAsync();
        Projects = [.. projects.Select(p => (p.Id, p.Code, p.Name, p.Budget, p.Status, BudgetProject.TakesActuals(p.Status, p.WasApproved), stored.GetValueOrDefault(p.Id)))];

        var plan = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).FirstOrDefaultAsync(p => p.UnitId == CurrentUnit.Id && p.Year == CurrentYear);
        SubGoals = plan is null ? [] : [.. plan.SubGoals.OrderBy(g => g.Order).Select(g => (g, goalRatings.GetValueOrDefault(g.Id)))];
        if (SubGoalRates.Rates.Count == 0)
        {
            SubGoalRates.Rates = [.. SubGoals.Select(g => new SubGoalRatesInput.RateInput { Id = g.Goal.Id, CompletionRate = g.Goal.CompletionRate })];
        }

        if ((await departmentTables.LoadAsync(User, CurrentUnit.Id, CurrentYear, WorkbenchAction.Read)).Table is { } department)
        {
            Department = (department, await departmentTables.ScoreAsync(department));
        }

        return null;
    }
}

/// <summary>完成率 of each sub-goal of the unit plan.</summary>
public sealed class SubGoalRatesInput
{
    public List<RateInput> Rates { get; set; } = [];

    public sealed class RateInput
    {
        public int Id { get; set; }

        public decimal? CompletionRate { get; set; }
    }
}

public sealed class SubGoalRatesInputValidator : AbstractValidator<SubGoalRatesInput>
{
    public SubGoalRatesInputValidator() =>
        RuleForEach(x => x.Rates).ChildRules(rate =>
            rate.RuleFor(r => r.CompletionRate).GreaterThanOrEqualTo(0).WithMessage("完成率不能为负数。"));
}

/// <summary>An actuals file to upload: the filled 自评表 .xlsx or an actuals JSON.</summary>
public sealed class UploadInput
{
    public IFormFile? File { get; set; }
}

public sealed class UploadInputValidator : AbstractValidator<UploadInput>
{
    public const long MaxBytes = 32L * 1024 * 1024;

    public UploadInputValidator()
    {
        RuleFor(x => x.File).NotNull().WithMessage("请选择要上传的文件。");
        RuleFor(x => x.File!.Length).LessThanOrEqualTo(MaxBytes).When(x => x.File is not null).WithMessage("文件不能超过 32 MB。");
        RuleFor(x => x.File!.FileName).Must(n => n.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .When(x => x.File is not null).WithMessage("请上传 .xlsx 或 .json 文件。");
    }
}
