using Serilog;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// Serilog from configuration (<c>Serilog:*</c>). A relative file-sink path (<c>logs/…</c> as shipped) is taken under
/// the content root, like every other relative path of the app, so the logs do not follow the working directory.
/// <para>
/// The configured sinks (<c>Serilog:WriteTo</c>: the console and the daily file as shipped) are written from one
/// background thread through a bounded buffer (<see cref="AsyncKey"/>, default <c>true</c>): a request only queues its
/// one line (<c>UseSerilogRequestLogging</c>), it never waits for the console or the disk. When the buffer is full
/// (<see cref="BufferSize"/> events) new events are dropped rather than slowing requests; the buffer is flushed when the
/// program stops. <c>Serilog:Async=false</c> writes synchronously (e.g. to debug a crash that kills the process).
/// </para>
/// </summary>
public static class LoggingSetup
{
    public const string AsyncKey = "Serilog:Async";

    public const int BufferSize = 10_000;

    private const string SinksPrefix = "Serilog:WriteTo";

    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        foreach (var sink in configuration.GetSection(SinksPrefix).GetChildren())
        {
            var path = sink.GetSection("Args:path");
            if (path.Value is { Length: > 0 } value && !Path.IsPathRooted(value))
            {
                path.Value = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, value));
            }
        }

        if (!configuration.GetValue(AsyncKey, true))
        {
            builder.Services.AddSerilog((sp, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(sp)
                .Enrich.FromLogContext());
            return builder;
        }

        // Levels, overrides and enrichers apply at the front; the sinks sit behind the buffer as one sub-logger that
        // takes every event the front lets through.
        var front = Subset(configuration, key => !IsSinkKey(key) && !key.StartsWith(AsyncKey, StringComparison.OrdinalIgnoreCase));
        var sinks = Subset(configuration, key => IsSinkKey(key) || key.StartsWith("Serilog:Using", StringComparison.OrdinalIgnoreCase));
        builder.Services.AddSerilog((sp, logger) => logger
            .ReadFrom.Configuration(front)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            .WriteTo.Async(buffer => buffer.Logger(behind => behind.MinimumLevel.Verbose().ReadFrom.Configuration(sinks)), bufferSize: BufferSize));
        return builder;
    }

    private static bool IsSinkKey(string key) =>
        key.Equals(SinksPrefix, StringComparison.OrdinalIgnoreCase) || key.StartsWith(SinksPrefix + ":", StringComparison.OrdinalIgnoreCase);

    private static IConfiguration Subset(IConfiguration configuration, Func<string, bool> keep) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable()
                .Where(pair => pair.Value is not null && pair.Key.StartsWith("Serilog:", StringComparison.OrdinalIgnoreCase) && keep(pair.Key)))
            .Build();
}
