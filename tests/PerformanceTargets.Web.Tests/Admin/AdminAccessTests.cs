using System.Net;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>Every page under /Admin is for admins only: anonymous users go to login, other roles are forbidden.</summary>
public abstract class AdminAccessTests(AppFixture fixture)
{
    [Fact]
    public async Task An_anonymous_user_is_redirected_to_login_from_every_admin_page()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateBrowserLikeClient();

        foreach (var page in AdminPages(app))
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.DepartmentHead)]
    [InlineData(Roles.Auditor)]
    public async Task A_signed_in_user_of_another_role_is_forbidden_every_admin_page_and_form(string role)
    {
        var app = await fixture.GetAsync();
        var admin = await AdminClient.SignedInAsync(app);
        int? unitId = Roles.RequiresUnit(role) ? await admin.CreateUnitAsync(app, AdminClient.Unique("acl"), "某单位") : null;
        var email = AdminClient.Unique(role.ToLowerInvariant()) + "@test.local";
        const string password = "Other-role-passw0rd";
        var created = await admin.CreateUserAsync(email, password, role, unitId);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(created));
        var client = await AdminClient.SignedInAsync(app, email, password);

        foreach (var page in AdminPages(app))
        {
            var response = await client.GetAsync(page);
            AssertForbidden(page, response);
        }

        // A form posted without the page (a valid antiforgery token from a page the user may see) is refused too.
        var token = await client.GetAntiforgeryTokenAsync("/Account/Login");
        var post = await client.PostAsync("/Admin/Units/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = "sneaky",
            ["Input.Name"] = "越权单位",
        }));
        AssertForbidden("POST /Admin/Units/Edit", post);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Units.Any(u => u.Code == "sneaky"))));

        var denied = await client.GetAsync("/Account/AccessDenied");
        Assert.Contains("无权访问", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_sees_the_admin_link_and_every_admin_page()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);

        Assert.Contains("<a href=\"/Admin\">系统管理</a>", await client.GetStringAsync("/"), StringComparison.Ordinal);
        foreach (var page in AdminPages(app).Except(["/Admin/YearSettings", "/Admin/YearSettings/Department", "/Admin/ReviewSettings", "/Admin/Users/Edit"])) // these need ?year= / ?id=
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        }

        var index = await client.GetStringAsync("/Admin");
        foreach (var link in new[] { "/Admin/Users", "/Admin/Units", "/Admin/FiscalYears" })
        {
            Assert.Contains($"href=\"{link}\"", index, StringComparison.Ordinal);
        }
    }

    /// <summary>The cookie handler answers "forbidden" by sending the browser to the 无权访问 page.</summary>
    private static void AssertForbidden(string page, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static List<string> AdminPages(AppFactory app)
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => p.StartsWith("/Admin", StringComparison.OrdinalIgnoreCase) && !p.EndsWith("/Index", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        Assert.Equal(
            ["/Admin", "/Admin/FiscalYears", "/Admin/MonitoringRounds", "/Admin/ReviewSettings", "/Admin/Units", "/Admin/Units/Edit", "/Admin/Users", "/Admin/Users/Create", "/Admin/Users/Edit", "/Admin/YearSettings", "/Admin/YearSettings/Department"],
            pages.Order(StringComparer.Ordinal));
        return pages;
    }
}

public sealed class SqliteAdminAccessTests(SqliteAppFixture fixture) : AdminAccessTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAdminAccessTests(PostgresAppFixture fixture) : AdminAccessTests(fixture), IClassFixture<PostgresAppFixture>;
