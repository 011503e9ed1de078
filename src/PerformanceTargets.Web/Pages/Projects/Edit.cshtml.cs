using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Hosting;
using PerformanceTargets.Web.Infrastructure.Formatting;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Projects;

/// <summary>
/// The project form (new or existing): basics, the cumulative spending plan, numbered goals and the indicator tree,
/// with a live preview of each indicator value (<see cref="OnGetPreview"/>, called by wwwroot/js/indicators.js).
/// </summary>
public partial class EditModel(AppDbContext db, UnitScope scope, ProjectWriter writer, PreviousYear previousYear, ILogger<EditModel> logger) : PageModel
{
    /// <summary>一级 → 二级 of every standard catalogue (2020 and 2021 styles), for the selectors.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Categories = IndicatorCatalog.All
        .SelectMany(c => c.Categories)
        .GroupBy(kv => kv.Key)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(kv => kv.Value).Distinct()]);

    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Unit? ProjectUnit { get; private set; }

    public int ProjectYear { get; private set; }

    public BudgetProject? Project { get; private set; }

    public IReadOnlyList<QualityWarning> ProjectWarnings { get; private set; } = [];

    /// <summary>Last year's version of this project (same code, else same name in the unit), shown beside this year's targets.</summary>
    public BudgetProject? PreviousProject { get; private set; }

    /// <summary>The indicator library's search (<c>/api/v1/library/indicators</c>), for picking an indicator as you type.</summary>
    public static string LibraryUrl => "/api/v1/library/indicators";

    public static string CategoriesJson => JsonSerializer.Serialize(Categories);

    public async Task<IActionResult> OnGetAsync()
    {
        var denied = await LoadAsync();
        if (denied is not null)
        {
            return denied;
        }

        if (Project is not null && !Project.IsEditable)
        {
            TempData["Message"] = $"项目状态为{Project.Status.ToChinese()}，不能修改。";
            return RedirectToPage("Details", new { id = Project.Id });
        }

        Input = Project is null
            ? new ProjectInput { OtherFunds = 0, Goals = [string.Empty], Indicators = [new IndicatorInput { Level1 = "产出指标", Level2 = "数量指标" }] }
            : ProjectInput.From(Project);
        await LoadPreviousAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var denied = await LoadAsync();
        if (denied is not null)
        {
            return denied;
        }

        // Text that is not a number: say which field, and do not repeat “请填写…” for a field that was filled in.
        var unparsed = BindingErrors.NameFields(ModelState, ProjectInput.LabelOf);
        var saved = await writer.SaveAsync(Project, ProjectUnit!.Id, ProjectYear, Input, ProjectUnit.Code);
        if (saved.Conflict && Project is not null)
        {
            // Someone saved after this form was opened: nothing is written, the differences are shown.
            await LoadPreviousAsync();
            return await ConflictAsync(Project.Id);
        }

        if (!saved.Succeeded)
        {
            foreach (var error in saved.Errors.Where(e => !unparsed.Contains($"{nameof(Input)}.{e.Field}")))
            {
                ModelState.AddModelError(error.Field.Length == 0 ? string.Empty : $"{nameof(Input)}.{error.Field}", error.Message);
            }

            await LoadPreviousAsync();
            return Page();
        }

        var project = saved.Project!;
        LogSaved(logger, project.Id, User.Identity?.Name);
        TempData["Message"] = "项目已保存。";
        return RedirectToPage("Details", new { id = project.Id });
    }

    /// <summary>Live preview of one indicator row: how its value is understood and its quality warnings (JSON).</summary>
    public IActionResult OnGetPreview(string? level1, string? level2, string? name, string? description, string? value, decimal? budget)
    {
        var indicator = new Indicator(level1 ?? string.Empty, level2 ?? string.Empty, name ?? string.Empty, description ?? string.Empty, value ?? string.Empty, string.Empty);
        var target = TargetValueParser.Parse(value);
        var warnings = QualityReview.ReviewIndicator(indicator, budget);
        return new JsonResult(new
        {
            kind = Display.TargetKind(target),
            reading = Display.Target(target),
            warnings = warnings.Select(w => new { code = w.Code, message = w.Message }),
        });
    }

    private async Task LoadPreviousAsync() =>
        PreviousProject = await previousYear.FindAsync(ProjectUnit!.Id, ProjectYear, Project?.Code ?? Input.Code, Project?.Name ?? Input.Name);

    /// <summary>Fields where the stored project differs from this post (filled on a conflict).</summary>
    public IReadOnlyList<ProjectConflict.Difference>? Conflict { get; private set; }

    /// <summary>
    /// The project changed since the form was opened: show what differs from the stored version and keep the typed
    /// values. The hidden version becomes the stored one, so saving again (after reading the differences) is deliberate.
    /// </summary>
    private async Task<IActionResult> ConflictAsync(int id)
    {
        db.ChangeTracker.Clear();
        var stored = await db.Projects.AsNoTracking().Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == id);
        if (stored is null)
        {
            ModelState.AddModelError(string.Empty, "该项目已被他人删除，您的修改未保存。");
            return Page();
        }

        Project = stored;
        Conflict = ProjectConflict.Compare(ProjectInput.From(stored), Input);
        ModelState.AddModelError(string.Empty, Conflict.Count == 0
            ? "该项目在您打开表单后已被他人保存（内容与您填写的相同）。您的修改尚未保存；再次点击“保存”即可。"
            : $"该项目在您打开表单后已被他人修改，您的修改尚未保存。以下 {Conflict.Count} 处与当前保存的内容不同，请核对后再次保存。");
        ModelState.Remove($"{nameof(Input)}.{nameof(ProjectInput.Version)}");
        Input.Version = stored.Version;
        LogConflict(logger, id, User.Identity?.Name);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Id is { } id)
        {
            Project = await db.Projects.Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == id);
            if (Project is null)
            {
                return NotFound();
            }

            var denied = this.Check(WorkbenchAction.Edit, Project.UnitId);
            if (denied is not null)
            {
                return denied;
            }

            ProjectUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == Project.UnitId);
            ProjectYear = Project.Year;
            ProjectWarnings = QualityReview.Review(Project);
            return null;
        }

        if (this.CheckRequestedUnit(WorkbenchAction.Edit, Unit) is { } otherUnit)
        {
            return otherUnit;
        }

        ProjectUnit = await scope.ResolveUnitAsync(User, Unit);
        if (ProjectUnit is null)
        {
            return NotFound();
        }

        ProjectYear = await scope.ResolveYearAsync(Year);
        return this.Check(WorkbenchAction.Edit, ProjectUnit.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId}: edit conflict for {User}, nothing saved")]
    private static partial void LogConflict(ILogger logger, int projectId, string? user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId} saved by {User}")]
    private static partial void LogSaved(ILogger logger, int projectId, string? user);
}
