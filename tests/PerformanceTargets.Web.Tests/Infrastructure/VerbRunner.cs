using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.CommandLine;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Runs a command-line verb in-process against the same services the program builds, on a given database.</summary>
public static class VerbRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(TestDatabase database, params string[] args) => RunAsync(database, migrateOnStartup: true, args);

    /// <summary>Runs a verb as an operator's server configuration does (<c>Database:MigrateOnStartup</c> false unless asked).</summary>
    public static async Task<Result> RunAsync(TestDatabase database, bool migrateOnStartup, params string[] args)
    {
        await using var app = Build(database, migrate: migrateOnStartup);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLineApp.RunAsync(app, args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <paramref name="act"/> in a service scope of the program's own services on <paramref name="database"/> (no server).</summary>
    public static async Task<T> InScopeAsync<T>(TestDatabase database, Func<IServiceProvider, Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        await using var app = Build(database, migrate: false);
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider);
    }

    private static WebApplication Build(TestDatabase database, bool migrate)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.GetTempPath(),
        });
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Default"] = database.ConnectionString,
        };
        if (migrate)
        {
            settings["Database:MigrateOnStartup"] = "true";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPerformanceTargets();
        return builder.Build();
    }
}
