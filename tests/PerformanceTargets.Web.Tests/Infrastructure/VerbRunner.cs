using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using PerformanceTargets.Web.CommandLine;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Runs a command-line verb in-process against the same services the program builds, on a given database.</summary>
public static class VerbRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(TestDatabase database, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
        });
        builder.AddPerformanceTargets();
        await using var app = builder.Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLineApp.RunAsync(app, args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
