using Serilog;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// Serilog from configuration (<c>Serilog:*</c>). A relative file-sink path (<c>logs/…</c> as shipped) is taken under
/// the content root, like every other relative path of the app, so the logs do not follow the working directory.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink.GetSection("Args:path");
            if (path.Value is { Length: > 0 } value && !Path.IsPathRooted(value))
            {
                path.Value = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, value));
            }
        }

        builder.Services.AddSerilog((sp, logger) => logger
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext());
        return builder;
    }
}
