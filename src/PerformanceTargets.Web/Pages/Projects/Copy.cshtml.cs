using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Projects;

/// <summary>Copies chosen projects (or the whole unit: every project and the unit plan) from last year into this year, as drafts.</summary>
public class CopyModel(AppDbContext db, UnitScope scope, IValidator<CopyInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public CopyInput Input { get; set; } = new();

    public Unit TargetUnit { get; private set; } = null!;

    public int TargetYear { get; private set; }

    public int SourceYear => TargetYear - 1;

    public IReadOnlyList<SourceRow> Sources { get; private set; } = [];

    public bool SourceHasPlan { get; private set; }

    public bool TargetHasPlan { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        var validation = await validator.ValidateAsync(Input);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ids = Input.WholeUnit ? Sources.Select(s => s.Id).ToList() : Input.ProjectIds;
        var sources = await db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => p.UnitId == TargetUnit.Id && p.Year == SourceYear && ids.Contains(p.Id))
            .ToListAsync();
        var existing = (await db.Projects.Where(p => p.Year == TargetYear).Select(p => p.Code).ToListAsync()).ToHashSet();
        var copied = 0;
        var skipped = new List<string>();
        foreach (var source in sources.OrderBy(p => p.Code))
        {
            if (!existing.Add(source.Code))
            {
                skipped.Add(source.Code);
                continue;
            }

            var copy = new BudgetProject(TargetUnit.Id, TargetYear, source.Code, source.Name);
            copy.SetBasics(source.Code, source.Name, source.Budget, source.FiscalFunds, source.OtherFunds, source.Purpose, source.AmountUnit);
            copy.SetSpendingPlan(source.SpendingPlan);
            copy.SetGoals(source.Goals.OrderBy(g => g.Order).Select(g => g.Text));
            copy.SetIndicators(source.Indicators.OrderBy(i => i.Order).Select(i => i.Copy()));
            db.Projects.Add(copy);
            copied++;
        }

        var planCopied = false;
        if (Input.WholeUnit && SourceHasPlan && !TargetHasPlan)
        {
            var plan = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).FirstAsync(p => p.UnitId == TargetUnit.Id && p.Year == SourceYear);
            var target = new UnitPlan(TargetUnit.Id, TargetYear)
            {
                OverallGoal = plan.OverallGoal,
                AnnualTargets = plan.AnnualTargets,
                GuaranteeMeasures = plan.GuaranteeMeasures,
            };
            target.ReplaceSubGoals(plan.SubGoals.OrderBy(g => g.Order).Select(g => new SubGoal(g.Area, g.Activity, g.Goal, g.Indicator, g.Standard, g.Bands)));
            db.UnitPlans.Add(target);
            planCopied = true;
        }

        await db.SaveChangesAsync();
        TempData["Message"] = $"已从 {SourceYear} 年复制 {copied} 个项目为草稿" + (planCopied ? "，并复制了部门整体绩效目标" : string.Empty)
            + (skipped.Count > 0 ? $"；{TargetYear} 年已有编码 {string.Join("、", skipped)}，未重复复制" : string.Empty) + "。";
        return Redirect($"/?unit={TargetUnit.Id}&year={TargetYear}");
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

        TargetUnit = unit;
        TargetYear = await scope.ResolveYearAsync(Year);
        var source = SourceYear;
        var targetCodes = await db.Projects.AsNoTracking().Where(p => p.Year == TargetYear).Select(p => p.Code).ToListAsync();
        Sources = [.. (await db.Projects.AsNoTracking().Where(p => p.UnitId == unit.Id && p.Year == source).OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.Code, p.Name, p.Budget, p.Status }).ToListAsync())
            .Select(p => new SourceRow(p.Id, p.Code, p.Name, p.Budget, p.Status, targetCodes.Contains(p.Code)))];
        SourceHasPlan = await db.UnitPlans.AnyAsync(p => p.UnitId == unit.Id && p.Year == source);
        TargetHasPlan = await db.UnitPlans.AnyAsync(p => p.UnitId == unit.Id && p.Year == TargetYear);
        return null;
    }

    public sealed record SourceRow(int Id, string Code, string Name, decimal Budget, ProjectStatus Status, bool AlreadyThere);
}

public sealed class CopyInput
{
    /// <summary>Copy every project of last year and the unit plan.</summary>
    public bool WholeUnit { get; set; }

    public List<int> ProjectIds { get; set; } = [];
}

public sealed class CopyInputValidator : AbstractValidator<CopyInput>
{
    public CopyInputValidator() =>
        RuleFor(x => x.ProjectIds).NotEmpty().When(x => !x.WholeUnit).WithMessage("请选择要复制的项目，或选择“复制整个单位”。");
}
