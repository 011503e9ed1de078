using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;

using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.FiscalYears;

/// <summary>The fiscal years: list, create, close and reopen; each links to its evaluation settings.</summary>
public class IndexModel(AppDbContext db, IValidator<FiscalYearInput> validator) : PageModel
{
    [BindProperty]
    public FiscalYearInput Input { get; set; } = new();

    public IReadOnlyList<YearRow> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (ModelState.IsValid && await db.FiscalYears.AnyAsync(y => y.Year == Input.Year))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Year)}", $"{Input.Year} 年度已存在。");
        }

        if (ModelState.IsValid)
        {
            try
            {
                db.FiscalYears.Add(new FiscalYear(Input.Year!.Value));
                await db.SaveChangesAsync();
                StatusMessage = $"已新建 {Input.Year} 年度，评分设置使用全国默认值。";
                return RedirectToPage();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Year)}", e.Message);
            }
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostCloseAsync(int id) => ChangeAsync(id, y => y.Close(), y => $"已关闭 {y.Year} 年度。");

    public Task<IActionResult> OnPostReopenAsync(int id) => ChangeAsync(id, y => y.Reopen(), y => $"已重新打开 {y.Year} 年度。");

    private async Task<IActionResult> ChangeAsync(int id, Action<FiscalYear> change, Func<FiscalYear, string> message)
    {
        var year = await db.FiscalYears.FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }

        change(year);
        await db.SaveChangesAsync();
        StatusMessage = message(year);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var stored = await db.YearSettings.Select(s => s.FiscalYearId).ToListAsync();
        var department = await db.DepartmentYearSettings.Select(s => s.FiscalYearId).ToListAsync();
        Rows = [.. (await db.FiscalYears.AsNoTracking().OrderByDescending(y => y.Year).ToListAsync())
            .Select(y => new YearRow(y.Id, y.Year, y.IsOpen, stored.Contains(y.Id), y.Chain.Levels, department.Contains(y.Id)))];
    }

    public sealed record YearRow(int Id, int Year, bool IsOpen, bool HasStoredSettings, int ReviewLevels, bool HasDepartmentSettings);
}
