using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerformanceTargets.Web.Pages;

/// <summary>The page a bodiless 4xx/5xx answer shows (<see cref="Infrastructure.Hosting.StatusPages"/>): what happened, in Chinese, and a way back.</summary>
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading => Code switch
    {
        404 => "找不到该页面或记录",
        403 => "无权访问",
        405 => "不支持该操作",
        _ => Code >= 500 ? "出错了" : "无法完成请求",
    };

    public string Explanation => Code switch
    {
        404 => "您要找的页面或记录不存在，可能已被删除，或链接有误。",
        403 => "您的角色或所属单位无权查看或执行此操作。如需权限，请联系系统管理员。",
        _ => "请求没有完成。请返回后重试；如果问题持续，请联系系统管理员。",
    };

    /// <summary>The page the user came from, when it is a page of this site (the Referer), for 返回上一页.</summary>
    public string? BackUrl { get; private set; }

    public void OnGet(int code)
    {
        if (Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            BackUrl = referer.PathAndQuery;
        }

        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }
}
