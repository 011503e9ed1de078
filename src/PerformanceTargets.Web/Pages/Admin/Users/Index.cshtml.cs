using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Pages.Admin.Users;

public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.UnitId, u.LockoutEnd })
            .ToListAsync();
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name })
                .ToListAsync())
            .ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code + " " + u.Name);
        var now = clock.GetUtcNow();

        Rows = [.. users.Select(u => new UserRow(
            u.Id,
            u.Email ?? string.Empty,
            u.DisplayName,
            string.Join("、", roles[u.Id].Select(Roles.ToChinese)),
            u.UnitId is { } unitId ? units.GetValueOrDefault(unitId) : null,
            u.LockoutEnd > now))];
    }

    public sealed record UserRow(string Id, string Email, string? DisplayName, string Role, string? Unit, bool IsLocked);
}
