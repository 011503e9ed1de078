using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Library;

/// <summary>An admin edits a library entry: its three levels, 指标解释, suggested comparator and unit, typical value, 依据 and fields.</summary>
[Authorize(Policy = Policies.AdminOnly)]
public class EditModel(AppDbContext db, IValidator<LibraryEntryInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public LibraryEntryInput Input { get; set; } = new();

    public LibraryIndicator Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.LibraryIndicators.AsNoTracking().FirstOrDefaultAsync(e => e.Id == Id) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        Input = LibraryEntryInput.From(entry);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await db.LibraryIndicators.FirstOrDefaultAsync(e => e.Id == Id) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        var validation = await validator.ValidateAsync(Input);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
        }

        var (l1, l2, name) = (Input.Level1.Trim(), Input.Level2.Trim(), Input.Name.Trim());
        if (validation.IsValid && await db.LibraryIndicators.AnyAsync(e => e.Id != Id && e.Level1 == l1 && e.Level2 == l2 && e.Name == name))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(LibraryEntryInput.Name)}", "指标库中已有同一级、二级下同名的三级指标。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        entry.Rename(l1, l2, name);
        entry.Describe(Input.Description, Input.Comparator, Input.MeasureUnit, Input.TypicalValue, Input.Basis, Input.Fields);
        await db.SaveChangesAsync();
        TempData["Message"] = $"“{entry.Name}”已保存。";
        return RedirectToPage("Index");
    }
}

public sealed class LibraryEntryInput
{
    public string Level1 { get; set; } = string.Empty;

    public string Level2 { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? Comparator { get; set; }

    public string? MeasureUnit { get; set; }

    public string? TypicalValue { get; set; }

    public string? Basis { get; set; }

    public string? Fields { get; set; }

    public static LibraryEntryInput From(LibraryIndicator e) => new()
    {
        Level1 = e.Level1,
        Level2 = e.Level2,
        Name = e.Name,
        Description = e.Description,
        Comparator = e.Comparator,
        MeasureUnit = e.MeasureUnit,
        TypicalValue = e.TypicalValue,
        Basis = e.Basis,
        Fields = e.Fields,
    };
}

public sealed class LibraryEntryInputValidator : AbstractValidator<LibraryEntryInput>
{
    public LibraryEntryInputValidator()
    {
        RuleFor(x => x.Level1).Must(IndicatorCatalog.IsKnownLevel1).WithMessage("请选择标准的一级指标。")
            .MaximumLength(LibraryIndicator.LevelMaxLength).WithMessage($"一级指标不能超过 {LibraryIndicator.LevelMaxLength} 个字符。");
        RuleFor(x => x.Level2).MaximumLength(LibraryIndicator.LevelMaxLength).WithMessage($"二级指标不能超过 {LibraryIndicator.LevelMaxLength} 个字符。");
        RuleFor(x => x.Level2).Must((x, level2) => IndicatorCatalog.IsKnownLevel2(x.Level1, level2))
            .When(x => IndicatorCatalog.IsKnownLevel1(x.Level1)).WithMessage(x => $"“{x.Level2}”不是“{x.Level1}”下的二级指标。");
        RuleFor(x => x.Name).NotEmpty().WithMessage("请填写三级指标名称。")
            .MaximumLength(LibraryIndicator.NameMaxLength).WithMessage($"三级指标名称不能超过 {LibraryIndicator.NameMaxLength} 个字符。");
        RuleFor(x => x.Description).MaximumLength(LibraryIndicator.TextMaxLength).WithMessage($"指标解释不能超过 {LibraryIndicator.TextMaxLength} 个字符。");
        RuleFor(x => x.Comparator).MaximumLength(LibraryIndicator.ShortMaxLength).WithMessage($"建议比较符不能超过 {LibraryIndicator.ShortMaxLength} 个字符。");
        RuleFor(x => x.MeasureUnit).MaximumLength(LibraryIndicator.ShortMaxLength).WithMessage($"计量单位不能超过 {LibraryIndicator.ShortMaxLength} 个字符。");
        RuleFor(x => x.TypicalValue).MaximumLength(LibraryIndicator.NameMaxLength).WithMessage($"典型指标值不能超过 {LibraryIndicator.NameMaxLength} 个字符。");
        RuleFor(x => x.Basis).MaximumLength(LibraryIndicator.NameMaxLength).WithMessage($"依据不能超过 {LibraryIndicator.NameMaxLength} 个字符。");
        RuleFor(x => x.Fields).MaximumLength(LibraryIndicator.NameMaxLength).WithMessage($"适用领域不能超过 {LibraryIndicator.NameMaxLength} 个字符。");
    }
}
