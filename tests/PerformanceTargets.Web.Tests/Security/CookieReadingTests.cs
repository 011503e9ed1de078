using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// The sign-in cookie is decrypted once and then served from memory as a copy, and Identity's security-stamp validator runs
/// only when its interval has passed (<see cref="CookieReading"/>).
/// </summary>
public sealed class CookieReadingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cookie_is_decrypted_once_and_every_read_gets_its_own_copy()
    {
        var inner = new CountingFormat();
        var clock = new Clock(Start);
        var format = new CachedTicketFormat(inner, clock, TimeSpan.FromMinutes(1), capacity: 10);
        var cookie = inner.Protect(Ticket("finance@unit", Roles.Finance));

        var first = format.Unprotect(cookie)!;
        var second = format.Unprotect(cookie)!;
        Assert.Equal(1, inner.Reads);
        Assert.Equal("finance@unit", second.Principal.Identity!.Name);
        Assert.True(second.Principal.IsInRole(Roles.Finance));
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);

        // A change made to one request's ticket (as the handler and Identity may make) never reaches the next request.
        Assert.NotSame(first.Principal, second.Principal);
        ((ClaimsIdentity)second.Principal.Identity).AddClaim(new Claim(ClaimTypes.Role, Roles.Admin));
        second.Properties.IssuedUtc = Start.AddHours(1);
        var third = format.Unprotect(cookie)!;
        Assert.False(third.Principal.IsInRole(Roles.Admin));
        Assert.Equal(Start, third.Properties.IssuedUtc);
        Assert.Equal(1, inner.Reads);

        // After the lifetime the cookie is read again.
        clock.Now = Start.AddMinutes(1).AddSeconds(1);
        Assert.NotNull(format.Unprotect(cookie));
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void A_cookie_that_does_not_read_is_not_kept_and_a_purpose_goes_to_the_inner_format()
    {
        var inner = new CountingFormat();
        var format = new CachedTicketFormat(inner, new Clock(Start), TimeSpan.FromMinutes(1), capacity: 10);

        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));
        Assert.Equal(2, inner.Reads);
        Assert.Equal(0, format.Count);

        var cookie = inner.Protect(Ticket("a@unit", Roles.Auditor));
        format.Unprotect(cookie, "binding");
        format.Unprotect(cookie, "binding");
        Assert.Equal(4, inner.Reads);
        Assert.Equal(0, format.Count);
    }

    [Fact]
    public void The_memory_is_bounded()
    {
        var inner = new CountingFormat();
        var format = new CachedTicketFormat(inner, new Clock(Start), TimeSpan.FromMinutes(1), capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(format.Unprotect(inner.Protect(Ticket($"user{i}@unit", Roles.Auditor))));
            Assert.InRange(format.Count, 1, 3);
        }
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public async Task The_security_stamp_is_checked_only_once_the_interval_has_passed(int ageSeconds, bool checkedNow)
    {
        var services = new ServiceCollection();
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.TimeProvider = new Clock(Start.AddSeconds(ageSeconds));
        });
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var context = new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), Ticket("head@unit", Roles.DepartmentHead));
        var validations = 0;

        await CookieReading.ValidateWhenDueAsync(context, _ => { validations++; return Task.CompletedTask; });

        Assert.Equal(checkedNow ? 1 : 0, validations);
    }

    [Fact]
    public async Task A_cookie_without_an_issue_time_is_always_checked()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddOptions().BuildServiceProvider() };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = Ticket("x@unit", Roles.Auditor);
        ticket.Properties.IssuedUtc = null;
        var validations = 0;

        await CookieReading.ValidateWhenDueAsync(new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket), _ => { validations++; return Task.CompletedTask; });

        Assert.Equal(1, validations);
    }

    [Fact]
    public async Task The_app_reads_its_cookies_through_the_cache_and_a_signed_in_page_still_answers()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var app = new AppFactory(database);
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var format = Assert.IsType<CachedTicketFormat>(options.TicketDataFormat);

        var email = await app.CreateUserAsync(Roles.Auditor, null);
        var browser = app.CreateBrowserLikeClient();
        await browser.LoginAsync(email, WorkbenchData.Password);
        for (var i = 0; i < 3; i++)
        {
            var me = await browser.GetAsync("/Account/Me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains(email, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(format.Count >= 1);
    }

    private static AuthenticationTicket Ticket(string name, string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], IdentityConstants.ApplicationScheme);
        var properties = new AuthenticationProperties { IssuedUtc = Start, ExpiresUtc = Start.AddHours(8) };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.ApplicationScheme);
    }

    /// <summary>A stand-in for the data-protected format: "protects" by remembering, and counts the reads.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly Dictionary<string, AuthenticationTicket> _issued = [];

        public int Reads { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            var text = $"cookie-{_issued.Count}";
            _issued[text] = data;
            return text;
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return protectedText is not null && _issued.TryGetValue(protectedText, out var ticket) ? ticket.Clone() : null;
        }
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
