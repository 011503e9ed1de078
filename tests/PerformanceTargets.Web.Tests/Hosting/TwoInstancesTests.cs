using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a load balancer: a user signs in on one and works
/// through the other. Works because the data protection keys live in the database and nothing is kept in process.
/// </summary>
public sealed class TwoInstancesTests
{
    [Fact]
    public async Task A_cookie_antiforgery_token_and_bearer_token_from_instance_A_are_accepted_by_instance_B()
    {
        TestDatabase.RequirePostgres();
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var a = new AppFactory(database);
        _ = a.Server;
        await using var b = new AppFactory(database);
        _ = b.Server;
        var unit = await a.CreateUnitAsync();
        var project = await a.CreateProjectAsync(unit.Id);
        var email = await a.CreateUserAsync(Roles.Finance, unit.Id);
        var cookies = new CookieContainer();
        using var onA = a.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = b.CreateDefaultClient(new CookieContainerHandler(cookies));

        // Sign in on A, open the form on A (its antiforgery cookie and token), save it through B.
        Assert.Equal(HttpStatusCode.Redirect, (await onA.LoginAsync(email, WorkbenchData.Password)).StatusCode);
        var token = await onA.GetAntiforgeryTokenAsync($"/Projects/Edit/{project.Id}");
        var form = ProjectForms.Valid("两个实例之间保存", token, project.Code);
        form["Input.Version"] = project.Version.ToString();
        var saved = await onB.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Projects/Details/{project.Id}", saved.Headers.Location?.OriginalString);
        Assert.Equal("两个实例之间保存", await b.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync()));

        // The API the same way: A's antiforgery token in the header of a cookie call to B.
        var apiToken = await (await onA.GetAsync("/api/v1/auth/antiforgery")).Content.ReadFromJsonAsync<JsonElement>();
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{project.Id}/submit");
        submit.Headers.Add(apiToken.GetProperty("headerName").GetString()!, apiToken.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(submit)).StatusCode);
        Assert.Equal(ProjectStatus.Submitted, await a.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Status).SingleAsync()));

        // And a bearer token issued by A.
        var tokens = await a.CreateApiClient().LoginForTokensAsync(email, WorkbenchData.Password);
        using var bearerOnB = b.CreateApiClient();
        bearerOnB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearerOnB.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
    }
}
