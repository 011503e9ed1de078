using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.CommandLine;

/// <summary><c>users add --email E --password P --role R [--unit CODE]</c>.</summary>
internal sealed class UsersCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } =
    [
        "users add --email E --password P --role Admin|Finance|DepartmentHead|Auditor [--unit CODE] [--name NAME]",
    ];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "add")
        {
            throw new CommandLineException(args.Length == 0 ? "missing sub-verb" : $"unknown sub-verb '{args[0]}'");
        }

        var options = CommandArgs.Parse(args[1..]);
        options.AllowOnly("email", "password", "role", "unit", "name");
        var email = options.Require("email");
        var password = options.Require("password");
        var role = Roles.Normalize(options.Require("role"))
            ?? throw new CommandLineException($"unknown role '{options.Get("role")}'; use one of {string.Join(", ", Roles.All)}");
        var unitCode = options.Get("unit");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null)
            {
                await stderr.WriteLineAsync($"单位 {unitCode} 不存在。");
                return 1;
            }
        }
        else if (role is Roles.Finance or Roles.DepartmentHead)
        {
            throw new CommandLineException($"role {role} needs --unit CODE");
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, UnitId = unitId, DisplayName = options.Get("name") };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await stdout.WriteLineAsync($"created {email} ({role}{(unitCode is null ? string.Empty : ", unit " + unitCode)})");
        return 0;
    }
}
