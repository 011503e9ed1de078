using System.Runtime.CompilerServices;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Settings of every host the tests build, in this process and in the programs they start.</summary>
internal static class TestHostSettings
{
    /// <summary>
    /// The tests build hundreds of hosts, many at once, and by default each watches its appsettings files for changes with
    /// an inotify instance: Linux allows 128 per user, and a test run beside other .NET work ran out (an IOException from
    /// the host builder). No test changes a settings file while its host runs, so hosts read their files once.
    /// </summary>
    [ModuleInitializer]
    internal static void ReadSettingsFilesOnce()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        }
    }
}
