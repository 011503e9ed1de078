using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerformanceTargets.Documents.Interchange;

/// <summary>
/// The interchange model's serialization metadata made at build time (<see cref="InterchangeJson.Options"/> resolves its
/// types here first): no reflection to build it at start-up, and typed accessors instead of emitted ones. The options
/// repeat <see cref="InterchangeJson.Options"/>; names, converters and ignore conditions come from the model's attributes
/// as they do for the reflection resolver, so the JSON read and written is the same.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    IndentSize = 2,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(InterchangeDocument))]
[JsonSerializable(typeof(InterchangeProject))]
[JsonSerializable(typeof(InterchangeDepartmentTable))]
[JsonSerializable(typeof(List<InterchangeSubGoal>))]
[JsonSerializable(typeof(List<InterchangeExtraField>))]
internal sealed partial class InterchangeJsonContext : JsonSerializerContext;
