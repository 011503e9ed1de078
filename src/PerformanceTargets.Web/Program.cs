using PerformanceTargets.Web;
using PerformanceTargets.Web.CommandLine;
using PerformanceTargets.Web.Infrastructure.Hosting;

// No verb: run the server. A verb (migrate, users add, import, export, …): run it against the same services and exit.
var verb = CommandLineApp.FindVerb(args);
if (verb is not null && !CommandLineApp.IsHelp(verb))
{
    // A batch job: on Linux this process becomes the same command with the JIT settings for one (BatchProcess).
    BatchProcess.RestartForBatchWork();
}

try
{
    // appsettings*.json and wwwroot are found beside the program, whatever the working directory (ContentRoot).
    var builder = WebApplication.CreateBuilder(ContentRoot.Options(verb is null ? args : []));
    builder.AddPerformanceTargets();
    // Disposed at exit, so buffered log events are flushed after a verb too.
    await using var app = builder.Build();

    if (verb is not null)
    {
        return await CommandLineApp.RunAsync(app, args, Console.Out, Console.Error);
    }

    await app.InitializeAsync(Console.Out);
    app.UsePerformanceTargets();
    await app.RunAsync();
    return 0;
}
catch (ConfigurationProblemException ex)
{
    // A setting to fix, named in the message: one line, not a stack trace.
    await Console.Error.WriteLineAsync($"配置错误：{ex.Message}");
    return 1;
}

/// <summary>Entry point; public so integration tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
