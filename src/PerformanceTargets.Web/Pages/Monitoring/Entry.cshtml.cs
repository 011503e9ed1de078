using PerformanceTargets.Domain.Review;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Monitoring;

/// <summary>
/// A project's 绩效运行监控表 in a round: Finance of the unit fills and submits it, the unit's department head approves or
/// returns it, everyone who may read the unit sees it with its lights and history (docs/domain-rules.md §7a).
/// </summary>
public class EntryModel(AppDbContext db, MonitoringEntries entries, MonitoringExporter exporter, IValidator<MonitoringEntryInput> validator, IValidator<DecisionInput> decisionValidator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int RoundId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int ProjectId { get; set; }

    [BindProperty]
    public MonitoringEntryInput Input { get; set; } = new();

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public EntryLoad Load { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public MonitoringLights Lights { get; private set; } = null!;

    public IReadOnlyList<MonitoringError> Problems { get; private set; } = [];

    public bool CanEdit => Load.Round.IsOpen && Load.Entry.IsEditable && ProjectAccess.Can(User, WorkbenchAction.Edit, Unit.Id);

    public bool CanDecide => Load.Round.IsOpen && Load.Entry.Status == MonitoringStatus.Submitted
        && ProjectAccess.Can(User, WorkbenchAction.Approve, Unit.Id, HttpContext.RequestServices.GetService<UnitHierarchy>())
        && HttpContext.RequestServices.GetRequiredService<Features.Review.ReviewDecisions>().MayDecideAt(User, Unit.Id, Features.Monitoring.MonitoringEntries.WaitingAt(Load.Entry));

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(WorkbenchAction.Read) is { } denied)
        {
            return denied;
        }

        Input = MonitoringEntryInput.From(Load.Entry, Load.IsNew);
        return Page();
    }

    /// <summary>The official 项目支出绩效监控表 of this project as .docx.</summary>
    public async Task<IActionResult> OnGetDocxAsync()
    {
        if (await LoadAsync(WorkbenchAction.Read) is { } denied)
        {
            return denied;
        }

        var bytes = await exporter.DocxAsync(Load.Round, Unit.Id, ProjectId);
        return File(bytes, MonitoringExporter.DocxContentType, MonitoringExporter.DocxFileName(Load.Round, Load.Project.Code));
    }

    public Task<IActionResult> OnPostAsync() => SaveAsync(submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(submit: true);

    public async Task<IActionResult> OnPostDecideAsync()
    {
        var action = Decision.Decision == Features.Review.Decision.Return ? WorkbenchAction.Return : WorkbenchAction.Approve;
        if (await LoadAsync(action) is { } denied)
        {
            return denied;
        }

        Input = MonitoringEntryInput.From(Load.Entry, Load.IsNew);
        ModelState.Clear();
        ModelState.AddFailures(await decisionValidator.ValidateAsync(Decision), nameof(Decision));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await entries.DecideAsync(Load, User, Decision.Decision == Features.Review.Decision.Approve, Decision.Comment);
        }
        catch (Features.Review.NotYourLevelException)
        {
            return Forbid(); // the entry waits for another level of the review chain
        }
        catch (DomainException e)
        {
            ModelState.AddModelError($"{nameof(Decision)}.{nameof(Decision.Comment)}", e.Message);
            return Page();
        }

        Message = Load.Entry.Status switch
        {
            MonitoringStatus.Approved => "已审核通过。",
            MonitoringStatus.Submitted => $"已通过，转{Load.Entry.Stage.ToChinese()}。",
            _ => "已退回。",
        };
        return RedirectToPage(new { RoundId, ProjectId });
    }

    private async Task<IActionResult> SaveAsync(bool submit)
    {
        if (await LoadAsync(submit ? WorkbenchAction.Submit : WorkbenchAction.Edit) is { } denied)
        {
            return denied;
        }

        ModelState.Remove($"{nameof(Decision)}.{nameof(Decision.Decision)}");
        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = User.Identity?.Name ?? "?";
        try
        {
            await entries.SaveAsync(Load, Input.Funds, Input.Figures(), user, Input.Version);
            Lights = Load.Lights;
            if (submit)
            {
                await entries.SubmitAsync(Load, user);
            }
        }
        catch (MonitoringException e)
        {
            foreach (var error in e.Errors)
            {
                ModelState.AddModelError(Input.KeyOf(error, Load.Entry.Indicators, nameof(Input)), error.ToString());
            }

            Lights = Load.Lights;
            Input.Version = Load.IsNew ? null : Load.Entry.Version;
            return Page();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }

        Message = submit ? "已提交，等待部门负责人审核。" : "已保存。";
        return RedirectToPage(new { RoundId, ProjectId });
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        var unitId = await entries.UnitOfProjectAsync(ProjectId);
        if (unitId is null)
        {
            return NotFound();
        }

        if ((this.Check(WorkbenchAction.Read, unitId.Value) ?? this.Check(action, unitId.Value)) is { } denied)
        {
            return denied;
        }

        EntryLoad? load;
        try
        {
            load = await entries.LoadAsync(RoundId, ProjectId);
        }
        catch (DomainException)
        {
            return NotFound();
        }

        if (load is null)
        {
            return NotFound();
        }

        Load = load;
        Unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId.Value);
        Lights = load.Lights;
        Problems = load.Entry.Check(Lights);
        return null;
    }
}
