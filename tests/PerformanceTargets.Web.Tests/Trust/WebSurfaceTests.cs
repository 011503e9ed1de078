using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>The web surface: security headers on every response, antiforgery on the login form, lockout, password policy, no open redirect.</summary>
public sealed class WebSurfaceTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ;", csp.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_answers_400()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        await client.GetAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AppFactory.AdminEmail,
            ["Input.Password"] = AppFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task No_page_contains_inline_script()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        foreach (var path in new[] { "/", "/Account/Login" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        }
    }

    /// <summary>
    /// Issue 15 finding 5: failed passwords never lock an account (a stranger could keep it locked); the rate limits
    /// (<c>LoginRateLimitTests</c>) bound guessing instead, and an admin's lock still applies.
    /// </summary>
    [Fact]
    public async Task Failed_sign_ins_never_lock_the_account()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Finance, null);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var wrong = await client.LoginAsync(email, "Wrong-Passw0rd-" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("邮箱或密码不正确。", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, WorkbenchData.Password)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.Null(user!.LockoutEnd);
    }

    [Theory]
    [InlineData("short1", false)]
    [InlineData("abcdefghijk", false)]
    [InlineData("1234567890", false)]
    [InlineData("abcdefghi1", true)]
    public async Task The_password_policy_needs_ten_characters_with_a_digit_and_a_letter(string password, bool accepted)
    {
        var app = await fixture.GetAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"pw-{Guid.NewGuid():N}@test.local";

        var result = await users.CreateAsync(new AppUser { UserName = email, Email = email }, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Sign_in_never_redirects_off_site(string returnUrl)
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var client = app.CreateBrowserLikeClient();

        var response = await client.LoginAsync(email, WorkbenchData.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_follows_a_local_return_url()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var response = await app.CreateBrowserLikeClient().LoginAsync(email, WorkbenchData.Password, "/GoalTables?year=2031");
        Assert.Equal("/GoalTables?year=2031", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_out_ignores_a_return_url_and_goes_to_the_sign_in_page()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var client = app.CreateBrowserLikeClient();
        await client.LoginAsync(email, WorkbenchData.Password);
        var token = HttpForms.ExtractAntiforgeryToken(await client.GetStringAsync("/Account/Logout"))!;

        var response = await client.PostAsync("/Account/Logout?returnUrl=https%3A%2F%2Fevil.example%2F&ReturnUrl=%2F%2Fevil.example",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "https://evil.example/" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_is_a_link_to_a_confirmation_whose_form_alone_signs_out()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var client = app.CreateBrowserLikeClient();
        await client.LoginAsync(email, WorkbenchData.Password);

        var home = await client.GetStringAsync("/");
        var confirm = await client.GetStringAsync("/Account/Logout");

        Assert.Contains("<a href=\"/Account/Logout\">退出登录</a>", home, StringComparison.Ordinal);
        Assert.Null(HttpForms.ExtractAntiforgeryToken(home));
        Assert.Contains("确定要退出", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // viewing the confirmation signs nobody out
        var refused = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
