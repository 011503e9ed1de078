using Microsoft.Playwright;

namespace PerformanceTargets.Browser.Tests.Infrastructure;

/// <summary>
/// Saves full-page PNGs of the main pages: into the test output folder on every run, and into the repository's
/// <c>docs/screenshots/</c> (the README shows one) only when <c>PT_UPDATE_SCREENSHOTS=1</c>, so a test run leaves the tree clean.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PerformanceTargets.sln")))
        {
            directory = directory.Parent;
        }

        var update = Environment.GetEnvironmentVariable("PT_UPDATE_SCREENSHOTS") == "1";
        var folder = directory is null || !update
            ? Path.Combine(AppContext.BaseDirectory, "screenshots")
            : Path.Combine(directory.FullName, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
