using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        await using var instances = await Instances.StartAsync();
        var (a, b) = (instances.A, instances.B);
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
    [Fact]
    public async Task A_goal_table_on_instance_A_shows_a_save_made_through_instance_B()
    {
        await using var instances = await Instances.StartAsync();
        var (a, b) = (instances.A, instances.B);
        var unit = await a.CreateUnitAsync();
        var project = await a.CreateProjectAsync(unit.Id);
        var finance = await a.ClientAsAsync(Roles.Finance, unit.Id);
        var feed = a.Services.GetRequiredService<PerformanceTargets.Web.Infrastructure.Data.PostgresChangeFeed>();
        for (var waited = 0; !feed.Live; waited += 20)
        {
            Assert.True(waited < 10_000, "instance A's change feed did not start listening");
            await Task.Delay(20);
        }

        // Viewed three times on A: its header row remembered, its table kept rendered.
        var path = $"/GoalTables/Show/{project.Id}";
        for (var k = 0; k < 3; k++)
        {
            Assert.Contains(project.Name, await finance.GetStringAsync(path), StringComparison.Ordinal);
        }

        // Saved through B (A's interceptors never see it): A shows it once the database's notification arrives.
        await b.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.Id);
            stored.SetBasics(stored.Code, "另一实例保存的名称", stored.Budget, stored.FiscalFunds, stored.OtherFunds, stored.Purpose, stored.AmountUnit, stored.FundsSplitUnknown);
            return await db.SaveChangesAsync();
        });
        for (var waited = 0; !(await finance.GetStringAsync(path)).Contains("另一实例保存的名称", StringComparison.Ordinal); waited += 20)
        {
            Assert.True(waited < 10_000, "instance A still showed the old goal table 10 s after instance B's save");
            await Task.Delay(20);
        }
    }

    /// <summary>Two started instances of the app on one new PostgreSQL database (the test is skipped without a server).</summary>
    private sealed class Instances(TestDatabase database, AppFactory a, AppFactory b) : IAsyncDisposable
    {
        public AppFactory A => a;

        public AppFactory B => b;

        public static async Task<Instances> StartAsync()
        {
            TestDatabase.RequirePostgres();
            var database = await TestDatabase.CreatePostgresAsync();
            var a = new AppFactory(database);
            _ = a.Server;
            var b = new AppFactory(database);
            _ = b.Server;
            return new Instances(database, a, b);
        }

        public async ValueTask DisposeAsync()
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
