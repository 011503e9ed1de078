namespace PerformanceTargets.Domain.Projects;

/// <summary>Workflow status of a project's goal table (domain.md §6).</summary>
public enum ProjectStatus
{
    /// <summary>草稿: being written; editable.</summary>
    Draft = 0,

    /// <summary>已提交: waiting for the department head.</summary>
    Submitted = 1,

    /// <summary>已审核: approved; read-only until adjusted.</summary>
    Approved = 2,

    /// <summary>已退回: returned with a reason; editable, and editing makes it a draft again.</summary>
    Returned = 3,
}

public static class ProjectStatusNames
{
    public static string ToChinese(this ProjectStatus status) => status switch
    {
        ProjectStatus.Draft => "草稿",
        ProjectStatus.Submitted => "已提交",
        ProjectStatus.Approved => "已审核",
        ProjectStatus.Returned => "已退回",
        _ => status.ToString(),
    };
}
