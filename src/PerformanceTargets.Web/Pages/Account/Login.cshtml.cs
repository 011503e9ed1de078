using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, IValidator<LoginModel.LoginInput> validator) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Only local addresses: an absolute returnUrl would be an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "登录失败次数过多，账户已锁定 15 分钟，请稍后再试。"
            : "邮箱或密码不正确。");
        return Page();
    }

    public sealed class LoginInput
    {
        public string Email { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }

    public sealed class LoginInputValidator : AbstractValidator<LoginInput>
    {
        public LoginInputValidator()
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage("请输入邮箱。").MaximumLength(256).WithMessage("邮箱不能超过 256 个字符。");
            RuleFor(x => x.Password).NotEmpty().WithMessage("请输入密码。").MaximumLength(128).WithMessage("密码不能超过 128 个字符。");
        }
    }
}
