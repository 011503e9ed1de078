using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Admin;

public class IndexModel(AppDbContext db) : PageModel
{
    public int UserCount { get; private set; }

    public int UnitCount { get; private set; }

    public int YearCount { get; private set; }

    public async Task OnGetAsync()
    {
        UserCount = await db.Users.CountAsync();
        UnitCount = await db.Units.CountAsync();
        YearCount = await db.FiscalYears.CountAsync();
    }
}
