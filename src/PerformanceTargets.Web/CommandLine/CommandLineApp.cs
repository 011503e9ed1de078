using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// The web program's verbs. <c>dotnet run --project src/PerformanceTargets.Web -- VERB …</c> (or <c>PerformanceTargets.Web VERB …</c> when published).
/// Exit codes: 0 done, 1 the work failed (e.g. an import with errors), 2 unknown verb or bad arguments.
/// </summary>
public static class CommandLineApp
{
    /// <summary>Every verb, with its usage lines. Add a verb here and in <see cref="Verbs"/>.</summary>
    public static readonly IReadOnlyDictionary<string, ICommand> Verbs = new Dictionary<string, ICommand>(StringComparer.Ordinal)
    {
        ["migrate"] = new MigrateCommand(),
        ["users"] = new UsersCommand(),
        ["backup"] = new BackupCommand(),
        ["seed-demo"] = new SeedDemoCommand(),
        ["import"] = new ImportCommand(),
        ["export"] = new ExportCommand(),
        ["library"] = new LibraryCommand(),
        ["rate"] = new RateCommand(),
    };

    /// <summary>
    /// Verbs that may write a province's data at once (a year's ratings, too); the database's statistics are refreshed after
    /// them. Stale ones cost much: statistics taken before a year was rated made its rescoring take 15.7 s instead of 6.4 s.
    /// </summary>
    private static readonly HashSet<string> BulkVerbs = ["import", "seed-demo", "rate"];

    /// <summary>The verb of a command line, or null when the server should run (no arguments, or options only).</summary>
    public static string? FindVerb(string[] args) =>
        args.Length > 0 && (IsHelp(args[0]) || !args[0].StartsWith('-')) ? args[0] : null;

    /// <summary><c>help</c>, <c>--help</c>, <c>-h</c>: print the usage and exit (not start the server).</summary>
    public static bool IsHelp(string arg) => arg is "help" or "--help" or "-h" or "-?";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verb = args[0];
        if (IsHelp(verb))
        {
            await WriteUsageAsync(stdout);
            return 0;
        }

        if (!Verbs.TryGetValue(verb, out var command))
        {
            await stderr.WriteLineAsync($"unknown verb '{verb}'");
            await WriteUsageAsync(stderr);
            return 2;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CommandLineApp));
        logger.LogDebug(
            "Verb {Verb} in process {ProcessId} with {Variable}={Value}", verb, Environment.ProcessId, BatchProcess.Variable,
            Environment.GetEnvironmentVariable(BatchProcess.Variable) ?? "(unset)");
        try
        {
            if (command is not MigrateCommand && DatabaseInitializer.ShouldMigrateOnStartup(app.Configuration))
            {
                await DatabaseInitializer.MigrateAsync(app.Services, onlyWhenPending: true);
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureRolesAsync();
            }
            else if (command is not MigrateCommand && await SchemaBehindAsync(app.Services, verb, stderr))
            {
                return 1;
            }

            var exitCode = await command.RunAsync(app.Services, args[1..], stdout, stderr);
            if (exitCode == 0 && BulkVerbs.Contains(verb))
            {
                // Thousands of new rows: the planner's statistics of the empty tables would steer every later query wrong.
                await using var scope = app.Services.CreateAsyncScope();
                await DatabaseStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            }

            LogRuntimeCosts(logger, verb);
            return exitCode;
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"{verb}: {ex.Message}");
            await stderr.WriteLineAsync("usage:");
            foreach (var line in command.Usage)
            {
                await stderr.WriteLineAsync("  " + line);
            }

            return 2;
        }
    }

    /// <summary>
    /// At Debug: what the runtime spent on the verb besides its own work (JIT compilation, garbage collection pauses), the
    /// first things to look at when a short verb is slower than its work explains (docs/performance.md).
    /// </summary>
    private static void LogRuntimeCosts(ILogger logger, string verb)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        logger.LogDebug(
            "Verb {Verb} done {Elapsed} ms after the process started: JIT {JitMilliseconds} ms over {JitMethods} methods, garbage collections (gen0/1/2) {Gen0}/{Gen1}/{Gen2} pausing {GcPause} ms in all",
            verb, (long)(DateTime.Now - process.StartTime).TotalMilliseconds,
            (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds, System.Runtime.JitInfo.GetCompiledMethodCount(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), (long)GC.GetTotalPauseDuration().TotalMilliseconds);
    }

    /// <summary>
    /// On a database server the verbs do not migrate (an operator runs <c>migrate</c>, docs/operations.md): a database not
    /// migrated yet, or behind this version, gets a clear message instead of the first query's error halfway through the verb.
    /// </summary>
    private static async Task<bool> SchemaBehindAsync(IServiceProvider services, string verb, TextWriter stderr)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        IReadOnlyList<string> pending;
        try
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync()];
        }
        catch (System.Data.Common.DbException ex)
        {
            await stderr.WriteLineAsync($"{verb}: 无法读取数据库（{db.Database.ProviderName}）：{ex.Message}");
            return true;
        }

        if (pending.Count == 0)
        {
            return false;
        }

        await stderr.WriteLineAsync($"{verb}: 数据库尚未升级到本版本（{pending.Count} 个迁移未应用，第一个是 {pending[0]}）：请先运行 migrate，或设置 Database:MigrateOnStartup=true。");
        return true;
    }

    public static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("usage: PerformanceTargets.Web [VERB [ARGS…]]   (no verb: run the web server)");
        foreach (var command in Verbs.Values)
        {
            foreach (var line in command.Usage)
            {
                await writer.WriteLineAsync("  " + line);
            }
        }
    }
}

/// <summary>A command-line verb.</summary>
public interface ICommand
{
    /// <summary>Usage lines, e.g. <c>users add --email E --password P --role R [--unit CODE]</c>.</summary>
    IReadOnlyList<string> Usage { get; }

    /// <summary>Runs the verb; throws <see cref="CommandLineException"/> for bad arguments.</summary>
    Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr);
}
