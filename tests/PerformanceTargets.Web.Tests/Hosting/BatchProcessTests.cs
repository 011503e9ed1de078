using System.Globalization;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// On Linux a verb of the published program replaces its own process with the same command and <c>DOTNET_TieredPGO=0</c>
/// (<c>CommandLine/BatchProcess</c>): the same process id, the arguments byte for byte, the exit code; a
/// <c>DOTNET_TieredPGO</c> set by the caller is kept as it is.
/// </summary>
[Collection(PublishedApp.Collection)]
public sealed class BatchProcessTests(PublishedApp published)
{
    [Fact]
    public async Task A_verb_becomes_the_same_process_with_dynamic_pgo_off_and_its_arguments_intact()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The process is replaced on Linux only (execve); elsewhere a verb runs as started.");
        var folder = published.NewWorkingDirectory();
        var output = Path.Combine(folder, "评分 导出（2021）.csv");

        var run = await published.RunVerbProcessAsync(folder, Environment(folder),
            "export", "ratings", "--year", "2021", "--format", "csv", "--out", output);

        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Verb export in process {run.ProcessId} with DOTNET_TieredPGO=0"), run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(output), run.Output);
        Assert.StartsWith("单位编码", File.ReadAllText(output).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_caller_is_kept_and_failures_keep_their_exit_code()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The process is replaced on Linux only (execve); elsewhere a verb runs as started.");
        var folder = published.NewWorkingDirectory();
        var environment = new Dictionary<string, string>(Environment(folder)) { ["DOTNET_TieredPGO"] = "1" };

        var kept = await published.RunVerbProcessAsync(folder, environment, "export", "ratings", "--year", "2021", "--format", "csv", "--out", "-");
        var failed = await published.RunVerbProcessAsync(folder, Environment(folder), "import", Path.Combine(folder, "不存在.json"));

        Assert.True(kept.Exit == 0, kept.Output);
        Assert.Contains("with DOTNET_TieredPGO=1", kept.Output, StringComparison.Ordinal);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("with DOTNET_TieredPGO=0", failed.Output, StringComparison.Ordinal);
        Assert.Contains("不存在.json", failed.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(string folder) => new()
    {
        ["ConnectionStrings__Default"] = "Data Source=" + Path.Combine(folder, "batch.db"),
        ["Serilog__MinimumLevel__Default"] = "Debug",
        ["Admin__Email"] = "admin@batch.local",
        ["Admin__Password"] = "Batch-Passw0rd-1",
    };
}
