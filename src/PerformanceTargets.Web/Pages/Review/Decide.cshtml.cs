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
using PerformanceTargets.Web.Infrastructure.Documents;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>A department head reviews one submitted project: the goal table in the official layout, then approve or return with a comment.</summary>
public class DecideModel(AppDbContext db, TimeProvider clock, IValidator<DecisionInput> validator, PreviousYear previousYear) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public BudgetProject Project { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

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

        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }

        var user = User.Identity?.Name ?? "?";
        var now = clock.GetUtcNow();
        try
        {
            if (Input.Decision == Decision.Approve)
            {
                Project.Approve(user, now, string.IsNullOrWhiteSpace(Input.Comment) ? null : Input.Comment.Trim(), GoalDocuments.Snapshot(Unit, Project));
            }
            else
            {
                Project.Return(user, now, Input.Comment ?? string.Empty);
            }

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

        TempData["Message"] = Input.Decision == Decision.Approve ? "已审核通过。" : "已退回。";
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
        return null;
    }
}
