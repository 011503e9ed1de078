using System.Diagnostics;

namespace PerformanceTargets.Documents.Tests;

/// <summary>LibreOffice headless as a second reader of the documents the product writes.</summary>
internal static class LibreOffice
{
    /// <summary>The soffice executable on PATH, or null when LibreOffice is not installed.</summary>
    public static string? Find() => FindOnPath("soffice") ?? FindOnPath("libreoffice");

    /// <summary>Converts <paramref name="input"/> with the <paramref name="filter"/> given to --convert-to into <paramref name="directory"/>.</summary>
    public static void Convert(string soffice, string directory, string input, string filter)
    {
        var profile = new Uri(Path.Combine(directory, "lo-profile")).AbsoluteUri;
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", filter, "--outdir", directory, input })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("LibreOffice did not finish converting within 3 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {output.Result} {error.Result}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
