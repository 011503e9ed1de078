using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Import;

/// <summary>
/// 导入绩效目标: upload goal documents (.docx, .txt dump of the Word tables, .json interchange) for a year, all or nothing,
/// with a dry run. Finance staff import their own unit's documents only; admins any unit's.
/// </summary>
public class IndexModel(PlanImporter importer, UnitScope scope, AppDbContext db, IValidator<IndexModel.ImportInput> validator) : PageModel
{
    [BindProperty]
    public ImportInput Input { get; set; } = new();

    public IReadOnlyList<int> Years { get; private set; } = [];

    public ImportReport? Report { get; private set; }

    public async Task OnGetAsync(int? year)
    {
        Input.Year = await scope.ResolveYearAsync(year);
        Years = await scope.YearsAsync(Input.Year);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Years = await scope.YearsAsync(Input.Year is >= 2000 and <= 2100 ? Input.Year : DateTime.Today.Year);
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

        Report = await importer.ImportAsync(files, Input.Year, Input.DryRun, onlyUnit, cancellationToken, restoreStatus: onlyUnit is null);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    public sealed class ImportInput
    {
        public int Year { get; set; }

        public bool DryRun { get; set; }

        public List<IFormFile> Files { get; set; } = [];
    }

    public sealed class ImportInputValidator : AbstractValidator<ImportInput>
    {
        public ImportInputValidator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("请选择 2000–2100 之间的年度。");
            RuleFor(x => x.Files).NotEmpty().WithMessage("请选择要导入的文件。")
                .Must(f => f.Count <= 20).WithMessage("一次最多导入 20 个文件。");
            RuleForEach(x => x.Files)
                .Must(f => PlanDocuments.FormatOf(f.FileName) is not null).WithMessage((_, f) => $"{f.FileName}：只能导入 .docx、.txt 或 .json 文件。")
                .Must(f => f.Length <= PlanDocuments.MaxFileBytes).WithMessage((_, f) => $"{f.FileName}：文件超过 {PlanDocuments.MaxFileBytes / 1024 / 1024} MB。");
        }
    }
}
