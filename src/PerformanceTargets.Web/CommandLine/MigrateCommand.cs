using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.CommandLine;

/// <summary><c>migrate</c>: applies the provider's migrations and makes sure the roles and the first admin exist.</summary>
internal sealed class MigrateCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } = ["migrate                      apply database migrations (server databases are never migrated implicitly)"];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandArgs.Parse(args).AllowOnly();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await stdout.WriteLineAsync($"{pending.Count} pending migration(s) on {db.Database.ProviderName}");
        }

        await DatabaseInitializer.MigrateAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAsync(stdout);
        }

        await stdout.WriteLineAsync("database is up to date");
        return 0;
    }
}
