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

/// <summary>One user: display name, role and unit; lock or unlock; set a new password.</summary>
public partial class EditModel(
    AppDbContext db,
    UserManager<AppUser> users,
    IValidator<EditUserInput> validator,
    IValidator<ResetPasswordInput> resetValidator,
    TimeProvider clock,
    ILogger<EditModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public EditUserInput Input { get; set; } = new();

    [BindProperty]
    public ResetPasswordInput Reset { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public bool IsLocked { get; private set; }

    /// <summary>The signed-in admin is looking at their own account: role change and lock are refused.</summary>
    public bool IsSelf { get; private set; }

    public IReadOnlyList<SelectListItem> RoleOptions => UserOptions.Roles;

    public IReadOnlyList<SelectListItem> UnitOptions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return NotFound();
        }

        await LoadAsync(user, fillInput: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return NotFound();
        }

        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        var role = Roles.Normalize(Input.Role);
        var currentRoles = await users.GetRolesAsync(user);
        if (IsCurrentUser(user) && role is not null && role != Roles.Admin)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Role)}", "不能取消自己的系统管理员角色（以免系统无人管理）。");
        }

        if (ModelState.IsValid && Input.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UnitId)}", "所选单位不存在。");
        }

        if (ModelState.IsValid)
        {
            user.DisplayName = PageForms.Blank(Input.DisplayName);
            user.UnitId = Input.UnitId;
            var result = await users.UpdateAsync(user);
            if (result.Succeeded && !(currentRoles.Count == 1 && currentRoles[0] == role))
            {
                result = await users.RemoveFromRolesAsync(user, currentRoles);
                if (result.Succeeded)
                {
                    result = await users.AddToRoleAsync(user, role!);
                }

                if (result.Succeeded)
                {
                    // A changed role takes effect at the user's next sign-in or security-stamp check.
                    result = await users.UpdateSecurityStampAsync(user);
                    LogRoleChanged(logger, user.Id, role!, User.Identity?.Name);
                }
            }

            if (result.Succeeded)
            {
                StatusMessage = "已保存用户信息。";
                return RedirectToPage(new { id = user.Id });
            }

            ModelState.AddIdentityErrors(result);
        }

        await LoadAsync(user, fillInput: false);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return NotFound();
        }

        if (IsCurrentUser(user))
        {
            ModelState.AddModelError(string.Empty, "不能锁定自己的账户。");
            await LoadAsync(user, fillInput: true);
            return Page();
        }

        var result = await users.SetLockoutEnabledAsync(user, true);
        if (result.Succeeded)
        {
            result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        if (result.Succeeded)
        {
            // Ends the user's open sessions at their next security-stamp check.
            result = await users.UpdateSecurityStampAsync(user);
        }

        return await DoneAsync(user, result, "已锁定账户，该用户无法登录。");
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return NotFound();
        }

        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        return await DoneAsync(user, result, "已解锁账户。");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return NotFound();
        }

        ModelState.Clear(); // only the password form was posted
        ModelState.AddFailures(await resetValidator.ValidateAsync(Reset), nameof(Reset));
        if (ModelState.IsValid)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, Reset.NewPassword);
            if (result.Succeeded)
            {
                LogPasswordReset(logger, user.Id, User.Identity?.Name);
                StatusMessage = "已重置密码，请将新密码告知该用户。";
                return RedirectToPage(new { id = user.Id });
            }

            ModelState.AddIdentityErrors(result, $"{nameof(Reset)}.{nameof(Reset.NewPassword)}");
        }

        await LoadAsync(user, fillInput: true);
        return Page();
    }

    private async Task<IActionResult> DoneAsync(AppUser user, IdentityResult result, string message)
    {
        if (result.Succeeded)
        {
            StatusMessage = message;
            return RedirectToPage(new { id = user.Id });
        }

        ModelState.AddIdentityErrors(result);
        await LoadAsync(user, fillInput: true);
        return Page();
    }

    private async Task<AppUser?> FindAsync() => string.IsNullOrEmpty(Id) ? null : await users.FindByIdAsync(Id);

    private bool IsCurrentUser(AppUser user) => user.Id == users.GetUserId(User);

    private async Task LoadAsync(AppUser user, bool fillInput)
    {
        Email = user.Email ?? string.Empty;
        IsLocked = user.LockoutEnd > clock.GetUtcNow();
        IsSelf = IsCurrentUser(user);
        UnitOptions = await UserOptions.UnitsAsync(db);
        if (fillInput)
        {
            Input = new EditUserInput
            {
                DisplayName = user.DisplayName,
                Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? string.Empty,
                UnitId = user.UnitId,
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} now has role {Role}, changed by {Admin}")]
    private static partial void LogRoleChanged(ILogger logger, string userId, string role, string? admin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of user {UserId} reset by {Admin}")]
    private static partial void LogPasswordReset(ILogger logger, string userId, string? admin);
}
