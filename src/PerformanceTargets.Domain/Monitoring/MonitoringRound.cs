using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Domain.Monitoring;

/// <summary>
/// A round of mid-year 绩效运行监控 (双监控) for a fiscal year and a period 1–m月 (e.g. 1–6月: m = 6), opened by an
/// admin with a deadline. Units fill their approved projects' entries (<see cref="ProjectMonitoring"/>) while it is open;
/// a closed round is read-only. One round per year and period (docs/domain-rules.md §7a).
/// </summary>
public class MonitoringRound
{
    private MonitoringRound()
    {
        OpenedBy = string.Empty;
    }

    public MonitoringRound(int year, int endMonth, DateOnly deadline, string openedBy, DateTimeOffset at)
        : this()
    {
        if (year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            throw new DomainException($"年度 {year} 不在 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间。");
        }

        if (endMonth is < 1 or > 12)
        {
            throw new DomainException($"监控期间应为 1–m 月，m 在 1–12 之间（填写的是 {endMonth}）。");
        }

        if (deadline.Year < year)
        {
            throw new DomainException($"截止日期 {deadline:yyyy-MM-dd} 早于 {year} 年度。");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(openedBy);
        Year = year;
        EndMonth = endMonth;
        Deadline = deadline;
        OpenedBy = openedBy;
        OpenedAt = at;
        IsOpen = true;
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>m of the period 1–m月: the month whose end the figures are reported at.</summary>
    public int EndMonth { get; private set; }

    /// <summary>填报截止日期.</summary>
    public DateOnly Deadline { get; private set; }

    public bool IsOpen { get; private set; }

    public string OpenedBy { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The period in Chinese, e.g. <c>2026年1–6月</c>.</summary>
    public string Period => PeriodOf(Year, EndMonth);

    public static string PeriodOf(int year, int endMonth) => $"{year}年1–{endMonth}月";

    public void Close(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainException($"{Period}监控已关闭。");
        }

        IsOpen = false;
        ClosedAt = at;
    }

    public void Reopen()
    {
        IsOpen = true;
        ClosedAt = null;
    }

    /// <summary>Throws unless the round takes entries (open).</summary>
    public void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException($"{Period}监控已关闭，不能再填报或审核。");
        }
    }
}
