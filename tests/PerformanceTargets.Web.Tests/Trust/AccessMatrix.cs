using System.Text;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>What the server answers when a user tries an action.</summary>
public enum AccessOutcome
{
    /// <summary>Done (200 or the page's redirect after a successful post).</summary>
    Allowed,

    /// <summary>The role may not do this: redirect to the access-denied page, which answers 403.</summary>
    Forbidden,

    /// <summary>Another unit's data: 404, so its existence is never confirmed.</summary>
    NotFound,

    /// <summary>Not signed in: redirect to the sign-in page.</summary>
    SignIn,

    /// <summary>The request is answered but refused in the page with a Chinese reason (e.g. an import of another unit's document: 422).</summary>
    Refused,
}

/// <summary>Whether the data acted on belongs to the user's own unit or to another unit.</summary>
public enum AccessScope
{
    OwnUnit,
    OtherUnit,
}

/// <summary>An action of the matrix, the place it is served, and its Chinese name.</summary>
public sealed record MatrixAction(string Key, string Chinese, string Endpoint);

/// <summary>One cell: a role doing an action on its own or another unit's data, and what the server must answer.</summary>
public sealed record MatrixCell(string Role, MatrixAction Action, AccessScope Scope, AccessOutcome Outcome)
{
    public override string ToString() => $"{Role} {Action.Key} {Scope}: {Outcome}";
}

/// <summary>
/// The written authorisation matrix (issue 7), as data: <c>docs/security.md</c> shows <see cref="ToMarkdown"/> (a test
/// keeps the two equal) and the web tests run one real HTTP request per <see cref="Cells"/> entry as a user of that
/// role. The decisions themselves are made by <see cref="ProjectAccess"/> and the page policies; this table is what
/// they must produce. Adding an action here adds its row to the document and its tests (a probe must be written for it).
/// Admin and Auditor belong to no unit: "own unit" and "other unit" are simply two different units for them.
/// </summary>
public static class AccessMatrix
{
    public const string Anonymous = "Anonymous";

    public static readonly IReadOnlyList<string> MatrixRoles = [Roles.Admin, Roles.Finance, Roles.DepartmentHead, Roles.Auditor, Roles.FinanceReviewer, Anonymous];

    public static readonly MatrixAction View = new("view", "查看项目", "GET /Projects/Details/{id}");
    public static readonly MatrixAction Create = new("create", "新建项目", "POST /Projects/Edit?unit={unit}");
    public static readonly MatrixAction Edit = new("edit", "修改项目", "POST /Projects/Edit/{id}");
    public static readonly MatrixAction Submit = new("submit", "提交审核", "POST /Projects/Details/{id}?handler=Submit");
    public static readonly MatrixAction Approve = new("approve", "审核通过", "POST /Review/Decide/{id} (Approve)");
    public static readonly MatrixAction Return = new("return", "退回", "POST /Review/Decide/{id} (Return)");
    public static readonly MatrixAction Adjust = new("adjust", "绩效目标调整", "POST /Projects/Details/{id}?handler=Adjust");
    public static readonly MatrixAction Import = new("import", "导入", "POST /Import (a document of the unit)");
    public static readonly MatrixAction Export = new("export", "导出", "GET /Export?unit={unit}&year=&format=docx");
    public static readonly MatrixAction Evaluate = new("evaluate", "年终自评", "POST /YearEnd/Edit/{id}");
    public static readonly MatrixAction RatingsExport = new("ratings-export", "导出评分结果", "GET /Ratings?handler=Download&unit={unit}&format=csv");
    public static readonly MatrixAction ManageUsers = new("manage-users", "管理用户", "POST /Admin/Users/Edit?id={user}&handler=Lock");
    public static readonly MatrixAction Audit = new("audit", "查阅审计日志", "GET /Audit?unit={unit}");
    public static readonly MatrixAction Publish = new("publish", "公开", "POST /Publishing?handler=Publish (unit={unit code})");
    public static readonly MatrixAction PublicView = new("public-view", "查阅公开内容", "GET /public/{year}/{unit code} (a published unit)");

    public static readonly MatrixAction MonitorOpen = new("monitor-open", "开启运行监控", "POST /Admin/MonitoringRounds?handler=Open");
    public static readonly MatrixAction MonitorFill = new("monitor-fill", "填报运行监控", "POST /Monitoring/Entry/{round}/{id}");
    public static readonly MatrixAction MonitorDecide = new("monitor-decide", "审核运行监控", "POST /Monitoring/Entry/{round}/{id}?handler=Decide (Approve)");

    public static readonly MatrixAction DepartmentView = new("department-view", "查看部门整体表", "GET /Department/Show?unit={unit}&year=");
    public static readonly MatrixAction DepartmentEdit = new("department-edit", "修改部门整体表", "POST /Department/Edit?unit={unit}&year=");
    public static readonly MatrixAction DepartmentApprove = new("department-approve", "审核部门整体表", "POST /Review/Department?unit={unit}&year= (Approve)");


    public static readonly IReadOnlyList<MatrixAction> Actions = [View, Create, Edit, Submit, Approve, Return, Adjust, Import, Export, Evaluate, RatingsExport, ManageUsers, Audit, Publish, PublicView, MonitorOpen, MonitorFill, MonitorDecide, DepartmentView, DepartmentEdit, DepartmentApprove];

    private const AccessOutcome Yes = AccessOutcome.Allowed;
    private const AccessOutcome Forbidden = AccessOutcome.Forbidden;
    private const AccessOutcome Hidden = AccessOutcome.NotFound;
    private const AccessOutcome SignIn = AccessOutcome.SignIn;
    private const AccessOutcome Refused = AccessOutcome.Refused;

    /// <summary>role → action → (own unit, other unit).</summary>
    private static readonly (string Role, MatrixAction Action, AccessOutcome Own, AccessOutcome Other)[] Table =
    [
        (Roles.Admin, View, Yes, Yes),
        (Roles.Admin, Create, Yes, Yes),
        (Roles.Admin, Edit, Yes, Yes),
        (Roles.Admin, Submit, Yes, Yes),
        (Roles.Admin, Approve, Yes, Yes),
        (Roles.Admin, Return, Yes, Yes),
        (Roles.Admin, Adjust, Yes, Yes),
        (Roles.Admin, Import, Yes, Yes),
        (Roles.Admin, Export, Yes, Yes),
        (Roles.Admin, Evaluate, Yes, Yes),
        (Roles.Admin, RatingsExport, Yes, Yes),
        (Roles.Admin, ManageUsers, Yes, Yes),
        (Roles.Admin, Audit, Yes, Yes),
        (Roles.Admin, Publish, Yes, Yes),
        (Roles.Admin, PublicView, Yes, Yes),
        (Roles.Admin, MonitorOpen, Yes, Yes),
        (Roles.Admin, MonitorFill, Yes, Yes),
        (Roles.Admin, MonitorDecide, Yes, Yes),
        (Roles.Admin, DepartmentView, Yes, Yes),
        (Roles.Admin, DepartmentEdit, Yes, Yes),
        (Roles.Admin, DepartmentApprove, Yes, Yes),

        (Roles.Finance, View, Yes, Hidden),
        (Roles.Finance, Create, Yes, Hidden),
        (Roles.Finance, Edit, Yes, Hidden),
        (Roles.Finance, Submit, Yes, Hidden),
        (Roles.Finance, Approve, Forbidden, Forbidden),
        (Roles.Finance, Return, Forbidden, Forbidden),
        (Roles.Finance, Adjust, Yes, Hidden),
        (Roles.Finance, Import, Yes, Refused),
        (Roles.Finance, Export, Yes, Hidden),
        (Roles.Finance, Evaluate, Yes, Hidden),
        (Roles.Finance, RatingsExport, Forbidden, Forbidden),
        (Roles.Finance, ManageUsers, Forbidden, Forbidden),
        (Roles.Finance, Audit, Forbidden, Forbidden),
        (Roles.Finance, Publish, Forbidden, Forbidden),
        (Roles.Finance, PublicView, Yes, Yes),
        (Roles.Finance, MonitorOpen, Forbidden, Forbidden),
        (Roles.Finance, MonitorFill, Yes, Hidden),
        (Roles.Finance, MonitorDecide, Forbidden, Hidden),
        (Roles.Finance, DepartmentView, Yes, Hidden),
        (Roles.Finance, DepartmentEdit, Yes, Hidden),
        (Roles.Finance, DepartmentApprove, Forbidden, Forbidden),

        (Roles.DepartmentHead, View, Yes, Hidden),
        (Roles.DepartmentHead, Create, Forbidden, Forbidden),
        (Roles.DepartmentHead, Edit, Forbidden, Forbidden),
        (Roles.DepartmentHead, Submit, Forbidden, Hidden),
        (Roles.DepartmentHead, Approve, Yes, Hidden),
        (Roles.DepartmentHead, Return, Yes, Hidden),
        (Roles.DepartmentHead, Adjust, Forbidden, Hidden),
        (Roles.DepartmentHead, Import, Forbidden, Forbidden),
        (Roles.DepartmentHead, Export, Yes, Hidden),
        (Roles.DepartmentHead, Evaluate, Forbidden, Hidden),
        (Roles.DepartmentHead, RatingsExport, Forbidden, Forbidden),
        (Roles.DepartmentHead, ManageUsers, Forbidden, Forbidden),
        (Roles.DepartmentHead, Audit, Forbidden, Forbidden),
        (Roles.DepartmentHead, Publish, Forbidden, Forbidden),
        (Roles.DepartmentHead, PublicView, Yes, Yes),
        (Roles.DepartmentHead, MonitorOpen, Forbidden, Forbidden),
        (Roles.DepartmentHead, MonitorFill, Forbidden, Hidden),
        (Roles.DepartmentHead, MonitorDecide, Yes, Hidden),
        (Roles.DepartmentHead, DepartmentView, Yes, Hidden),
        (Roles.DepartmentHead, DepartmentEdit, Forbidden, Forbidden),
        (Roles.DepartmentHead, DepartmentApprove, Yes, Hidden),

        (Roles.Auditor, View, Yes, Yes),
        (Roles.Auditor, Create, Forbidden, Forbidden),
        (Roles.Auditor, Edit, Forbidden, Forbidden),
        (Roles.Auditor, Submit, Forbidden, Forbidden),
        (Roles.Auditor, Approve, Forbidden, Forbidden),
        (Roles.Auditor, Return, Forbidden, Forbidden),
        (Roles.Auditor, Adjust, Forbidden, Forbidden),
        (Roles.Auditor, Import, Forbidden, Forbidden),
        (Roles.Auditor, Export, Yes, Yes),
        (Roles.Auditor, Evaluate, Forbidden, Forbidden),
        (Roles.Auditor, RatingsExport, Yes, Yes),
        (Roles.Auditor, ManageUsers, Forbidden, Forbidden),
        (Roles.Auditor, Audit, Yes, Yes),
        (Roles.Auditor, Publish, Forbidden, Forbidden),
        (Roles.Auditor, PublicView, Yes, Yes),
        (Roles.Auditor, MonitorOpen, Forbidden, Forbidden),
        (Roles.Auditor, MonitorFill, Forbidden, Forbidden),
        (Roles.Auditor, MonitorDecide, Forbidden, Forbidden),
        (Roles.Auditor, DepartmentView, Yes, Yes),
        (Roles.Auditor, DepartmentEdit, Forbidden, Forbidden),
        (Roles.Auditor, DepartmentApprove, Forbidden, Forbidden),

        // 财政审核 of the own unit's subtree (its unit is the subtree's root). The matrix's year has a one-level chain, so the
        // project waits at the unit's own head: the 财政 reviewer may look but not decide (403); other subtrees are hidden.
        (Roles.FinanceReviewer, View, Yes, Hidden),
        (Roles.FinanceReviewer, Create, Forbidden, Forbidden),
        (Roles.FinanceReviewer, Edit, Forbidden, Forbidden),
        (Roles.FinanceReviewer, Submit, Forbidden, Hidden),
        (Roles.FinanceReviewer, Approve, Forbidden, Hidden),
        (Roles.FinanceReviewer, Return, Forbidden, Hidden),
        (Roles.FinanceReviewer, Adjust, Forbidden, Hidden),
        (Roles.FinanceReviewer, Import, Forbidden, Forbidden),
        (Roles.FinanceReviewer, Export, Yes, Hidden),
        (Roles.FinanceReviewer, Evaluate, Forbidden, Hidden),
        (Roles.FinanceReviewer, RatingsExport, Forbidden, Forbidden),
        (Roles.FinanceReviewer, ManageUsers, Forbidden, Forbidden),
        (Roles.FinanceReviewer, Audit, Forbidden, Forbidden),
        (Roles.FinanceReviewer, Publish, Yes, Hidden),
        (Roles.FinanceReviewer, PublicView, Yes, Yes),
        (Roles.FinanceReviewer, MonitorOpen, Forbidden, Forbidden),
        (Roles.FinanceReviewer, MonitorFill, Forbidden, Hidden),
        (Roles.FinanceReviewer, MonitorDecide, Forbidden, Hidden),
        (Roles.FinanceReviewer, DepartmentView, Yes, Hidden),
        (Roles.FinanceReviewer, DepartmentEdit, Forbidden, Forbidden),
        (Roles.FinanceReviewer, DepartmentApprove, Forbidden, Hidden),

        (Anonymous, View, SignIn, SignIn),
        (Anonymous, Create, SignIn, SignIn),
        (Anonymous, Edit, SignIn, SignIn),
        (Anonymous, Submit, SignIn, SignIn),
        (Anonymous, Approve, SignIn, SignIn),
        (Anonymous, Return, SignIn, SignIn),
        (Anonymous, Adjust, SignIn, SignIn),
        (Anonymous, Import, SignIn, SignIn),
        (Anonymous, Export, SignIn, SignIn),
        (Anonymous, Evaluate, SignIn, SignIn),
        (Anonymous, RatingsExport, SignIn, SignIn),
        (Anonymous, ManageUsers, SignIn, SignIn),
        (Anonymous, Audit, SignIn, SignIn),
        (Anonymous, Publish, SignIn, SignIn),
        (Anonymous, PublicView, Yes, Yes),
        (Anonymous, MonitorOpen, SignIn, SignIn),
        (Anonymous, MonitorFill, SignIn, SignIn),
        (Anonymous, MonitorDecide, SignIn, SignIn),
        (Anonymous, DepartmentView, SignIn, SignIn),
        (Anonymous, DepartmentEdit, SignIn, SignIn),
        (Anonymous, DepartmentApprove, SignIn, SignIn),
    ];

    /// <summary>Every cell: role × action × own/other unit.</summary>
    public static IReadOnlyList<MatrixCell> Cells { get; } =
    [
        .. Table.SelectMany(row => new[]
        {
            new MatrixCell(row.Role, row.Action, AccessScope.OwnUnit, row.Own),
            new MatrixCell(row.Role, row.Action, AccessScope.OtherUnit, row.Other),
        }),
    ];

    public static AccessOutcome Expected(string role, string actionKey, AccessScope scope) =>
        Cells.Single(c => c.Role == role && c.Action.Key == actionKey && c.Scope == scope).Outcome;

    /// <summary>The matrix as the Markdown table in <c>docs/security.md</c>: one row per role and unit, one column per action.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| role | unit |");
        foreach (var action in Actions)
        {
            text.Append(' ').Append(action.Key).Append(" |");
        }

        text.Append('\n').Append("| --- | --- |");
        foreach (var _ in Actions)
        {
            text.Append(" --- |");
        }

        text.Append('\n');
        foreach (var role in MatrixRoles)
        {
            foreach (var scope in new[] { AccessScope.OwnUnit, AccessScope.OtherUnit })
            {
                text.Append("| ").Append(role).Append(" | ").Append(scope == AccessScope.OwnUnit ? "own" : "other").Append(" |");
                foreach (var action in Actions)
                {
                    text.Append(' ').Append(Symbol(Expected(role, action.Key, scope))).Append(" |");
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Symbol(AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Allowed => "yes",
        AccessOutcome.Forbidden => "403",
        AccessOutcome.NotFound => "404",
        AccessOutcome.SignIn => "login",
        AccessOutcome.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
