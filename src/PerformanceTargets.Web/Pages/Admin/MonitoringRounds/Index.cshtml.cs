using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.MonitoringRounds;

/// <summary>绩效运行监控 rounds: open one for a year and period 1–m月 with a deadline; close and reopen.</summary>
public class IndexModel(Features.Monitoring.MonitoringRounds rounds, IValidator<RoundInput> validator, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public IReadOnlyList<MonitoringRound> Rounds { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        Input = new RoundInput { Year = today.Year, EndMonth = 6, Deadline = new DateOnly(today.Year, 7, 15) };
        Rounds = await rounds.ListAsync();
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (ModelState.IsValid)
        {
            try
            {
                var round = await rounds.OpenAsync(Input.Year!.Value, Input.EndMonth!.Value, Input.Deadline!.Value, User.Identity?.Name ?? "?");
                StatusMessage = $"已开启{round.Period}绩效运行监控，填报截止 {round.Deadline:yyyy-MM-dd}。";
                return RedirectToPage();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.EndMonth)}", e.Message);
            }
        }

        Rounds = await rounds.ListAsync();
        return Page();
    }

    public Task<IActionResult> OnPostCloseAsync(int id) => SetOpenAsync(id, reopen: false);

    public Task<IActionResult> OnPostReopenAsync(int id) => SetOpenAsync(id, reopen: true);

    private async Task<IActionResult> SetOpenAsync(int id, bool reopen)
    {
        try
        {
            var round = await rounds.SetOpenAsync(id, reopen);
            if (round is null)
            {
                return NotFound();
            }

            StatusMessage = reopen ? $"已重新开启{round.Period}绩效运行监控。" : $"已关闭{round.Period}绩效运行监控。";
        }
        catch (DomainException e)
        {
            StatusMessage = e.Message;
        }

        return RedirectToPage();
    }
}
