using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.UnitPlans;

/// <summary>The unit's plan for a year (部门整体绩效目标): overall goal, annual targets, guarantee measures and sub-goals with bands.</summary>
public class EditModel(AppDbContext db, UnitScope scope, IValidator<UnitPlanInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public UnitPlanInput Input { get; set; } = new();

    public Unit PlanUnit { get; private set; } = null!;

    public int PlanYear { get; private set; }

    private UnitPlan? _plan;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        Input = _plan is null ? new UnitPlanInput() : UnitPlanInput.From(_plan);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied)
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

        var plan = _plan;
        if (plan is null)
        {
            plan = new UnitPlan(PlanUnit.Id, PlanYear);
            db.UnitPlans.Add(plan);
        }
        else
        {
            db.Entry(plan).Property(p => p.Version).OriginalValue = Input.Version ?? Guid.Empty;
        }

        plan.OverallGoal = (Input.OverallGoal ?? string.Empty).Trim();
        plan.AnnualTargets = (Input.AnnualTargets ?? string.Empty).Trim();
        plan.GuaranteeMeasures = (Input.GuaranteeMeasures ?? string.Empty).Trim();
        plan.ReplaceSubGoals(Input.SubGoals.Select(g => g.ToSubGoal()));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "整体目标已被他人修改。请刷新页面后重新填写（您的修改尚未保存）。");
            return Page();
        }

        TempData["Message"] = "部门整体绩效目标已保存。";
        return Redirect($"/?unit={PlanUnit.Id}&year={PlanYear}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (this.CheckRequestedUnit(WorkbenchAction.Edit, Unit) is { } otherUnit)
        {
            return otherUnit;
        }

        var (resolved, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Edit);
        if (denied is not null)
        {
            return denied;
        }

        var unit = resolved!;

        PlanUnit = unit;
        PlanYear = await scope.ResolveYearAsync(Year);
        _plan = await db.UnitPlans.Include(p => p.SubGoals).FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.Year == PlanYear);
        return null;
    }
}
