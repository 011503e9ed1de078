using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Api;

/// <summary>
/// Issue 15 #7: every operation in <c>docs/openapi.json</c> is called with inputs generated from its own schemas —
/// valid ones, then each parameter made invalid (outside its enum, its range, or not a number), a body that is not
/// JSON, and no credentials — and every answer must be one the document lists for that operation, with a documented
/// content type and (for JSON) a body that matches the documented schema. The generator and the validator are
/// <see cref="SchemaGenerator"/> and <see cref="SchemaValidator"/> below (a subset of JSON Schema: type, enum,
/// required, properties, items, minimum, maximum, $ref).
/// </summary>
public sealed class OpenApiConformanceTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Every_documented_operation_answers_as_documented_for_generated_valid_and_invalid_inputs()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var admin = await app.AdminBearerClientAsync();
        var anonymous = app.CreateApiClient();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(DocsPath()));
        var root = document.RootElement;
        var generator = new SchemaGenerator(root);
        var validator = new SchemaValidator(root);
        var failures = new List<string>();
        var checks = 0;

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var op = operation.Value;
                var parameters = op.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var anonymousOperation = op.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
                var label = $"{method} {path.Name}";

                string Value(JsonElement parameter, JsonNode? overridden = null, bool useOverride = false)
                {
                    if (useOverride)
                    {
                        return overridden?.ToString() ?? string.Empty;
                    }

                    return parameter.GetProperty("name").GetString() switch
                    {
                        "unitId" => unit.Id.ToString(CultureInfo.InvariantCulture),
                        "id" => project.Id.ToString(CultureInfo.InvariantCulture),
                        "year" => WorkbenchData.Year.ToString(CultureInfo.InvariantCulture),
                        "unit" => unit.Code,
                        _ => generator.Valid(parameter.GetProperty("schema"))?.ToString() ?? string.Empty,
                    };
                }

                string Url(string? invalidName = null, JsonNode? invalidValue = null)
                {
                    var url = path.Name;
                    var query = new List<string>();
                    foreach (var parameter in parameters)
                    {
                        var name = parameter.GetProperty("name").GetString()!;
                        var isInvalid = name == invalidName;
                        var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean();
                        var value = Value(parameter, invalidValue, isInvalid);
                        if (parameter.GetProperty("in").GetString() == "path")
                        {
                            url = url.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                        }
                        else if (required || isInvalid || name is "format" or "unit")
                        {
                            query.Add($"{name}={Uri.EscapeDataString(value)}");
                        }
                    }

                    return query.Count == 0 ? url : url + "?" + string.Join('&', query);
                }

                HttpContent? Body(bool broken = false)
                {
                    if (!op.TryGetProperty("requestBody", out var body))
                    {
                        return null;
                    }

                    var content = body.GetProperty("content");
                    if (content.TryGetProperty("multipart/form-data", out _))
                    {
                        return ApiClients.Files(("x.txt", broken ? [0xFF, 0x00] : Encoding.UTF8.GetBytes("x")));
                    }

                    var schema = content.EnumerateObject().First().Value.GetProperty("schema");
                    return new StringContent(broken ? "{ not json" : generator.Valid(schema)?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
                }

                async Task CheckAsync(string what, HttpClient client, string url, HttpContent? body, bool mustBeClientError)
                {
                    checks++;
                    using var request = new HttpRequestMessage(method, url) { Content = body };
                    using var response = await client.SendAsync(request);
                    var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    var where = $"{label} [{what}] {url} → {status}";
                    if (!op.GetProperty("responses").TryGetProperty(status, out var documented))
                    {
                        failures.Add($"{where}: status not documented ({await response.Content.ReadAsStringAsync()})");
                        return;
                    }

                    if (mustBeClientError && (int)response.StatusCode is < 400 or >= 500)
                    {
                        failures.Add($"{where}: an invalid input was accepted");
                    }

                    var media = response.Content.Headers.ContentType?.MediaType;
                    if (!documented.TryGetProperty("content", out var contents) || media is null)
                    {
                        return;
                    }

                    if (!contents.TryGetProperty(media, out var mediaType))
                    {
                        failures.Add($"{where}: content type {media} not documented ({string.Join(", ", contents.EnumerateObject().Select(c => c.Name))})");
                        return;
                    }

                    if (media.EndsWith("json", StringComparison.Ordinal) && mediaType.TryGetProperty("schema", out var schema))
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        failures.AddRange(validator.Validate(schema, json.RootElement, "$").Select(f => $"{where}: {f}"));
                    }
                }

                var caller = anonymousOperation ? anonymous : admin;
                await CheckAsync("valid", caller, Url(), Body(), mustBeClientError: false);
                foreach (var parameter in parameters)
                {
                    foreach (var invalid in generator.Invalid(parameter.GetProperty("schema")))
                    {
                        await CheckAsync($"invalid {parameter.GetProperty("name").GetString()}={invalid}", caller, Url(parameter.GetProperty("name").GetString(), invalid), Body(), mustBeClientError: true);
                    }
                }

                if (op.TryGetProperty("requestBody", out var requestBody) && requestBody.GetProperty("content").TryGetProperty("application/json", out _))
                {
                    await CheckAsync("body not JSON", caller, Url(), Body(broken: true), mustBeClientError: true);
                }

                if (!anonymousOperation)
                {
                    await CheckAsync("no credentials", anonymous, Url(), Body(), mustBeClientError: true);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join('\n', failures));
        Assert.True(checks > 80, $"only {checks} checks");
    }

    private static string DocsPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder!.FullName, "docs", "openapi.json");
    }
}

/// <summary>Values from an OpenAPI schema: one valid, and a few invalid (outside an enum or range, or of the wrong type).</summary>
public sealed class SchemaGenerator(JsonElement root)
{
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    public static IReadOnlyList<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? [] : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];

    public JsonNode? Valid(JsonElement schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var types = Types(schema);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var result = new JsonObject();
            if (depth < 5 && schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    result[property.Name] = Valid(property.Value, depth + 1);
                }
            }

            return result;
        }

        if (types.Contains("array"))
        {
            return depth < 5 && schema.TryGetProperty("items", out var items) ? new JsonArray(Valid(items, depth + 1)) : new JsonArray();
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return schema.TryGetProperty("minimum", out var minimum) ? JsonValue.Create(minimum.GetDecimal()) : JsonValue.Create(1);
        }

        if (types.Contains("boolean"))
        {
            return JsonValue.Create(true);
        }

        if (types.Contains("string"))
        {
            return JsonValue.Create(schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" ? "2031-01-01T00:00:00Z" : "测试");
        }

        return null;
    }

    public IEnumerable<JsonNode> Invalid(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("enum", out _))
        {
            yield return JsonValue.Create("不存在的值")!;
        }

        var types = Types(schema);
        if (types.Contains("integer"))
        {
            if (schema.TryGetProperty("maximum", out var maximum))
            {
                yield return JsonValue.Create(maximum.GetDecimal() + 1);
            }

            if (schema.TryGetProperty("minimum", out var minimum))
            {
                yield return JsonValue.Create(minimum.GetDecimal() - 1);
            }

            yield return JsonValue.Create("abc")!;
        }

        if (types.Contains("boolean"))
        {
            yield return JsonValue.Create("maybe")!;
        }
    }
}

/// <summary>Checks a JSON value against an OpenAPI 3.1 schema (type, enum, required, properties, items, minimum, maximum, $ref).</summary>
public sealed class SchemaValidator(JsonElement root)
{
    private readonly SchemaGenerator _schemas = new(root);

    public IEnumerable<string> Validate(JsonElement schema, JsonElement value, string path)
    {
        schema = _schemas.Resolve(schema);
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetRawText() == value.GetRawText()))
        {
            yield return $"{path}: {value.GetRawText()} is not one of {values.GetRawText()}";
            yield break;
        }

        var types = SchemaGenerator.Types(schema);
        if (types.Count == 0 && schema.TryGetProperty("properties", out _))
        {
            types = ["object"];
        }

        if (types.Count > 0 && !types.Any(t => Is(t, value)))
        {
            yield return $"{path}: {value.ValueKind} where the document says {string.Join('|', types)}";
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var minimum) && value.GetDecimal() < minimum.GetDecimal())
            {
                yield return $"{path}: {value} is below the documented minimum {minimum}";
            }

            if (schema.TryGetProperty("maximum", out var maximum) && value.GetDecimal() > maximum.GetDecimal())
            {
                yield return $"{path}: {value} is above the documented maximum {maximum}";
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    yield return $"{path}.{name}: required but missing";
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child))
                    {
                        foreach (var failure in Validate(property.Value, child, $"{path}.{property.Name}"))
                        {
                            yield return failure;
                        }
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var failure in Validate(items, item, $"{path}[{index++}]"))
                {
                    yield return failure;
                }
            }
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
