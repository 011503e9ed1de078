using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary><c>Security:RequireHttps=false</c> in Production: the whole app works over plain HTTP, cookies follow the request.</summary>
public sealed class HttpsNotRequiredTests(HttpsNotRequiredTests.PlainHttpFixture fixture) : IClassFixture<HttpsNotRequiredTests.PlainHttpFixture>
{
    [Fact]
    public async Task Sign_in_works_over_plain_http_with_cookies_that_follow_the_scheme()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://intranet.local/") });

        var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pt.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var login = await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("secure", Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pt.auth=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/antiforgery")).StatusCode);
    }

    public sealed class PlainHttpFixture : AppFixture
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override string Environment => "Production";

        protected override void Customize(IWebHostBuilder builder) => builder.UseSetting("Security:RequireHttps", "false");
    }
}

/// <summary>HTTPS required (the Production default) but no HTTPS port known: plain HTTP gets an explanation, never a 500.</summary>
public sealed class HttpsRequiredWithoutPortTests(HttpsRequiredWithoutPortTests.NoPortFixture fixture) : IClassFixture<HttpsRequiredWithoutPortTests.NoPortFixture>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Error")]
    [InlineData("/")]
    public async Task A_page_over_plain_http_explains_in_chinese_how_to_deploy(string path)
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://pt.example.gov.cn/") });

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("需要使用 HTTPS 访问", html, StringComparison.Ordinal);
        Assert.Contains("Security__RequireHttps=false", html, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders__Enabled=true", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_over_plain_http_answers_problem_json()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://pt.example.gov.cn/") });

        var response = await client.GetAsync("/api/v1/auth/antiforgery");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("需要使用 HTTPS 访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_probes_and_https_requests_pass()
    {
        var app = await fixture.GetAsync();
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://pt.example.gov.cn/") });
        var secure = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://pt.example.gov.cn/") });

        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secure.GetAsync("/Account/Login")).StatusCode);
    }

    public sealed class NoPortFixture : AppFixture
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override string Environment => "Production";
    }
}
