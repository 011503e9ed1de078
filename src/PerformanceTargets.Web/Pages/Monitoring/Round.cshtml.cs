using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Documents.Monitoring;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Monitoring;

/// <summary>
/// A 绩效运行监控 round: the unit overview (each reporting project's status, funds light, indicator lights and project
/// light, linking to its entry), for admins and auditors the counts of red/yellow/green/blue by unit, the .xlsx of the
/// unit or of all units (also the import template), and the import of a filled template or JSON (Finance, all or nothing).
/// </summary>
public class RoundModel(
    MonitoringRounds rounds,
    MonitoringOverview overview,
    MonitoringExporter exporter,
    MonitoringImporter importer,
    UnitScope scope,
    AuditActor actor,
    IValidator<MonitoringUploadInput> uploadValidator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty]
    public MonitoringUploadInput Upload { get; set; } = new();

    public MonitoringRound Round { get; private set; } = null!;

    public Unit CurrentUnit { get; private set; } = null!;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<ProjectLightRow> Projects { get; private set; } = [];

    /// <summary>The counts by unit, for users who see every unit; empty otherwise.</summary>
    public IReadOnlyList<UnitLightCounts> AllUnits { get; private set; } = [];

    public IReadOnlyList<MonitoringFileError> ImportErrors { get; private set; } = [];

    public bool SeesAllUnits => ProjectAccess.SeesAllUnits(User);

    public bool CanImport => Round.IsOpen && ProjectAccess.Can(User, WorkbenchAction.Edit, CurrentUnit.Id);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(WorkbenchAction.Read) ?? Page();

    /// <summary>The unit's .xlsx (the import template), or with <paramref name="all"/> every unit's (admins and auditors).</summary>
    public async Task<IActionResult> OnGetXlsxAsync(bool all = false)
    {
        if (await LoadAsync(WorkbenchAction.Read, overviewOnly: true) is { } denied)
        {
            return denied;
        }

        if (all && !SeesAllUnits)
        {
            return Forbid();
        }

        var stream = new MemoryStream();
        await exporter.WriteAsync(stream, Round, all ? null : CurrentUnit.Id);
        stream.Position = 0;
        return File(stream, MonitoringExporter.ContentType, MonitoringExporter.FileName(Round, all ? null : CurrentUnit.Code));
    }

    /// <summary>The unit's 项目支出绩效监控表 (.docx), one table a reporting project.</summary>
    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await LoadAsync(WorkbenchAction.Read, overviewOnly: true) is { } denied)
        {
            return denied;
        }

        var bytes = await exporter.DocxAsync(Round, CurrentUnit.Id, null);
        return File(bytes, MonitoringExporter.DocxContentType, MonitoringExporter.DocxFileName(Round, CurrentUnit.Code));
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (await LoadAsync(WorkbenchAction.Edit, overviewOnly: true) is { } denied)
        {
            return denied;
        }

        ModelState.AddFailures(await uploadValidator.ValidateAsync(Upload), nameof(Upload));
        if (ModelState.IsValid)
        {
            await using var stream = Upload.File!.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            actor.Operation = $"import monitoring {Upload.File.FileName}";

            // Admins import for any unit; Finance only for its own (another unit's project reads as unknown).
            var report = await importer.ImportAsync(Round, [(Upload.File.FileName, buffer.ToArray())],
                ProjectAccess.SeesAllUnits(User) ? null : CurrentUnit.Id, User.Identity?.Name ?? "?", dryRun: false);
            if (report.Succeeded)
            {
                Message = $"已导入 {report.Projects} 个项目、{report.Indicators} 行指标的监控数据。";
                return RedirectToPage(new { Id, unit = CurrentUnit.Id });
            }

            ImportErrors = report.Errors;
        }

        await LoadAsync(WorkbenchAction.Read);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action, bool overviewOnly = false)
    {
        var round = await rounds.FindAsync(Id);
        if (round is null)
        {
            return NotFound();
        }

        if (this.CheckRequestedUnit(WorkbenchAction.Read, Unit) is { } hidden)
        {
            return hidden;
        }

        var (unit, denied) = await this.ResolveUnitAsync(scope, Unit, action);
        if (denied is not null)
        {
            return denied;
        }

        Round = round;
        CurrentUnit = unit!;
        if (overviewOnly)
        {
            return null;
        }

        Units = await scope.VisibleUnitsAsync(User);
        Projects = await overview.UnitAsync(round, CurrentUnit.Id);
        if (SeesAllUnits)
        {
            AllUnits = await overview.UnitsAsync(round, null);
        }

        return null;
    }
}

/// <summary>A filled monitoring template (.xlsx) or monitoring JSON to import.</summary>
public sealed class MonitoringUploadInput
{
    public IFormFile? File { get; set; }
}

public sealed class MonitoringUploadInputValidator : AbstractValidator<MonitoringUploadInput>
{
    public const long MaxBytes = 32L * 1024 * 1024;

    public MonitoringUploadInputValidator()
    {
        RuleFor(x => x.File).NotNull().WithMessage("请选择要上传的文件。");
        RuleFor(x => x.File!.Length).LessThanOrEqualTo(MaxBytes).When(x => x.File is not null).WithMessage("文件不能超过 32 MB。");
        RuleFor(x => x.File!.FileName).Must(n => n.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .When(x => x.File is not null).WithMessage("请上传 .xlsx 或 .json 文件。");
    }
}
