using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Projects;

/// <summary>A project: its goal table, quality warnings and history, and the finance steps — submit for review, adjust an approved table.</summary>
public class DetailsModel(AppDbContext db, TimeProvider clock, IValidator<AdjustInput> adjustValidator, ReviewDecisions decisions, ReviewChecklist checklist) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public AdjustInput Adjust { get; set; } = new();

    public BudgetProject Project { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

    public bool CanEdit => ProjectAccess.Can(User, WorkbenchAction.Edit, Project.UnitId) && Project.IsEditable;

    public bool CanSubmit => ProjectAccess.Can(User, WorkbenchAction.Submit, Project.UnitId) && Project.IsEditable && Project.MissingForSubmission is null;

    public bool CanAdjust => ProjectAccess.Can(User, WorkbenchAction.Adjust, Project.UnitId) && Project.Status == ProjectStatus.Approved;

    /// <summary>The signed-in user is the reviewer of the level the project waits at.</summary>
    public bool CanReview { get; private set; }

    /// <summary>The review assistant's points (审核要点), shown to the filler as warnings.</summary>
    public IReadOnlyList<ReviewPoint> ReviewPoints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Read) ?? Page();

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync(WorkbenchAction.Submit) is { } denied)
        {
            return denied;
        }

        return await StepAsync(() => Project.Submit(UserName, clock.GetUtcNow()), "已提交审核。");
    }

    public async Task<IActionResult> OnPostAdjustAsync()
    {
        if (await LoadAsync(WorkbenchAction.Adjust) is { } denied)
        {
            return denied;
        }

        var validation = await adjustValidator.ValidateAsync(Adjust);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Adjust)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }

        return await StepAsync(() => Project.Adjust(UserName, clock.GetUtcNow(), Adjust.Reason!), "已进行绩效目标调整，项目重新成为草稿。");
    }

    private string UserName => User.Identity?.Name ?? "?";

    private async Task<IActionResult> StepAsync(Action step, string done)
    {
        try
        {
            step();
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "该项目刚被他人修改，请刷新后重试。");
            return Page();
        }

        TempData["Message"] = done;
        return RedirectToPage(new { id = Project.Id });
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        var (loaded, unit, denied) = await this.LoadProjectAsync(db, Id, action);
        if (denied is not null)
        {
            return denied;
        }

        var project = loaded!;
        Project = project;
        Unit = unit!;
        Warnings = QualityReview.Review(project);
        CanReview = project.Status == ProjectStatus.Submitted && decisions.WhyNotDecide(User, project) is null;
        ReviewPoints = project.Status is ProjectStatus.Approved ? [] : await checklist.ForAsync(project);
        return null;
    }
}
