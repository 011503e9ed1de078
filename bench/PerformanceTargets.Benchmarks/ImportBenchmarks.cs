using BenchmarkDotNet.Attributes;
using PerformanceTargets.Documents;

namespace PerformanceTargets.Benchmarks;

/// <summary>The import parser: the real seed as a text dump, as .docx, and a JSON interchange file of 1,000 projects.</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] _seedText = [];
    private byte[] _seedDocx = [];
    private string _json = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _seedText = File.ReadAllBytes(SeedPath());
        var document = PlanDocuments.ReadText(_seedText, "seed.txt", 2021).Document!;
        _seedDocx = PlanDocuments.WriteDocx(document);
        var unit = document.Units[0];
        var template = unit.Projects.ToList();
        unit.Projects.Clear();
        for (var i = 0; i < 1000; i++)
        {
            var source = template[i % template.Count];
            var copy = PlanDocuments.ReadJson(PlanDocuments.WriteJson(new() { Year = 2021, Units = [new() { Code = unit.Code, Name = unit.Name, Projects = [source] }] }), "p.json").Document!.Units[0].Projects[0];
            copy.Code = $"BENCH{i:D16}";
            unit.Projects.Add(copy);
        }

        _json = PlanDocuments.WriteJson(document);
    }

    [Benchmark]
    public int ReadSeedText() => PlanDocuments.ReadText(_seedText, "seed.txt", 2021).Document!.Units[0].Projects.Count;

    [Benchmark]
    public int ReadSeedDocx() => PlanDocuments.ReadDocx(_seedDocx, "seed.docx", 2021).Document!.Units[0].Projects.Count;

    [Benchmark]
    public int ReadJson1000Projects() => PlanDocuments.ReadJson(_json, "bench.json").Document!.Units[0].Projects.Count;

    private static string SeedPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("repository root not found"), "samples", "631001-2021-goals.txt");
    }
}
