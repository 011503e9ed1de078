using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// Single-use, rotating refresh tokens for the bearer API. A login starts a token <em>family</em>, stored as an Identity
/// user token (<c>AspNetUserTokens</c>, provider <see cref="Provider"/>, name = family id, value = the current generation
/// and its expiry); the family and generation travel as claims in the access and refresh tokens. A refresh must present
/// the current generation: it is replaced atomically (one conditional UPDATE, so two refreshes racing with the same
/// token cannot both win) and a new pair is issued. Presenting an older generation means the token was copied: the
/// whole family is revoked, and its access tokens stop working too (<see cref="SessionSecurity"/>).
/// </summary>
public sealed class RefreshTokens(AppDbContext db, TimeProvider clock)
{
    public const string Provider = "PT.RefreshFamily";

    public const string FamilyClaim = "pt:refresh_family";

    public const string GenerationClaim = "pt:refresh_generation";

    /// <summary>How long a family lives without a refresh; equal to the bearer scheme's refresh-token lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>A new family for <paramref name="user"/>; returns the claims to put in the tokens. Drops the user's expired families.</summary>
    public async Task<Claim[]> StartAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var mine = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == Provider).ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(mine.Where(t => ExpiresOf(t.Value) <= now));
        var family = Guid.NewGuid().ToString("N");
        var generation = Guid.NewGuid().ToString("N");
        db.UserTokens.Add(new Microsoft.AspNetCore.Identity.IdentityUserToken<string>
        {
            UserId = user.Id,
            LoginProvider = Provider,
            Name = family,
            Value = Value(generation, now + Lifetime),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Claims(family, generation);
    }

    /// <summary>
    /// Replaces the generation <paramref name="presented"/> carries with a new one; null when the token is not the
    /// family's current one (then the family is revoked) or the family is gone or expired.
    /// </summary>
    public async Task<Claim[]?> RotateAsync(AppUser user, ClaimsPrincipal presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(presented);
        var family = presented.FindFirstValue(FamilyClaim);
        var generation = presented.FindFirstValue(GenerationClaim);
        if (family is null || generation is null)
        {
            return null;
        }

        var stored = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == family)
            .Select(t => t.Value).SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (stored is null || ExpiresOf(stored) <= now)
        {
            return null;
        }

        var next = Guid.NewGuid().ToString("N");
        var replaced = GenerationOf(stored) == generation
            && await db.UserTokens
                .Where(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == family && t.Value == stored)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, Value(next, now + Lifetime)), cancellationToken) == 1;
        if (!replaced)
        {
            // An old generation (or a lost race with a copy of this token): nobody keeps this family.
            await RevokeAsync(user.Id, family, cancellationToken);
            return null;
        }

        return Claims(family, next);
    }

    /// <summary>True while the family <paramref name="principal"/> belongs to (if any) has not been revoked or expired.</summary>
    public async Task<bool> IsLiveAsync(string userId, ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var family = principal.FindFirstValue(FamilyClaim);
        if (family is null)
        {
            return true;
        }

        var stored = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == family)
            .Select(t => t.Value).SingleOrDefaultAsync(cancellationToken);
        return stored is not null && ExpiresOf(stored) > clock.GetUtcNow();
    }

    public Task<int> RevokeAsync(string userId, string family, CancellationToken cancellationToken = default) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == family).ExecuteDeleteAsync(cancellationToken);

    private static Claim[] Claims(string family, string generation) => [new(FamilyClaim, family), new(GenerationClaim, generation)];

    private static string Value(string generation, DateTimeOffset expires) =>
        generation + "|" + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string GenerationOf(string value) => value.Split('|')[0];

    private static DateTimeOffset ExpiresOf(string? value) =>
        value?.Split('|') is [_, var seconds] && long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : DateTimeOffset.MinValue;
}
