using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>A host that checks sessions on every request (interval 0), so a test sees the end of a session at once.</summary>
public sealed class ImmediateSessionsFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void Customize(IWebHostBuilder builder) => builder.UseSetting(SessionSecurity.ValidationIntervalKey, "00:00:00");
}

/// <summary>
/// Issue 15 finding 4: signing out, an admin's lock, a role change and a password change end cookie sessions and bearer
/// tokens (security-stamp validation, within <see cref="SessionSecurity.DefaultValidationInterval"/>); refresh tokens
/// are single-use and rotate, and reusing one revokes its family.
/// </summary>
public sealed class SessionEndTests(ImmediateSessionsFixture fixture) : IClassFixture<ImmediateSessionsFixture>
{
    [Fact]
    public async Task After_signing_out_the_old_auth_cookie_no_longer_reads_the_api()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var browser = app.CreateBrowserLikeClient();
        var login = await browser.LoginAsync(email, WorkbenchData.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pt.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copied = app.CreateApiClient();
        copied.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/v1/me")).StatusCode);

        var logout = await browser.PostFormAsync("/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var after = await copied.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_reusing_it_revokes_its_family()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var anonymous = app.CreateApiClient();
        var first = await anonymous.LoginForTokensAsync(email, WorkbenchData.Password);
        var refreshToken = first.GetProperty("refreshToken").GetString();

        var second = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var rotated = await second.JsonAsync();
        Assert.NotEqual(refreshToken, rotated.GetProperty("refreshToken").GetString());

        var replay = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);

        // The replay revoked the family: the rotated refresh token and the access tokens of the family stop too.
        var afterReplay = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, rotated).GetAsync("/api/v1/me")).StatusCode);

        // Another login (another family) is unaffected.
        var other = await anonymous.LoginForTokensAsync(email, WorkbenchData.Password);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(app, other).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_give_at_most_one_new_pair()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var anonymous = app.CreateApiClient();
        var refreshToken = (await anonymous.LoginForTokensAsync(email, WorkbenchData.Password)).GetProperty("refreshToken").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) <= 1);
    }

    [Fact]
    public async Task An_access_token_stops_when_an_admin_locks_the_user()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var client = await app.BearerClientForAsync(email, WorkbenchData.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        await WithUserAsync(app, email, async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        });

        var locked = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("登录已失效", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_lock_page_ends_the_users_cookie_session()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var browser = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, WorkbenchData.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        var admin = await app.ClientAsAsync(Roles.Admin, null);
        var id = await WithUserAsync(app, email, (_, user) => Task.FromResult(user.Id));

        var lockResponse = await admin.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>(), $"/Admin/Users/Edit?id={id}&handler=Lock");
        Assert.Equal(HttpStatusCode.Redirect, lockResponse.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_and_a_password_change_end_access_tokens()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var beforeRole = await app.BearerClientForAsync(email, WorkbenchData.Password);
        var id = await WithUserAsync(app, email, (_, user) => Task.FromResult(user.Id));
        var admin = await app.ClientAsAsync(Roles.Admin, null);
        var changed = await admin.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "改为管理员",
            ["Input.Role"] = Roles.Admin,
            ["Input.UnitId"] = string.Empty,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await beforeRole.GetAsync("/api/v1/me")).StatusCode);

        var beforePassword = await app.BearerClientForAsync(email, WorkbenchData.Password);
        Assert.Equal(HttpStatusCode.OK, (await beforePassword.GetAsync("/api/v1/me")).StatusCode);
        await WithUserAsync(app, email, async (users, user) =>
            await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "Another-Passw0rd-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await beforePassword.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_shipped_validation_interval_is_one_minute()
    {
        var app = await fixture.GetAsync();
        Assert.Equal(TimeSpan.FromMinutes(1), SessionSecurity.ValidationInterval(new ConfigurationBuilder().Build()));
        Assert.Equal(TimeSpan.Zero, app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval);
    }

    private static HttpClient Bearer(AppFactory app, System.Text.Json.JsonElement tokens)
    {
        var client = app.CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<T> WithUserAsync<T>(AppFactory app, string email, Func<UserManager<AppUser>, AppUser, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await work(users, (await users.FindByEmailAsync(email))!);
    }

    private static Task WithUserAsync(AppFactory app, string email, Func<UserManager<AppUser>, AppUser, Task> work) =>
        WithUserAsync(app, email, async (users, user) =>
        {
            await work(users, user);
            return true;
        });
}
