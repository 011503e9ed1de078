using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Department;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Department;

/// <summary>Year end of the 部门整体 table (Finance of the unit): 全年执行数 and each indicator's 实际完成值, by the form or an actuals JSON file; then the 部门整体自评.</summary>
public class ActualsModel(UnitScope scope, DepartmentTableService tables) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DepartmentActualsInput Input { get; set; } = new();

    public Unit TableUnit { get; private set; } = null!;

    public int TableYear { get; private set; }

    public DepartmentTable Table { get; private set; } = null!;

    public ProjectScore? Score { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        Input = new DepartmentActualsInput
        {
            Executed = Table.Executed,
            Indicators = [.. Table.Indicators.Select(i => new DepartmentActualInput { Order = i.Order, Actual = i.Actual, Score = i.ActualScore, DeviationReason = i.DeviationReason })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        return ModelState.IsValid ? await RecordAsync(Input) : Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }

        ModelState.Clear();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "请选择实际数 JSON 文件。");
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var input = DepartmentTableService.ReadActualsJson(buffer.ToArray(), TableUnit, TableYear, out var error);
        if (input is null)
        {
            ModelState.AddModelError(string.Empty, $"{Path.GetFileName(file.FileName)}: {error}");
            return Page();
        }

        return await RecordAsync(input);
    }

    private async Task<IActionResult> RecordAsync(DepartmentActualsInput input)
    {
        var saved = await tables.RecordActualsAsync(Table, input);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError(string.Empty, saved.Conflict ? "该表刚被他人修改，请刷新后重试。" : string.Join("；", saved.Errors));
            return Page();
        }

        TempData["Message"] = "实际数已保存。";
        return Redirect($"/Department/Show?unit={TableUnit.Id}&year={TableYear}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (this.CheckRequestedUnit(WorkbenchAction.RecordActuals, Unit) is { } otherUnit)
        {
            return otherUnit;
        }

        var (unit, denied) = await this.ResolveUnitAsync(scope, Unit, WorkbenchAction.RecordActuals);
        if (denied is not null)
        {
            return denied;
        }

        TableUnit = unit!;
        TableYear = await scope.ResolveYearAsync(Year);
        var table = (await tables.LoadAsync(User, TableUnit.Id, TableYear, WorkbenchAction.RecordActuals)).Table;
        if (table is null)
        {
            return NotFound();
        }

        Table = table;
        Score = await tables.ScoreAsync(table);
        if (table.WhyNoActuals is { } why)
        {
            ModelState.AddModelError(string.Empty, why);
        }

        return null;
    }
}
