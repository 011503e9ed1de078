using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Import;

/// <summary>
/// 导入绩效目标: upload goal documents (.docx, .txt dump of the Word tables, .json interchange) for a year, all or nothing,
/// with a dry run. Finance staff import their own unit's documents only; admins any unit's.
/// </summary>
public class IndexModel(PlanImporter importer, UnitScope scope, AppDbContext db, IValidator<IndexModel.ImportInput> validator, ImportPreviewStore previews) : PageModel
{
    [BindProperty]
    public ImportInput Input { get; set; } = new();

    public IReadOnlyList<int> Years { get; private set; } = [];

    public ImportReport? Report { get; private set; }

    /// <summary>The token of a successful preview (dry run) whose files wait for the user's confirmation.</summary>
    public string? PreviewToken { get; private set; }

    /// <summary>Known units (code, name) for the unit choice of documents that state none; finance staff see only their own.</summary>
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task OnGetAsync(int? year)
    {
        Input.Year = await scope.ResolveYearAsync(year);
        Input.DryRun = true; // the upload shows a preview first; the user then writes all or nothing
        Years = await scope.YearsAsync(Input.Year);
        Units = await UnitsAsync(CancellationToken.None);
    }

    /// <summary>Writes a previewed import: the files kept at the preview, with the unit, year and code fixes the user chose.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        Years = await scope.YearsAsync(Input.Year is >= FiscalYear.MinYear and <= FiscalYear.MaxYear ? Input.Year : DateTime.Today.Year);
        Units = await UnitsAsync(cancellationToken);
        var files = await previews.GetAsync(Input.Token, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (files is null)
        {
            ModelState.AddModelError(string.Empty, "预览已过期或不存在，请重新选择文件。");
            return Page();
        }

        if (Input.Year is not (>= FiscalYear.MinYear and <= FiscalYear.MaxYear))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Year)}", $"请选择 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间的年度。");
            return Page();
        }

        var onlyUnit = await OnlyUnitAsync(cancellationToken);
        if (onlyUnit is { Length: 0 })
        {
            return Forbid();
        }

        Report = await importer.ImportAsync(files, Input.Year, dryRun: false, onlyUnit, cancellationToken, restoreStatus: onlyUnit is null,
            unitCode: onlyUnit ?? Input.UnitCode, unitName: Input.UnitName,
            codeFixes: Input.Fixes.Where(f => f.From.Length > 0).GroupBy(f => f.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To ?? string.Empty, StringComparer.Ordinal));
        if (Report.Succeeded)
        {
            await previews.RemoveAsync(Input.Token!, cancellationToken);
        }
        else
        {
            PreviewToken = Input.Token;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    /// <summary>A unit's finance staff import only their unit's documents (its code); admins any (null); "" when the user has no unit.</summary>
    private async Task<string?> OnlyUnitAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.Admin))
        {
            return null;
        }

        var unitId = User.GetUnitId();
        return (unitId is null ? null : await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).FirstOrDefaultAsync(cancellationToken)) ?? string.Empty;
    }

    private async Task<IReadOnlyList<(string Code, string Name)>> UnitsAsync(CancellationToken cancellationToken)
    {
        var unitId = User.IsInRole(Roles.Admin) ? null : User.GetUnitId();
        if (!User.IsInRole(Roles.Admin) && unitId is null)
        {
            return [];
        }

        var units = await db.Units.Where(u => unitId == null || u.Id == unitId).OrderBy(u => u.Code).Take(500).Select(u => new { u.Code, u.Name }).ToListAsync(cancellationToken);
        return [.. units.Select(u => (u.Code, u.Name))];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Years = await scope.YearsAsync(Input.Year is >= FiscalYear.MinYear and <= FiscalYear.MaxYear ? Input.Year : DateTime.Today.Year);
        Units = await UnitsAsync(cancellationToken);
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }

        string? onlyUnit = null;
        if (!User.IsInRole(Roles.Admin))
        {
            var unitId = User.GetUnitId();
            onlyUnit = unitId is null ? null : await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).FirstOrDefaultAsync(cancellationToken);
            if (onlyUnit is null)
            {
                return Forbid();
            }
        }

        var files = new List<ImportFile>();
        foreach (var file in Input.Files)
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            files.Add(new ImportFile(Path.GetFileName(file.FileName), buffer.ToArray()));
        }

        Report = await importer.ImportAsync(files, Input.Year, Input.DryRun, onlyUnit, cancellationToken, restoreStatus: onlyUnit is null,
            unitCode: onlyUnit ?? Input.UnitCode, unitName: Input.UnitName);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else if (Input.DryRun)
        {
            PreviewToken = await previews.PutAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, files, cancellationToken);
        }

        return Page();
    }

    public sealed class ImportInput
    {
        public int Year { get; set; }

        public bool DryRun { get; set; }

        public List<IFormFile> Files { get; set; } = [];

        /// <summary>The unit for documents that state none (admins; finance staff import into their own unit).</summary>
        public string? UnitCode { get; set; }

        /// <summary>The name of that unit when it is new.</summary>
        public string? UnitName { get; set; }

        /// <summary>The preview whose files a confirmation writes.</summary>
        public string? Token { get; set; }

        /// <summary>Codes fixed in the preview: code as read or generated → code to use.</summary>
        public List<CodeFix> Fixes { get; set; } = [];
    }

    /// <summary>One project code of the preview (<see cref="From"/>) and the code the user wants (<see cref="To"/>); the importer checks its length.</summary>
    public sealed class CodeFix
    {
        public string From { get; set; } = string.Empty;

        public string To { get; set; } = string.Empty;
    }

    public sealed class ImportInputValidator : AbstractValidator<ImportInput>
    {
        public ImportInputValidator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage($"请选择 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间的年度。");
            RuleFor(x => x.UnitCode).MaximumLength(PerformanceTargets.Domain.Units.Unit.CodeMaxLength).WithMessage("单位编码过长。");
            RuleFor(x => x.UnitName).MaximumLength(PerformanceTargets.Domain.Units.Unit.NameMaxLength).WithMessage("单位名称过长。");
            RuleFor(x => x.Token).MaximumLength(64);
            RuleFor(x => x.Files).NotEmpty().WithMessage("请选择要导入的文件。")
                .Must(f => f.Count <= 20).WithMessage("一次最多导入 20 个文件。");
            RuleForEach(x => x.Files)
                .Must(f => PlanDocuments.FormatOf(f.FileName) is not null).WithMessage((_, f) => $"{f.FileName}：只能导入 .docx、.xlsx、.txt 或 .json 文件。")
                .Must(f => f.Length <= PlanDocuments.MaxFileBytes).WithMessage((_, f) => $"{f.FileName}：文件超过 {PlanDocuments.MaxFileBytes / 1024 / 1024} MB。");
        }
    }
}
