namespace PerformanceTargets.Domain.Monitoring;

/// <summary>The review status of a project's monitoring entry: 草稿 → 已提交 → 已审核 / 已退回 (docs/domain-rules.md §7a).</summary>
public enum MonitoringStatus
{
    /// <summary>草稿: being filled; editable.</summary>
    Draft = 0,

    /// <summary>已提交: waiting for the unit's department head.</summary>
    Submitted = 1,

    /// <summary>已审核: approved; read-only.</summary>
    Approved = 2,

    /// <summary>已退回: returned with a reason; editable, and editing makes it a draft again.</summary>
    Returned = 3,
}

/// <summary>A step in a monitoring entry's history: who moved it from which status to which, when, and why.</summary>
public sealed record MonitoringHistoryEntry(DateTimeOffset At, string UserName, MonitoringStatus From, MonitoringStatus To, string? Comment, Review.ReviewStage Level = Review.ReviewStage.None);

public static class MonitoringStatusNames
{
    public static string ToChinese(this MonitoringStatus status) => status switch
    {
        MonitoringStatus.Draft => "草稿",
        MonitoringStatus.Submitted => "已提交",
        MonitoringStatus.Approved => "已审核",
        MonitoringStatus.Returned => "已退回",
        _ => status.ToString(),
    };
}
