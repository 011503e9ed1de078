using BenchmarkDotNet.Running;
using PerformanceTargets.Benchmarks;

if (args.Length > 0 && args[0] == "spreadsheet")
{
    // Not BenchmarkDotNet: one operation writes ~1,000,000 rows (seconds), so a few timed runs say more than its statistics.
    SpreadsheetWriterBenchmark.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
public partial class Program;
