using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>Finds the sample document (walking up to <c>PerformanceTargets.sln</c>, then <c>samples/</c>) and imports it.</summary>
internal static class TestFiles
{
    public const string SeedName = "631001-2021-goals.txt";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PerformanceTargets.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("PerformanceTargets.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string SeedPath => Path.GetFullPath(Path.Combine(RepositoryRoot, "samples", SeedName));

    public static string SeedText => File.ReadAllText(SeedPath);

    public static InterchangeDocument ImportSeed() => Succeed(PlanDocuments.ReadText(File.ReadAllBytes(SeedPath), SeedName, 2021));

    public static InterchangeDocument Succeed(ImportResult result)
    {
        Assert.True(result.Succeeded, "Import failed:\n" + string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Document!;
    }

    public static IReadOnlyList<DocumentError> Fail(ImportResult result)
    {
        Assert.False(result.Succeeded, "Import unexpectedly succeeded.");
        Assert.Null(result.Document);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "pt-docs-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
