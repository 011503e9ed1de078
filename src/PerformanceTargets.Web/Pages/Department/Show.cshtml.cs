using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Documents.Department;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Department;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Department;

/// <summary>
/// A unit's 部门整体支出绩效目标表 of a year in the official layout, for reading, printing (A4) and the .docx download;
/// with its status, history, quality warnings, the year-end 部门整体自评 and the steps the user may take (submit, review, actuals).
/// </summary>
public class ShowModel(UnitScope scope, DepartmentTableService tables, IValidator<AdjustInput> adjustValidator) : PageModel
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Unit TableUnit { get; private set; } = null!;

    public int TableYear { get; private set; }

    public DepartmentTable? Table { get; private set; }

    /// <summary>绩效目标调整: the reason the form posts.</summary>
    [BindProperty]
    public AdjustInput Adjust { get; set; } = new();

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

    public ProjectScore? Score { get; private set; }

    public bool CanEdit => Table is null or { IsEditable: true } && ProjectAccess.Can(User, WorkbenchAction.Edit, TableUnit.Id);

    public bool CanSubmit => Table is { IsEditable: true } && ProjectAccess.Can(User, WorkbenchAction.Submit, TableUnit.Id);

    public bool CanReview => Table is { Status: Domain.Projects.ProjectStatus.Submitted } && ProjectAccess.Can(User, WorkbenchAction.Approve, TableUnit.Id);

    public bool CanAdjust => Table is { Status: Domain.Projects.ProjectStatus.Approved } && ProjectAccess.Can(User, WorkbenchAction.Adjust, TableUnit.Id);

    public bool CanRecordActuals => Table is { CanTakeActuals: true } && ProjectAccess.Can(User, WorkbenchAction.RecordActuals, TableUnit.Id);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Read) ?? Page();

    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await LoadAsync(WorkbenchAction.Read) is { } denied)
        {
            return denied;
        }

        if (Table is null)
        {
            return NotFound();
        }

        var bytes = DepartmentDocuments.WriteDocx(DepartmentMapping.ToInterchange(Table), TableUnit.Code, TableYear);
        return File(bytes, DocxContentType, $"{TableUnit.Code}-{TableYear}-部门整体支出绩效目标表.docx");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync(WorkbenchAction.Submit) is { } denied)
        {
            return denied;
        }

        if (Table is null)
        {
            return NotFound();
        }

        var result = await tables.SubmitAsync(Table, User.Identity?.Name ?? "?");
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Conflict ? "该表刚被他人修改，请刷新后重试。" : result.Errors[0]);
            return Page();
        }

        TempData["Message"] = "已提交审核。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={TableYear}");
    }

    public async Task<IActionResult> OnPostAdjustAsync()
    {
        if (await LoadAsync(WorkbenchAction.Adjust) is { } denied)
        {
            return denied;
        }

        if (Table is null)
        {
            return NotFound();
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

        var result = await tables.AdjustAsync(Table, User.Identity?.Name ?? "?", Adjust.Reason!);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Conflict ? "该表刚被他人修改，请刷新后重试。" : result.Errors[0]);
            return Page();
        }

        TempData["Message"] = "已进行绩效目标调整，部门整体支出绩效目标表重新成为草稿。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={TableYear}");
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        if (this.CheckRequestedUnit(WorkbenchAction.Read, Unit) is { } otherUnit)
        {
            return otherUnit;
        }

        var (unit, denied) = await this.ResolveUnitAsync(scope, Unit, action);
        if (denied is not null)
        {
            return denied;
        }

        TableUnit = unit!;
        TableYear = await scope.ResolveYearAsync(Year);
        var access = await tables.LoadAsync(User, TableUnit.Id, TableYear, action);
        Table = access.Table;
        if (Table is not null)
        {
            Warnings = QualityReview.Review(Table);
            Score = await tables.ScoreAsync(Table);
        }

        return null;
    }
}
