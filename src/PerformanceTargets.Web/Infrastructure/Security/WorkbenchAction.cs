namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>What a user may try to do with a unit's data (its projects and its unit plan) in a year.</summary>
public enum WorkbenchAction
{
    /// <summary>See projects, goal tables, history and the unit plan.</summary>
    Read,

    /// <summary>Create, edit and copy projects; edit the unit plan.</summary>
    Edit,

    /// <summary>Submit a draft or returned project for review.</summary>
    Submit,

    /// <summary>Reopen an approved project with a reason (绩效目标调整).</summary>
    Adjust,

    /// <summary>Approve a submitted project.</summary>
    Approve,

    /// <summary>Return a submitted project with a comment.</summary>
    Return,

    /// <summary>Year end: record actuals (执行数, 实际完成值, 偏差原因, completion rates) and upload actuals files.</summary>
    RecordActuals,
}

/// <summary>The outcome of an access check: allowed, forbidden (403: the user may see the unit but not do this), or not found (404: never confirm it exists).</summary>
public enum AccessDecision
{
    Allowed,
    Forbidden,
    NotFound,
}
