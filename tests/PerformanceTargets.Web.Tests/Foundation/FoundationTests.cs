using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>The skeleton's promises, on each real database: it starts, migrates, renders, logs in, guards and reports health.</summary>
public abstract class FoundationTests(AppFixture fixture)
{
    [Fact]
    public async Task The_app_starts_and_migrates_an_empty_database()
    {
        var app = await fixture.GetAsync();
        var (pending, units, roles) = await app.WithDbAsync(async db => (
            (await db.Database.GetPendingMigrationsAsync()).Count(),
            await db.Units.CountAsync(),
            await db.Roles.Select(r => r.Name!).ToListAsync()));

        Assert.Equal(0, pending);
        Assert.Equal(0, units);
        Assert.Equal(Roles.All.Order(), roles.Order());
    }

    [Fact]
    public async Task The_login_page_renders_in_Chinese()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>登录</h1>", html, StringComparison.Ordinal);
        Assert.Contains("密码", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_logs_in_and_sees_the_home_page()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var login = await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var home = await client.GetStringAsync("/");
        Assert.Contains(AppFactory.AdminEmail, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Chinese_message()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var login = await client.LoginAsync(AppFactory.AdminEmail, "not-the-password-1");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("邮箱或密码不正确", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_request_to_any_page_redirects_to_login()
    {
        var app = await fixture.GetAsync();
        var anonymousPages = new[] { "/Account/Login", "/Account/AccessDenied", "/Error", "/public" };
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => !p.Contains('{', StringComparison.Ordinal) && !anonymousPages.Contains(p, StringComparer.OrdinalIgnoreCase) && p != "/healthz")
            .Distinct()
            .ToList();
        Assert.NotEmpty(pages);

        var client = app.CreateBrowserLikeClient();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode} to an anonymous request");
            Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_never_redirects_to_another_site()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var login = await client.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword, returnUrl: "https://evil.example/phish");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Healthz_reports_healthy_without_login()
    {
        var client = (await fixture.GetAsync()).CreateBrowserLikeClient();
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_configured_admin_is_created_once_with_the_admin_role()
    {
        var app = await fixture.GetAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(AppFactory.AdminEmail);

        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, AppFactory.AdminPassword));
    }
}

public sealed class SqliteFoundationTests(SqliteAppFixture fixture) : FoundationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFoundationTests(PostgresAppFixture fixture) : FoundationTests(fixture), IClassFixture<PostgresAppFixture>;
