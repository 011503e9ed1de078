using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

using PerformanceTargets.Documents.Writing;

namespace PerformanceTargets.Web.Pages.Audit;

/// <summary>
/// 审计日志: the append-only audit trail, newest first, filtered by unit, project, user and date, paged; downloads of
/// every matching entry as csv or xlsx. Read-only: the page has no POST handler and the context refuses changes to entries.
/// Admins and Auditors only (the <c>/Audit</c> folder's policy).
/// </summary>
public class IndexModel(AppDbContext db, IValidator<AuditFilter> validator) : PageModel
{
    public const int PageSize = 50;

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Headers = ["时间（北京时间）", "用户", "动作", "来源", "对象类型", "对象", "年度", "单位编码", "项目编码", "修改前", "修改后"];

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

    /// <summary>Every matching entry as UTF-8 csv (with a BOM, so Excel reads the Chinese), written row by row.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await ValidAsync(cancellationToken))
        {
            return Page();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = ContentDisposition("csv");
        await using var writer = new StreamWriter(Response.Body, CsvWriter.Encoding, bufferSize: 16 * 1024);
        var csv = new CsvWriter(writer, alwaysQuote: true);
        await csv.WriteRowAsync(Headers);
        await foreach (var entry in Filter.Query(db).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await csv.WriteRowAsync(Row(entry).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        }

        return new EmptyResult();
    }

    /// <summary>Every matching entry as .xlsx: MiniExcel writes the rows as they are read into a temporary file, then it is sent.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await ValidAsync(cancellationToken))
        {
            return Page();
        }

        var rows = Filter.Query(db).OrderBy(a => a.Id).AsEnumerable()
            .Select(entry => Headers.Zip(Row(entry)).ToDictionary(p => p.First, p => p.Second));
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await file.SaveAsAsync(rows, sheetName: "审计日志", cancellationToken: cancellationToken);
            file.Position = 0;
            return File(file, XlsxContentType, FileName("xlsx"));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
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

    private static object?[] Row(AuditEntry a) =>
    [
        AuditFilter.ChinaTime(a.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        a.UserName, a.Action, a.Operation, a.EntityType, a.EntityKey, a.Year, a.UnitCode, a.ProjectCode, a.Before, a.After,
    ];


    private static string FileName(string extension) => $"审计日志-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmmss}.{extension}";

    private static string ContentDisposition(string extension) =>
        new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = FileName(extension) }.ToString();
}
