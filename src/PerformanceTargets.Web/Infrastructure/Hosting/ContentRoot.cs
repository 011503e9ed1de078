namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// Where the program finds <c>appsettings*.json</c>, <c>wwwroot</c> and relative paths such as <c>App_Data/</c>,
/// whatever the working directory it was started from (docs/operations.md):
/// <list type="number">
/// <item>an explicit content root wins: <c>--contentRoot DIR</c> on the server's command line, or the environment
/// variable <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> (server and verbs);</item>
/// <item>a published program (its folder holds <c>wwwroot</c>): the program's own folder;</item>
/// <item>a program built from source (<c>dotnet run</c>, or the dll under <c>bin/</c>): the project folder above it;</item>
/// <item>otherwise the framework's default, the working directory.</item>
/// </list>
/// </summary>
public static class ContentRoot
{
    private const string ProjectFile = "PerformanceTargets.Web.csproj";

    /// <summary>The content root to use, or null to leave the framework's choice (an explicit one, or the working directory).</summary>
    public static string? Resolve(IReadOnlyList<string> args, Func<string, string?> environment, string programFolder)
    {
        if (IsExplicit(args, environment))
        {
            return null;
        }

        if (Directory.Exists(Path.Combine(programFolder, "wwwroot")))
        {
            return programFolder;
        }

        for (var folder = new DirectoryInfo(programFolder); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ProjectFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>The options the builder is created with: the command line and the resolved content root.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Resolve(args, Environment.GetEnvironmentVariable, AppContext.BaseDirectory),
    };

    private static bool IsExplicit(IReadOnlyList<string> args, Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"))
        || args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase));
}
