using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Department;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Review;

/// <summary>A department head reviews the unit's submitted 部门整体支出绩效目标表: the official layout, the quality warnings, then approve or return with a reason.</summary>
public class DepartmentModel(DepartmentTableService tables) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public Unit TableUnit { get; private set; } = null!;

    public DepartmentTable Table { get; private set; } = null!;

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Approve) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var approve = Input.Decision == Decision.Approve;
        if (await LoadAsync(approve ? WorkbenchAction.Approve : WorkbenchAction.Return) is { } denied)
        {
            return denied;
        }

        if (!approve && string.IsNullOrWhiteSpace(Input.Comment))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Comment)}", "退回时必须填写退回原因。");
            return Page();
        }

        var result = await tables.DecideAsync(User, TableUnit, Table, approve, Input.Comment);
        if (result.NotYourLevel)
        {
            return Forbid(); // the table waits for another level of the review chain
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Conflict ? "该表刚被他人修改，请刷新后重新审核。" : result.Errors[0]);
            return Page();
        }

        TempData["Message"] = approve ? "已审核通过。" : "已退回。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={Year}");
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        var access = await tables.LoadAsync(User, Unit, Year, WorkbenchAction.Read);
        if (access.Unit is null || access.Decision == AccessDecision.NotFound || access.Table is null)
        {
            return NotFound();
        }

        if (this.Check(action, Unit) is { } denied)
        {
            return denied;
        }

        TableUnit = access.Unit;
        Table = access.Table;
        Warnings = QualityReview.Review(Table);
        return null;
    }
}
