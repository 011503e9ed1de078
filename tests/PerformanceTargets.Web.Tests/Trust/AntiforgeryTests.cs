using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>Every POST handler of every page, enumerated from the app's endpoint data source, refuses a post without an antiforgery token.</summary>
public sealed partial class AntiforgeryTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Every_post_handler_of_every_page_refuses_a_post_without_a_token()
    {
        var app = await fixture.GetAsync();
        var handlers = await PostHandlersAsync(app);

        // The enumeration itself is checked, so a change in how pages are found cannot make this test pass vacuously.
        Assert.True(handlers.Count >= 20, $"only {handlers.Count} POST handlers found: {string.Join(", ", handlers)}");
        foreach (var known in new[] { "/Account/Login", "/Account/Logout", "/Projects/Edit/1", "/Projects/Details/1?handler=Submit", "/Review/Decide/1", "/Import", "/Admin/Users/Edit?handler=Lock" })
        {
            Assert.Contains(known, handlers);
        }

        // Signed in as an admin, so authorisation passes everywhere and only the missing token can refuse the post.
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var accepted = new List<string>();
        foreach (var path in handlers)
        {
            var response = await admin.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{path} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(accepted);
    }

    /// <summary>"/route?handler=Name" for each POST handler of each Razor page; route parameters are filled with 1.</summary>
    private static async Task<List<string>> PostHandlersAsync(AppFactory app)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (descriptor is null)
            {
                continue;
            }

            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
            var route = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText ?? string.Empty, "1").TrimEnd('/');
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(route + (handler.Name is null ? string.Empty : "?handler=" + handler.Name));
            }
        }

        return [.. result];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
