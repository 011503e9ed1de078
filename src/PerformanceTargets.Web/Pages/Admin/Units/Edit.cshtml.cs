using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.Units;

/// <summary>Creates a unit (no <see cref="Id"/>) or edits one: name and parent; the code is fixed once created.</summary>
public class EditModel(AppDbContext db, IValidator<UnitInput> validator, UnitHierarchy hierarchy) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public bool IsNew => Id is null;

    public IReadOnlyList<SelectListItem> ParentOptions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
            if (unit is null)
            {
                return NotFound();
            }

            Input = new UnitInput { Code = unit.Code, Name = unit.Name, ParentId = unit.ParentId };
        }

        await LoadParentOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Unit? unit = null;
        if (Id is { } id)
        {
            unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id);
            if (unit is null)
            {
                return NotFound();
            }

            Input.Code = unit.Code; // not editable
        }

        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        var code = ModelState.IsValid ? Input.Code.Trim() : string.Empty; // blank fields bind as null
        if (ModelState.IsValid && unit is null && await db.Units.AnyAsync(u => u.Code == code))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Code)}", $"单位编码 {code} 已被使用。");
        }

        if (ModelState.IsValid && Input.ParentId is { } parentId)
        {
            var parentOf = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId);
            if (!parentOf.ContainsKey(parentId))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ParentId)}", "所选上级单位不存在。");
            }
            else if (unit is not null && UnitTree.WouldCreateCycle(unit.Id, parentId, parentOf))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ParentId)}", "不能把本单位或其下级单位设为上级单位。");
            }
        }

        if (ModelState.IsValid)
        {
            try
            {
                if (unit is null)
                {
                    unit = new Unit(code, Input.Name, Input.ParentId);
                    db.Units.Add(unit);
                }
                else
                {
                    unit.Rename(Input.Name);
                    unit.MoveUnder(Input.ParentId);
                }

                await db.SaveChangesAsync();
                hierarchy.Invalidate();
                StatusMessage = IsNew ? $"已新建单位 {unit.Code} {unit.Name}。" : $"已保存单位 {unit.Code} {unit.Name}。";
                return RedirectToPage("Index");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }

        await LoadParentOptionsAsync();
        return Page();
    }

    /// <summary>Every unit that can be the parent: for an existing unit, not itself nor any of its descendants.</summary>
    private async Task LoadParentOptionsAsync()
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync();
        var parentOf = units.ToDictionary(u => u.Id, u => u.ParentId);
        ParentOptions = [.. units
            .Where(u => Id is not { } id || !UnitTree.WouldCreateCycle(id, u.Id, parentOf))
            .Select(u => new SelectListItem(u.Code + " " + u.Name, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
