using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Api;

/// <summary>RFC 7807 problem details in Chinese, the API's one error shape.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail = "请求的资源不存在，或您无权查看。") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "未找到");

    public static ProblemHttpResult Forbidden(string detail = "您的角色不能执行此操作。") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "操作冲突");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "请求有误");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string detail = "提交的数据有需要修改的地方，详见 errors。") =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "数据校验未通过");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Save errors keyed by the API's camelCase paths (<c>budget</c>, <c>indicators[0].name</c>, <c>spendingPlan</c>; <c>""</c> for the whole project).</summary>
    public static ValidationProblem Validation(IEnumerable<SaveError> errors) =>
        Validation(errors.GroupBy(e => ApiPath(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));

    /// <summary>The result for a denied <see cref="ProjectAccess"/> decision; null when allowed.</summary>
    public static IResult? Check(System.Security.Claims.ClaimsPrincipal user, WorkbenchAction action, int unitId, IUnitAncestry? ancestry = null) =>
        ProjectAccess.Decide(user, action, unitId, ancestry) switch
        {
            AccessDecision.Allowed => null,
            AccessDecision.Forbidden => Forbidden(),
            _ => NotFound(),
        };

    /// <summary>Like the pages: whoever may not read the unit gets 404 whatever the action; then the action itself.</summary>
    public static IResult? CheckProject(System.Security.Claims.ClaimsPrincipal user, WorkbenchAction action, int unitId, IUnitAncestry? ancestry = null) =>
        Check(user, WorkbenchAction.Read, unitId, ancestry) ?? Check(user, action, unitId, ancestry);

    /// <summary><c>Indicators[0].Name</c> → <c>indicators[0].name</c>; the form's <c>Plan</c> is the API's <c>spendingPlan</c>.</summary>
    public static string ApiPath(string field)
    {
        if (field.Length == 0)
        {
            return string.Empty;
        }

        var parts = field.Split('.');
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            var name = part.StartsWith("Plan", StringComparison.Ordinal) && (part.Length == 4 || part[4] == '[') ? "spendingPlan" + part[4..] : part;
            text.Append(char.ToLowerInvariant(name[0])).Append(name, 1, name.Length - 1);
        }

        return text.ToString();
    }
}
