using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Account;

/// <summary>
/// 我的账户: who is signed in, with which roles and unit, read from the sign-in cookie alone (no database work beyond the
/// layout's). The header's name links here. It is also the benchmarks' "empty signed-in page" (bench/pages.sh): the floor
/// the framework, the cookie and the layout cost a signed-in page.
/// </summary>
public class MeModel : PageModel
{
    public string UserName { get; private set; } = string.Empty;

    public string ShownName { get; private set; } = string.Empty;

    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    public int? UnitId { get; private set; }

    public void OnGet()
    {
        UserName = User.Identity?.Name ?? string.Empty;
        ShownName = User.ShownName();
        RoleNames = [.. Roles.All.Where(User.IsInRole).Select(Roles.ToChinese)];
        UnitId = User.GetUnitId();
    }
}
