using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// <see cref="InterchangeJson.Options"/> resolve the model from build-time metadata: what they read and write is what the
/// reflection serializer reads and writes with the same options, byte for byte, errors and their paths included.
/// </summary>
public sealed class InterchangeSourceGenerationTests
{
    private static readonly JsonSerializerOptions Reflection = new(InterchangeJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<string> Documents => ["sample", "seed", "extras"];

    private static InterchangeDocument Load(string name) => name switch
    {
        "sample" => TestFiles.Succeed(InterchangeJson.Read(File.ReadAllBytes(Path.Combine(TestFiles.RepositoryRoot, "samples", "631001-2021-goals.json")), "goals.json")),
        "seed" => TestFiles.ImportSeed(),
        _ => InterchangeStreamTests.Document(20, p =>
        {
            p.Budget = 1234.5m;
            p.MediumTermGoal = "三年目标 \"引号\" <b>&</b>";
            p.AddExtra("主管部门", "某局\n第二行");
            p.AddNotice("没有资金计划");
            p.UnknownLabels = ["奇怪的标签"];
            p.CodeProvisional = true;
            p.FundsSplitUnknown = true;
            p.Indicators[0].Target = new InterchangeTarget { Kind = "quantitative", Comparator = ">=", Number = 10.500m, Unit = "个" };
        }),
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Writes_what_the_reflection_serializer_writes(string name)
    {
        var document = Load(name);
        Assert.NotEmpty(document.Units.SelectMany(u => u.Projects));

        Assert.Equal(JsonSerializer.Serialize(document, Reflection), JsonSerializer.Serialize(document, InterchangeJson.Options));
        foreach (var project in document.Units.SelectMany(u => u.Projects))
        {
            Assert.Equal(JsonSerializer.Serialize(project, Reflection), JsonSerializer.Serialize(project, InterchangeJson.Options));
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Reads_what_the_reflection_serializer_reads(string name)
    {
        // Written with comments, trailing commas and a member this version does not know, as a hand-edited file may be.
        var json = JsonSerializer.Serialize(Load(name), Reflection)
            .Replace("\"budget\":", "/* 预算 */ \"futureField\": {\"a\": [1, 2,],}, \"budget\":")
            .Replace("\"goals\": [", "// 目标\n\"goals\": [");

        var generated = JsonSerializer.Deserialize<InterchangeDocument>(json, InterchangeJson.Options);
        var reflected = JsonSerializer.Deserialize<InterchangeDocument>(json, Reflection);

        Assert.Equal(JsonSerializer.Serialize(reflected, Reflection), JsonSerializer.Serialize(generated, Reflection));
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(
            JsonSerializer.Serialize(reflected!.Units[0].Projects, Reflection),
            JsonSerializer.Serialize(InterchangeJsonStream.Read(new MemoryStream(bytes), "a.json")
                .Where(i => i.Kind == InterchangeStreamItemKind.Project && i.UnitIndex == 0).Select(i => i.Project).ToList(), Reflection));
    }

    [Theory]
    [InlineData("\"budget\": 1000.00", "\"budget\": \"1000\"")]
    [InlineData("\"month\": 12", "\"month\": 12.5")]
    [InlineData("\"goals\": [", "\"goals\": [ 1, ")]
    [InlineData("\"indicators\": [", "\"indicators\": [ [], ")]
    public void Errors_are_the_reflection_serializers_at_the_same_path(string find, string replace)
    {
        var json = InterchangeJson.Serialize(InterchangeStreamTests.Document(3, _ => { }));
        var at = json.LastIndexOf(find, StringComparison.Ordinal);
        json = json[..at] + replace + json[(at + find.Length)..];

        var generated = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InterchangeDocument>(json, InterchangeJson.Options));
        var reflected = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InterchangeDocument>(json, Reflection));
        Assert.Equal(reflected.Path, generated.Path);
        Assert.Equal(reflected.LineNumber, generated.LineNumber);
        Assert.Equal(reflected.BytePositionInLine, generated.BytePositionInLine);
        Assert.StartsWith("$.units[0].projects[2].", generated.Path);

        // The streamed read locates it at the same path, the line counted within the project as before.
        var failed = InterchangeJsonStream.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "bad.json").Last();
        Assert.Equal(InterchangeStreamItemKind.Failed, failed.Kind);
        var error = Assert.Single(failed.Errors);
        Assert.Equal(generated.Path, error.Field);
        var project = json.LastIndexOf("\n        {\n          \"code\": \"P00002\"", StringComparison.Ordinal) + 1;
        var line = json[project..json.IndexOf(replace, project, StringComparison.Ordinal)].Count(c => c == '\n');
        Assert.Equal(line + 1, error.Row);
    }
}
