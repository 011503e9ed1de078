using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.Admin.Users;

public partial class CreateModel(AppDbContext db, UserManager<AppUser> users, IValidator<CreateUserInput> validator, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public CreateUserInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> RoleOptions => UserOptions.Roles;

    public IReadOnlyList<SelectListItem> UnitOptions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => UnitOptions = await UserOptions.UnitsAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (ModelState.IsValid && Input.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UnitId)}", "所选单位不存在。");
        }

        if (ModelState.IsValid)
        {
            var role = Roles.Normalize(Input.Role)!;
            var email = Input.Email.Trim();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = PageForms.Blank(Input.DisplayName),
                UnitId = Input.UnitId,
            };
            var result = await users.CreateAsync(user, Input.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, role);
                if (!result.Succeeded)
                {
                    await users.DeleteAsync(user);
                }
            }

            if (result.Succeeded)
            {
                LogUserCreated(logger, user.Id, role, User.Identity?.Name);
                StatusMessage = $"已创建用户 {email}（{Roles.ToChinese(role)}）。";
                return RedirectToPage("Index");
            }

            ModelState.AddIdentityErrors(result);
        }

        UnitOptions = await UserOptions.UnitsAsync(db);
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created with role {Role} by {Admin}")]
    private static partial void LogUserCreated(ILogger logger, string userId, string role, string? admin);
}
