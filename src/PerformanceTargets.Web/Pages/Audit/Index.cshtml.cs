using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Features.Audit;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Audit;

/// <summary>
/// 审计日志: the append-only audit trail, newest first, filtered by unit, project, user and date, paged; downloads of
/// every matching entry as csv or xlsx (<see cref="AuditExporter"/>, which the API's download uses too). Read-only: the page has no POST handler and the context refuses changes to entries.
/// Admins and Auditors only (the <c>/Audit</c> folder's policy).
/// </summary>
public class IndexModel(AppDbContext db, IValidator<AuditFilter> validator) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ValidAsync(cancellationToken))
        {
            return Page();
        }

        var query = Filter.Query(db);
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Every matching entry as csv (UTF-8 with a BOM, so Excel reads the Chinese), through the one audit export.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => DownloadAsync(AuditFormat.Csv, cancellationToken);

    /// <summary>Every matching entry as .xlsx, through the one audit export.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) => DownloadAsync(AuditFormat.Xlsx, cancellationToken);

    private async Task<IActionResult> DownloadAsync(AuditFormat format, CancellationToken cancellationToken)
    {
        if (!await ValidAsync(cancellationToken))
        {
            return Page();
        }

        var file = await AuditExporter.WriteTemporaryAsync(Filter.Query(db), format, cancellationToken);
        return File(file, AuditExporter.ContentType(format), AuditExporter.FileName(format, DateTimeOffset.UtcNow));
    }

    public Dictionary<string, string> RouteFor(int page)
    {
        var values = Filter.RouteValues();
        values["p"] = page.ToString(CultureInfo.InvariantCulture);
        return values;
    }

    public Dictionary<string, string> CsvRoute => DownloadRoute("Csv");

    public Dictionary<string, string> XlsxRoute => DownloadRoute("Xlsx");

    private Dictionary<string, string> DownloadRoute(string handler)
    {
        var values = Filter.RouteValues();
        values["handler"] = handler;
        return values;
    }

    private async Task<bool> ValidAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Filter, cancellationToken);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Filter)}.{error.PropertyName}", error.ErrorMessage);
        }

        return ModelState.IsValid;
    }
}
