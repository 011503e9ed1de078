using System.Net;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>The web surface: security headers on every response, antiforgery on every form post.</summary>
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
}
