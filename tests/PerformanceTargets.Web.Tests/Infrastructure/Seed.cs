namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>The real 2021 document the repository carries: <c>samples/631001-2021-goals.txt</c>.</summary>
public static class Seed
{
    public static string Path
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "PerformanceTargets.sln")))
            {
                folder = folder.Parent;
            }

            return folder is null
                ? throw new InvalidOperationException("PerformanceTargets.sln not found above the test folder")
                : System.IO.Path.GetFullPath(System.IO.Path.Combine(folder.FullName, "samples", "631001-2021-goals.txt"));
        }
    }

    /// <summary>A real published goal table of another province kept in the repository (tests/PerformanceTargets.Documents.Tests/Fixtures/Provinces/NAME/table.txt).</summary>
    public static string Province(string name) =>
        System.IO.Path.Combine(RepositoryRoot, "tests", "PerformanceTargets.Documents.Tests", "Fixtures", "Provinces", name, "table.txt");

    private static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "PerformanceTargets.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("PerformanceTargets.sln not found above the test folder");
        }
    }

    /// <summary>A copy of the seed in a temp folder, so tests can mutate it.</summary>
    public static string CopyTo(string folder, string? name = null, Func<string, string>? change = null)
    {
        Directory.CreateDirectory(folder);
        var target = System.IO.Path.Combine(folder, name ?? "seed.txt");
        var text = File.ReadAllText(Path);
        File.WriteAllText(target, change is null ? text : change(text));
        return target;
    }
}
