using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>The shipped login limits, and a client address taken from <c>X-Test-Client</c> so a test can play several clients.</summary>
public sealed class ShippedLoginLimitsFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void Customize(IWebHostBuilder builder)
    {
        var shipped = LoginThrottle.Limits.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        builder.UseSetting("Security:Login:PerClient", shipped.PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:Login:PerAccount", shipped.PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Client"].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Issue 15 finding 5: login is rate limited per client and per account (429 + Retry-After, a Chinese problem), an
/// unknown account answers exactly like a wrong password and in comparable time, and nothing locks an account.
/// </summary>
public sealed class LoginRateLimitTests(ShippedLoginLimitsFixture fixture) : IClassFixture<ShippedLoginLimitsFixture>
{
    private static HttpRequestMessage Login(string client, string email, string password) =>
        new(HttpMethod.Post, "/api/v1/auth/login")
        {
            Headers = { { "X-Test-Client", client } },
            Content = JsonContent.Create(new { email, password }),
        };

    [Fact]
    public async Task One_client_trying_many_accounts_gets_429_with_retry_after()
    {
        var app = await fixture.GetAsync();
        var http = app.CreateApiClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 60; i++)
        {
            var response = await http.SendAsync(Login("10.1.0.1", $"nobody{i}@test.local", "Wrong-Passw0rd-1"));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("登录尝试过于频繁", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another client is not slowed by this one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Login("10.1.0.2", "nobody@test.local", "Wrong-Passw0rd-1"))).StatusCode);
    }

    [Fact]
    public async Task Many_clients_trying_one_account_get_429_and_the_account_is_not_locked()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Finance, null);
        var http = app.CreateApiClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add((await http.SendAsync(Login($"10.2.0.{i + 1}", email, "Wrong-Passw0rd-" + i))).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var user = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task The_sign_in_page_answers_429_with_retry_after_too()
    {
        var app = await fixture.GetAsync();
        var browser = app.CreateBrowserLikeClient();
        browser.DefaultRequestHeaders.Add("X-Test-Client", "10.3.0.1");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 21; i++)
        {
            last = await browser.LoginAsync($"page{i}@test.local", "Wrong-Passw0rd-1");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        Assert.Contains("登录尝试过于频繁", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_account_answers_like_a_wrong_password_in_comparable_time()
    {
        var app = await fixture.GetAsync();
        var email = await app.CreateUserAsync(Roles.Finance, null);
        var http = app.CreateApiClient();
        var known = new List<double>();
        var unknown = new List<double>();
        string? knownBody = null;
        string? unknownBody = null;
        for (var i = 0; i < 7; i++)
        {
            var (status1, body1, ms1) = await TimedAsync(http, Login($"10.4.0.{i + 1}", email, "Wrong-Passw0rd-1"));
            var (status2, body2, ms2) = await TimedAsync(http, Login($"10.4.1.{i + 1}", $"nobody-{Guid.NewGuid():N}@test.local", "Wrong-Passw0rd-1"));
            Assert.Equal(HttpStatusCode.Unauthorized, status1);
            Assert.Equal(HttpStatusCode.Unauthorized, status2);
            (knownBody, unknownBody) = (body1, body2);
            known.Add(ms1);
            unknown.Add(ms2);
        }

        Assert.Equal(WithoutTrace(knownBody!), WithoutTrace(unknownBody!));
        var (k, u) = (Median(known), Median(unknown));
        Assert.True(u > k / 3 && u < k * 3, $"median known {k:0.0} ms, unknown {u:0.0} ms");
    }

    private static async Task<(HttpStatusCode, string, double)> TimedAsync(HttpClient http, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", string.Empty);
}
