using PerformanceTargets.Web;
using PerformanceTargets.Web.CommandLine;

// No verb: run the server. A verb (migrate, users add, import, export, …): run it against the same services and exit.
var verb = CommandLineApp.FindVerb(args);
var builder = WebApplication.CreateBuilder(verb is null ? args : []);
builder.AddPerformanceTargets();
var app = builder.Build();

if (verb is not null)
{
    return await CommandLineApp.RunAsync(app, args, Console.Out, Console.Error);
}

await app.InitializeAsync(Console.Out);
app.UsePerformanceTargets();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
