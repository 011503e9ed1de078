using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>
/// What reading the sign-in cookie costs every signed-in request, before the page does any work of its own
/// (docs/architecture.md, "The floor under every page"). Two things the framework does on every request are done only when
/// they can change the answer:
/// <list type="bullet">
/// <item>The cookie is decrypted, its MAC checked and its ticket deserialized once; the same cookie is then served from
/// <see cref="CachedTicketFormat"/>, as a copy, for <see cref="TicketLifetime"/>.</item>
/// <item>Identity resolves its security-stamp validator (a sign-in manager, a user manager and their stores) before it
/// looks at the cookie's age; <see cref="ValidateWhenDueAsync"/> makes Identity's own test of the age first, so a cookie
/// younger than <c>Security:SessionValidationInterval</c> costs nothing and an older one is checked exactly as before.</item>
/// </list>
/// Neither changes who is signed in: the handler still checks every ticket's expiry, and sessions still end by the stamp
/// (docs/security.md).
/// </summary>
public static class CookieReading
{
    /// <summary>How long a read cookie's ticket is kept: a data-protection key revoked meanwhile is honoured after at most this.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);

    /// <summary>How many distinct cookies are kept; past it the cache starts again (a cookie costs about 2 KB).</summary>
    public const int TicketCapacity = 4096;

    public static IServiceCollection AddCookieReading(this IServiceCollection services)
    {
        // Post-configured: runs after Identity has set the validator event and the cookie handler its ticket format.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider>((options, time) =>
            {
                var format = options.TicketDataFormat ?? throw new InvalidOperationException("the cookie handler has no ticket format yet");
                if (format is not CachedTicketFormat)
                {
                    options.TicketDataFormat = new CachedTicketFormat(format, time, TicketLifetime, TicketCapacity);
                }

                var validate = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = context => ValidateWhenDueAsync(context, validate);
            });
        return services;
    }

    /// <summary>Calls <paramref name="validate"/> (Identity's validator) only when Identity's own test says a check is due.</summary>
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validate)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        var due = issued is null || (options.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued.Value > options.ValidationInterval;
        return due ? validate(context) : Task.CompletedTask;
    }
}

/// <summary>
/// The cookie handler's ticket format with a bounded memory of the cookies it has read (keyed by the whole protected text,
/// so only the same cookie finds its entry). Each read hands out a copy (<see cref="AuthenticationTicket.Clone"/>), since
/// the handler and Identity may change a ticket's principal and properties. A cookie that fails to read is not kept.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time, TimeSpan lifetime, int capacity)
    : ISecureDataFormat<AuthenticationTicket>
{
    private readonly ConcurrentDictionary<string, Entry> _read = new(StringComparer.Ordinal);

    public int Count => _read.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = time.GetUtcNow();
        if (_read.TryGetValue(protectedText, out var entry) && entry.Until > now)
        {
            return entry.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null)
        {
            return null;
        }

        if (_read.Count >= capacity)
        {
            _read.Clear();
        }

        _read[protectedText] = new Entry(ticket.Clone(), now + lifetime);
        return ticket;
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);
}
