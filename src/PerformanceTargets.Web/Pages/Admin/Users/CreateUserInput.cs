using FluentValidation;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Pages.Admin.Users;

public sealed class CreateUserInput : IRoleAndUnit
{
    public string Email { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    public string Password { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public int? UnitId { get; set; }
}

public sealed class CreateUserInputValidator : AbstractValidator<CreateUserInput>
{
    public CreateUserInputValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请输入邮箱。")
            .MaximumLength(256).WithMessage("邮箱不能超过 256 个字符。")
            .EmailAddress().WithMessage("邮箱格式不正确。");
        RuleFor(x => x.DisplayName).MaximumLength(AppUser.DisplayNameMaxLength).WithMessage($"姓名不能超过 {AppUser.DisplayNameMaxLength} 个字符。");
        RuleFor(x => x.Password).NotEmpty().WithMessage("请输入初始密码。").MaximumLength(128).WithMessage("密码不能超过 128 个字符。");
        Include(new RoleAndUnitValidator());
    }
}
