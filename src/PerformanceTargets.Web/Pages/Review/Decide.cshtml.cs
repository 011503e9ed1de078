using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>
/// A reviewer of the chain (the unit's head, the 主管部门 head, 财政审核) reviews one submitted project: the goal table in
/// the official layout, the quality warnings and the review assistant's checklist, then approve or return with a comment.
/// </summary>
public class DecideModel(AppDbContext db, IValidator<DecisionInput> validator, PreviousYear previousYear, ReviewDecisions decisions, ReviewChecklist checklist) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public BudgetProject Project { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

    /// <summary>The review assistant's checklist (审核要点) for this project, without the checks switched off for the year.</summary>
    public IReadOnlyList<ReviewPoint> Checklist { get; private set; } = [];

    /// <summary>The year's review chain as it applies to this project's unit, e.g. "本单位审核 → 主管部门审核".</summary>
    public string Chain { get; private set; } = string.Empty;

    /// <summary>Why the signed-in user cannot decide now (another level's turn); null when they can.</summary>
    public string? NotYourTurn { get; private set; }

    /// <summary>Last year's version of this project, shown beside this year's targets.</summary>
    public BudgetProject? PreviousProject { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Approve) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var action = Input.Decision == Decision.Approve ? WorkbenchAction.Approve : WorkbenchAction.Return;
        if (await LoadAsync(action) is { } denied)
        {
            return denied;
        }

        if (NotYourTurn is not null)
        {
            return Forbid(); // the project waits for another level of the chain: this user may look, not decide
        }

        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }

        string outcome;
        try
        {
            outcome = await decisions.DecideAsync(Project, Unit, User, Input.Decision, Input.Comment);
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "该项目刚被他人修改，请刷新后重新审核。");
            return Page();
        }

        TempData["Message"] = outcome;
        return RedirectToPage("/Projects/Details", new { id = Project.Id });
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
        PreviousProject = await previousYear.FindAsync(project.UnitId, project.Year, project.Code, project.Name);
        Checklist = await checklist.ForAsync(project, PreviousProject);
        Chain = (await decisions.ChainAsync(project.Year)).Describe(Unit.ParentId is not null);
        NotYourTurn = project.Status == ProjectStatus.Submitted ? decisions.WhyNotDecide(User, project) : null;
        return null;
    }
}
