using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;
using StoredSettings = PerformanceTargets.Domain.Units.YearSettings;

using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.YearSettings;

/// <summary>
/// One fiscal year's evaluation settings (grade bands, weights, qualitative tiers, thresholds). A year without stored
/// settings shows and uses the national defaults; saving stores them for the year; "恢复默认" deletes them again.
/// A closed year's settings are read-only.
/// </summary>
public partial class IndexModel(
    AppDbContext db,
    IYearSettingsProvider provider,
    IValidator<YearSettingsInput> validator,
    Features.YearEnd.RatingCalculator ratings,
    ILogger<IndexModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public YearSettingsInput Input { get; set; } = new();

    public bool IsStored { get; private set; }

    public bool IsOpen { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var fiscalYear = await FindYearAsync();
        if (fiscalYear is null)
        {
            return NotFound();
        }

        await LoadAsync(fiscalYear, fillInput: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var fiscalYear = await FindYearAsync();
        if (fiscalYear is null)
        {
            return NotFound();
        }

        if (!fiscalYear.IsOpen)
        {
            ModelState.AddModelError(string.Empty, ClosedMessage);
            await LoadAsync(fiscalYear, fillInput: true);
            return Page();
        }

        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (ModelState.IsValid)
        {
            if (!Input.TryGetBands(out var bands, out var bandError))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Bands)}", bandError!);
            }

            // The other checks run even when the bands were refused (then against the national bands), so every problem shows at once.
            var settings = Input.ToSettings(Year, bands ?? RatingBandSet.National);
            var errors = StoredSettings.Check(settings);
            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }

            if (bands is not null && errors.Count == 0)
            {
                try
                {
                    var stored = await db.YearSettings.FirstOrDefaultAsync(s => s.FiscalYearId == fiscalYear.Id);
                    if (stored is null)
                    {
                        db.YearSettings.Add(new StoredSettings(fiscalYear.Id, settings));
                    }
                    else
                    {
                        stored.Replace(settings);
                    }

                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                    await ratings.RateYearAsync(Year);
                    LogSaved(logger, Year, User.Identity?.Name);
                    StatusMessage = $"已保存 {Year} 年度的评分设置，并已按新设置重新评分。";
                    return RedirectToPage(new { year = Year });
                }
                catch (DomainException e)
                {
                    ModelState.AddModelError(string.Empty, e.Message);
                }
            }
        }

        await LoadAsync(fiscalYear, fillInput: false);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        var fiscalYear = await FindYearAsync();
        if (fiscalYear is null)
        {
            return NotFound();
        }

        if (!fiscalYear.IsOpen)
        {
            ModelState.AddModelError(string.Empty, ClosedMessage);
            await LoadAsync(fiscalYear, fillInput: true);
            return Page();
        }

        // Through the change tracker (not ExecuteDelete), so the audit trail records the rules and their parts as deleted.
        if (await db.YearSettings.FirstOrDefaultAsync(s => s.FiscalYearId == fiscalYear.Id) is { } stored)
        {
            db.YearSettings.Remove(stored);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await ratings.RateYearAsync(Year);
        LogReset(logger, Year, User.Identity?.Name);
        StatusMessage = $"{Year} 年度已恢复为全国默认值。";
        return RedirectToPage(new { year = Year });
    }

    private string ClosedMessage => $"{Year} 年度已关闭，评分设置不能修改；如需修改，请先在“预算年度”中重新打开该年度。";

    private Task<FiscalYear?> FindYearAsync() => db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == Year);

    private async Task LoadAsync(FiscalYear fiscalYear, bool fillInput)
    {
        IsOpen = fiscalYear.IsOpen;
        IsStored = await provider.IsStoredAsync(Year);
        if (fillInput)
        {
            Input = YearSettingsInput.From(await provider.GetAsync(Year));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation settings of {Year} saved by {Admin}")]
    private static partial void LogSaved(ILogger logger, int year, string? admin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation settings of {Year} reset to the national defaults by {Admin}")]
    private static partial void LogReset(ILogger logger, int year, string? admin);
}
