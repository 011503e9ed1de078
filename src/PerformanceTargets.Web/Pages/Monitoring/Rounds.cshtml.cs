using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Web.Features.Monitoring;

namespace PerformanceTargets.Web.Pages.Monitoring;

/// <summary>The rounds of 绩效运行监控, newest first, each linking to its overview (admins open them under /Admin/MonitoringRounds).</summary>
public class RoundsModel(MonitoringRounds rounds) : PageModel
{
    public IReadOnlyList<MonitoringRound> Rounds { get; private set; } = [];

    public async Task OnGetAsync() => Rounds = await rounds.ListAsync();
}
