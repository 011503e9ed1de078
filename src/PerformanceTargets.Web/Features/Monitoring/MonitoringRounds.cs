using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Monitoring;

/// <summary>Opens, closes and lists the rounds of 绩效运行监控 (admins open and close; everyone signed in reads them).</summary>
public sealed class MonitoringRounds(AppDbContext db, TimeProvider clock)
{
    public Task<List<MonitoringRound>> ListAsync(int? year = null, CancellationToken cancellationToken = default) =>
        db.MonitoringRounds.AsNoTracking()
            .Where(r => year == null || r.Year == year)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.EndMonth)
            .ToListAsync(cancellationToken);

    public Task<MonitoringRound?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.MonitoringRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The latest open round (the highest year, then period), for the dashboard; null when none is open.</summary>
    public Task<MonitoringRound?> LatestOpenAsync(CancellationToken cancellationToken = default) =>
        db.MonitoringRounds.AsNoTracking().Where(r => r.IsOpen)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.EndMonth)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Opens a round; a <see cref="DomainException"/> when the year and period already have one or the figures are out of range.</summary>
    public async Task<MonitoringRound> OpenAsync(int year, int endMonth, DateOnly deadline, string userName, CancellationToken cancellationToken = default)
    {
        var round = new MonitoringRound(year, endMonth, deadline, userName, clock.GetUtcNow());
        if (await db.MonitoringRounds.AnyAsync(r => r.Year == year && r.EndMonth == endMonth, cancellationToken))
        {
            throw new DomainException($"{round.Period}的运行监控已开启过，不能重复开启。");
        }

        db.MonitoringRounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }

    /// <summary>Closes (or, with <paramref name="reopen"/>, reopens) a round; null when it does not exist.</summary>
    public async Task<MonitoringRound?> SetOpenAsync(int id, bool reopen, CancellationToken cancellationToken = default)
    {
        var round = await db.MonitoringRounds.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return null;
        }

        if (reopen)
        {
            round.Reopen();
        }
        else
        {
            round.Close(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return round;
    }
}
