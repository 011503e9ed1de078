using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, LoginService logins, IValidator<LoginModel.LoginInput> validator) : PageModel
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

        var attempt = await logins.CheckAsync(Input.Email, Input.Password, HttpContext);
        if (attempt.Outcome == LoginOutcome.Succeeded)
        {
            await signIn.SignInAsync(attempt.User!, Input.RememberMe);

            // Only local addresses: an absolute returnUrl would be an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(string.Empty, attempt.Outcome switch
        {
            LoginOutcome.Throttled => attempt.ThrottledMessage,
            LoginOutcome.Disabled => LoginAttempt.DisabledMessage,
            _ => LoginAttempt.FailedMessage,
        });
        if (attempt.Outcome == LoginOutcome.Throttled)
        {
            Response.Headers.RetryAfter = attempt.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

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
