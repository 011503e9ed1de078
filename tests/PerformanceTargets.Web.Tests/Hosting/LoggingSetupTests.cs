using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// Run alone: Serilog's host integration routes a host's events through the process-wide static logger, which every
/// other host the suite starts in parallel replaces; a single program (as deployed) has one host.
/// </summary>
[CollectionDefinition(nameof(LoggingSetupTests), DisableParallelization = true)]
public sealed class LoggingSetupCollection;

/// <summary>Logging as configured: the shipped sinks behind the async buffer (or not), levels and overrides at the front, relative paths under the content root.</summary>
[Collection(nameof(LoggingSetupTests))]
public sealed class LoggingSetupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pt-logging-").FullName;

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Events_reach_the_configured_file_under_the_content_root_with_levels_and_overrides_applied(string? async)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _root, EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Noisy"] = "Error",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = "logs/test.log",
            [LoggingSetup.AsyncKey] = async,
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAppLogging();

        await using (var app = builder.Build())
        {
            var factory = app.Services.GetRequiredService<ILoggerFactory>();
            var logger = factory.CreateLogger("PerformanceTargets.Sample");
            for (var k = 0; k < 500; k++)
            {
                logger.LogInformation("line {Number}", k);
            }

            logger.LogDebug("below the level");
            factory.CreateLogger("Noisy.Component").LogWarning("overridden away");
        }

        // Disposing the app flushes the buffer: every event is in the file, none that the levels drop.
        var text = await File.ReadAllTextAsync(Path.Combine(_root, "logs", "test.log"));
        Assert.Contains("line 0", text, StringComparison.Ordinal);
        Assert.Contains("line 499", text, StringComparison.Ordinal);
        Assert.Equal(500, text.Split('\n').Count(l => l.Contains("line ", StringComparison.Ordinal)));
        Assert.DoesNotContain("below the level", text, StringComparison.Ordinal);
        Assert.DoesNotContain("overridden away", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
