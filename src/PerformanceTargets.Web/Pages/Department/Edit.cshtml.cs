using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Department;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Department;

/// <summary>The unit's 部门整体支出绩效目标表 (Finance of the unit): the form, or an import of one file (text, .docx, .xlsx, JSON), all or nothing.</summary>
public class EditModel(UnitScope scope, DepartmentTableService tables, AuditActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DepartmentTableInput Input { get; set; } = new();

    public Unit TableUnit { get; private set; } = null!;

    public int TableYear { get; private set; }

    public DepartmentTable? Table { get; private set; }

    /// <summary>The import's errors (located, Chinese); nothing was saved when there are any.</summary>
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        Input = DepartmentTableInput.From(Table, TableUnit.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            Input.AddBlankRows();
            return Page();
        }

        var saved = await tables.SaveAsync(TableUnit, TableYear, Table, Input.ToInterchange(), Input.Version);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError(string.Empty, saved.Conflict ? "该表已被他人修改。请刷新页面后重新填写（您的修改尚未保存）。" : string.Join("；", saved.Errors));
            Input.AddBlankRows();
            return Page();
        }

        TempData["Message"] = "部门整体支出绩效目标表已保存。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={TableYear}");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        ModelState.Clear();
        Input = DepartmentTableInput.From(Table, TableUnit.Name);
        if (file is null || file.Length == 0)
        {
            ImportErrors = ["请选择一个文件（.txt、.docx、.xlsx 或 .json）。"];
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        actor.Operation = "import department table";
        var result = await tables.ImportAsync(TableUnit, TableYear, Table, [(Path.GetFileName(file.FileName), buffer.ToArray())], User.Identity?.Name ?? "?", dryRun: false);
        if (!result.Succeeded)
        {
            ImportErrors = result.Conflict ? ["该表已被他人修改，请刷新后重试。"] : result.Errors;
            return Page();
        }

        TempData["Message"] = "部门整体支出绩效目标表已导入。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={TableYear}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (this.CheckRequestedUnit(WorkbenchAction.Edit, Unit) is { } otherUnit)
        {
            return otherUnit;
        }

        var (unit, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.Edit);
        if (denied is not null)
        {
            return denied;
        }

        TableUnit = unit!;
        TableYear = await scope.ResolveYearAsync(Year);
        Table = (await tables.LoadAsync(User, TableUnit.Id, TableYear, WorkbenchAction.Edit)).Table;
        return null;
    }
}
