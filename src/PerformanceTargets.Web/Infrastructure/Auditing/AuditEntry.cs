namespace PerformanceTargets.Web.Infrastructure.Auditing;

/// <summary>
/// One recorded change: who, when, what entity, and its values before and after. Append-only: the context refuses to
/// update or delete these rows, and no page or verb offers to.
/// </summary>
public sealed class AuditEntry
{
    public const int ShortMaxLength = 256;

    public long Id { get; private set; }

    public DateTimeOffset At { get; init; }

    /// <summary>The user's name (e-mail), or <c>system</c>/<c>cli:…</c> for work without a signed-in user.</summary>
    public required string UserName { get; init; }

    /// <summary>Created, Updated, Deleted or StatusChanged.</summary>
    public required string Action { get; init; }

    /// <summary>The operation that made the change when it was more than a form save, e.g. <c>import seed.txt</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>The entity's type, e.g. <c>BudgetProject</c>, <c>Indicator</c>, <c>ProjectGoal</c>.</summary>
    public required string EntityType { get; init; }

    /// <summary>A readable key: project code, unit code, indicator name … (database ids of new rows are not known before saving).</summary>
    public required string EntityKey { get; init; }

    public int? Year { get; init; }

    public string? UnitCode { get; init; }

    public string? ProjectCode { get; init; }

    /// <summary>JSON object of the changed properties' old values (null for a creation).</summary>
    public string? Before { get; init; }

    /// <summary>JSON object of the changed properties' new values (null for a deletion).</summary>
    public string? After { get; init; }

    /// <summary>The action in Chinese, for pages and exports.</summary>
    public static string ActionLabel(string action) => action switch
    {
        "Created" => "新增",
        "Updated" => "修改",
        "Deleted" => "删除",
        "StatusChanged" => "状态变更",
        _ => action,
    };

    /// <summary>
    /// The operation in Chinese for the page (<c>import 000_….txt</c> → <c>导入文件：000_….txt</c>): the stored text stays as
    /// written, the page shows what a user recognises.
    /// </summary>
    public static string OperationLabel(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        (string Prefix, string Label)[] known =
        [
            ("api import actuals", "通过接口导入实际数"),
            ("api import", "通过接口导入"),
            ("upload actuals ", "上传实际数文件："),
            ("import actuals ", "导入实际数文件："),
            ("import ", "导入文件："),
            ("seed-demo ", "生成演示数据："),
            ("library seed", "初始化指标库"),
            ("publish ", "公开："),
            ("withdraw ", "撤回公开："),
        ];
        foreach (var (prefix, label) in known)
        {
            if (operation.StartsWith(prefix, StringComparison.Ordinal))
            {
                return label + operation[prefix.Length..];
            }
        }

        return operation;
    }

    /// <summary>The kind of record in Chinese, for pages and exports.</summary>
    public static string EntityLabel(string entityType) => entityType switch
    {
        "BudgetProject" => "预算项目",
        "UnitPlan" => "部门整体绩效目标",
        "Unit" => "单位",
        "FiscalYear" => "年度",
        "AppUser" => "用户",
        "YearSettings" => "年度评分设置",
        "DepartmentYearSettings" => "部门整体自评评分设置",
        "LibraryIndicator" => "指标库",
        "Publication" => "预算公开",
        "MonitoringRound" => "运行监控轮次",
        "ProjectMonitoring" => "绩效运行监控表",
        "IdentityUserRole`1" or "IdentityUserRole" => "用户角色",
        _ => entityType,
    };
}
