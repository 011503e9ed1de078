using System.Text.Json;
using System.Text.Json.Serialization;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>
/// The <c>After</c> of a project's 'Created' audit entry written by an import: the project as read, in the serializer's
/// default shape (property names as in the model, compact) with Chinese written as is. Its metadata and writer are made
/// at build time (<see cref="ImportAuditJsonContext"/>); the text is the one the reflection serializer writes with the
/// same options.
/// </summary>
internal static class ImportAuditJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ImportAuditJsonContext.Default,
    };

    public static string Created(InterchangeProject source) => JsonSerializer.Serialize(source, Options);
}

/// <summary>Build-time metadata and writer of <see cref="ImportAuditJson"/> (default options: the encoder is the writer's).</summary>
[JsonSerializable(typeof(InterchangeProject))]
internal sealed partial class ImportAuditJsonContext : JsonSerializerContext;
