using FluentValidation;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Pages.Admin.Users;

public sealed class EditUserInput : IRoleAndUnit
{
    public string? DisplayName { get; set; }

    public string Role { get; set; } = string.Empty;

    public int? UnitId { get; set; }
}

public sealed class EditUserInputValidator : AbstractValidator<EditUserInput>
{
    public EditUserInputValidator()
    {
        RuleFor(x => x.DisplayName).MaximumLength(AppUser.DisplayNameMaxLength).WithMessage($"姓名不能超过 {AppUser.DisplayNameMaxLength} 个字符。");
        Include(new RoleAndUnitValidator());
    }
}

public sealed class ResetPasswordInput
{
    public string NewPassword { get; set; } = string.Empty;
}

public sealed class ResetPasswordInputValidator : AbstractValidator<ResetPasswordInput>
{
    public ResetPasswordInputValidator()
    {
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("请输入新密码。").MaximumLength(128).WithMessage("密码不能超过 128 个字符。");
    }
}
