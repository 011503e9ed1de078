using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace PerformanceTargets.Web.Infrastructure.Identity;

/// <summary>
/// First start: makes sure the four roles exist and, when there are no users at all, creates an admin from
/// <c>Admin:Email</c>/<c>Admin:Password</c>, or else with a one-time random password printed once to the console.
/// There is no built-in default password.
/// </summary>
public sealed partial class AdminBootstrapper(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    ILogger<AdminBootstrapper> logger)
{
    public const string DefaultAdminEmail = "admin@localhost";

    public async Task EnsureAsync(TextWriter console)
    {
        await EnsureRolesAsync();
        if (users.Users.Any())
        {
            return;
        }

        var email = configuration["Admin:Email"];
        email = string.IsNullOrWhiteSpace(email) ? DefaultAdminEmail : email.Trim();
        var password = configuration["Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "系统管理员" };
        var result = await users.CreateAsync(admin, password!);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first admin: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        LogAdminCreated(logger, email);
        if (generated)
        {
            // Printed once, to the console only (never to the log files).
            await console.WriteLineAsync("================================================================");
            await console.WriteLineAsync($" First admin created: {email}");
            await console.WriteLineAsync($" One-time password:   {password}");
            await console.WriteLineAsync(" Sign in and change it; it is not shown again.");
            await console.WriteLineAsync("================================================================");
        }
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>A random password that satisfies the password policy (upper, lower, digit, symbol, length 16).</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "!@#$%*-_+=";
        const string all = upper + lower + digits + symbols;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
