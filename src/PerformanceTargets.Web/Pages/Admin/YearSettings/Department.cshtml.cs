using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.YearSettings;

/// <summary>
/// 部门整体自评评分设置 of one fiscal year: "与项目相同" (the year's project settings score the 部门整体 tables; nothing stored)
/// or "单独设置" (own grade bands, weights and qualitative tiers: a <see cref="DepartmentYearSettings"/>). Both changes land in
/// the audit trail (the interceptor records the stored rules). 部门整体 scores are computed on every read, so they follow at once.
/// A closed year's settings are read-only.
/// </summary>
public partial class DepartmentModel(
    AppDbContext db,
    IYearSettingsProvider provider,
    IValidator<DepartmentSettingsInput> validator,
    ILogger<DepartmentModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public DepartmentSettingsInput Input { get; set; } = new();

    /// <summary>True when the year's 部门整体自评 has its own rules stored.</summary>
    public bool IsCustom { get; private set; }

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
            ModelState.AddModelError(string.Empty, $"{Year} 年度已关闭，评分设置不能修改；如需修改，请先在“预算年度”中重新打开该年度。");
            await LoadAsync(fiscalYear, fillInput: true);
            return Page();
        }

        var stored = await db.DepartmentYearSettings.FirstOrDefaultAsync(s => s.FiscalYearId == fiscalYear.Id);
        if (!Input.Custom)
        {
            ModelState.Clear(); // the numbers of a form set back to "与项目相同" do not matter
            if (stored is not null)
            {
                db.DepartmentYearSettings.Remove(stored);
                await db.SaveChangesAsync();
                LogCleared(logger, Year, User.Identity?.Name);
            }

            StatusMessage = $"{Year} 年度的部门整体自评与项目使用相同的评分设置。";
            return RedirectToPage(new { year = Year });
        }

        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (ModelState.IsValid && await TrySaveAsync(stored, fiscalYear.Id))
        {
            LogSaved(logger, Year, User.Identity?.Name);
            StatusMessage = $"已保存 {Year} 年度部门整体自评的单独评分设置，部门整体自评即按新设置评分。";
            return RedirectToPage(new { year = Year });
        }

        await LoadAsync(fiscalYear, fillInput: false);
        return Page();
    }

    /// <summary>
    /// Checks the form against the domain's rules part by part, so each message shows at its fieldset (bands, weights,
    /// tiers), then stores it. False with the messages in <see cref="PageModel.ModelState"/> when refused.
    /// </summary>
    private async Task<bool> TrySaveAsync(DepartmentYearSettings? stored, int fiscalYearId)
    {
        var project = await provider.GetAsync(Year);
        if (!Input.TryGetBands(out var bands, out var bandError))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Bands)}", bandError!);
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, partial) in new[]
                 {
                     (nameof(Input.Groups), Input.WithWeights(project)),
                     (nameof(Input.Tiers), Input.WithTiers(project)),
                 })
        {
            foreach (var error in DepartmentYearSettings.Check(partial).Where(reported.Add))
            {
                ModelState.AddModelError($"{nameof(Input)}.{key}", error);
            }
        }

        var settings = Input.ToSettings(project, bands ?? RatingBandSet.National);
        foreach (var error in DepartmentYearSettings.Check(settings).Where(reported.Add))
        {
            ModelState.AddModelError(string.Empty, error);
        }

        if (bands is null || reported.Count > 0)
        {
            return false;
        }

        try
        {
            if (stored is null)
            {
                db.DepartmentYearSettings.Add(new DepartmentYearSettings(fiscalYearId, settings));
            }
            else
            {
                stored.Replace(settings);
            }

            await db.SaveChangesAsync();
            return true;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return false;
        }
    }

    private Task<FiscalYear?> FindYearAsync() => db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == Year);

    private async Task LoadAsync(FiscalYear fiscalYear, bool fillInput)
    {
        IsOpen = fiscalYear.IsOpen;
        IsCustom = await provider.IsDepartmentCustomAsync(Year);
        if (fillInput)
        {
            Input = DepartmentSettingsInput.From(await provider.GetDepartmentAsync(Year), IsCustom);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Department self-evaluation settings of {Year} saved by {Admin}")]
    private static partial void LogSaved(ILogger logger, int year, string? admin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Department self-evaluation settings of {Year} set back to the project settings by {Admin}")]
    private static partial void LogCleared(ILogger logger, int year, string? admin);
}
