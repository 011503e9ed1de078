using System.Net;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Pages.Account;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>The app in the Production environment: HTTPS redirection, HSTS, secure cookies, and no stack traces for users.</summary>
public sealed class ProductionSurfaceTests(ProductionSurfaceTests.ProductionFixture fixture) : IClassFixture<ProductionSurfaceTests.ProductionFixture>
{
    private static readonly Uri Https = new("https://pt.example.gov.cn/");

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://pt.example.gov.cn/") });

        var response = await client.GetAsync("/Account/Login");

        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, response.StatusCode.ToString());
        Assert.Equal("https://pt.example.gov.cn/Account/Login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_answers_carry_hsts()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_are_secure_http_only_and_same_site()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https, HandleCookies = true });

        var page = await client.GetAsync("/Account/Login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pt.af=", StringComparison.Ordinal));
        var token = HttpForms.ExtractAntiforgeryToken(await page.Content.ReadAsStringAsync())!;
        var login = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = AppFactory.AdminEmail,
            ["Input.Password"] = AppFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pt.auth=", StringComparison.Ordinal));

        foreach (var (cookie, sameSite) in new[] { (antiforgery, "samesite=strict"), (auth, "samesite=lax") })
        {
            var flags = cookie.ToLowerInvariant();
            Assert.Contains("secure", flags, StringComparison.Ordinal);
            Assert.Contains("httponly", flags, StringComparison.Ordinal);
            Assert.Contains(sameSite, flags, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_handler_that_throws_shows_the_chinese_error_page_without_a_stack_trace()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https, HandleCookies = true });
        var token = await client.GetAntiforgeryTokenAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = ThrowingLoginValidator.Trigger,
            ["Input.Password"] = "whatever-1",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("出错了", html, StringComparison.Ordinal);
        Assert.Contains("请求编号", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingLoginValidator.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at PerformanceTargets", html, StringComparison.Ordinal);
    }

    /// <summary>A login validator that throws for one e-mail, standing in for any bug in a handler.</summary>
    public sealed class ThrowingLoginValidator : AbstractValidator<LoginModel.LoginInput>
    {
        public const string Trigger = "boom@test.local";
        public const string Secret = "connection string with password";

        public override Task<ValidationResult> ValidateAsync(ValidationContext<LoginModel.LoginInput> context, CancellationToken cancellation = default) =>
            context.InstanceToValidate.Email == Trigger
                ? throw new InvalidOperationException(Secret)
                : Task.FromResult(new ValidationResult());
    }

    public sealed class ProductionFixture : AppFixture
    {
        public override PerformanceTargets.Web.Infrastructure.Data.DatabaseProvider Provider => PerformanceTargets.Web.Infrastructure.Data.DatabaseProvider.Sqlite;

        protected override string Environment => "Production";

        protected override void Customize(IWebHostBuilder builder)
        {
            // Behind a real server Kestrel reports its https port; the test server has none, so it is named.
            builder.UseSetting("https_port", "443");
            builder.ConfigureTestServices(services => services.AddScoped<IValidator<LoginModel.LoginInput>, ThrowingLoginValidator>());
        }
    }
}
