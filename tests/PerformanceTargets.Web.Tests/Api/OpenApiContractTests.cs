using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Api;

/// <summary>
/// The API's OpenAPI document is a contract, checked into <c>docs/openapi.json</c>: the running app must serve the same.
/// After an intended API change: <c>PT_UPDATE_OPENAPI=1 dotnet test tests/PerformanceTargets.Web.Tests --filter FullyQualifiedName~OpenApiContract</c>,
/// then review and commit the diff.
/// </summary>
public sealed class OpenApiContractTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public const string UpdateVariable = "PT_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string CommittedPath
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
            {
                folder = folder.Parent;
            }

            return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("PerformanceTargets.sln not found"), "docs", "openapi.json");
        }
    }

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    [Fact]
    public async Task The_running_apps_openapi_document_is_the_committed_docs_openapi_json()
    {
        var app = await fixture.GetAsync();
        var response = await app.CreateApiClient().GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var live = Normalize(await response.Content.ReadAsStringAsync());

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, live);
        }

        Assert.True(File.Exists(CommittedPath), $"docs/openapi.json is missing. Generate it: {UpdateVariable}=1 dotnet test tests/PerformanceTargets.Web.Tests --filter FullyQualifiedName~OpenApiContract");
        var committed = Normalize(await File.ReadAllTextAsync(CommittedPath));
        var liveLines = live.Split('\n');
        var committedLines = committed.Split('\n');
        var first = Enumerable.Range(0, Math.Max(liveLines.Length, committedLines.Length))
            .FirstOrDefault(i => i >= liveLines.Length || i >= committedLines.Length || liveLines[i] != committedLines[i], -1);
        Assert.True(first < 0,
            $"docs/openapi.json differs from the document the running app serves at /api/v1/openapi.json (first at line {first + 1}:\n" +
            $"  committed: {(first >= 0 && first < committedLines.Length ? committedLines[first].Trim() : "<end>")}\n" +
            $"  running:   {(first >= 0 && first < liveLines.Length ? liveLines[first].Trim() : "<end>")}).\n" +
            $"If the API change is intended, regenerate it with {UpdateVariable}=1 dotnet test tests/PerformanceTargets.Web.Tests --filter FullyQualifiedName~OpenApiContract and commit the diff.");
    }

    [Fact]
    public async Task The_document_describes_every_api_area_with_bearer_security_and_the_reference_page_renders_it()
    {
        var app = await fixture.GetAsync();
        var client = app.CreateApiClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/api/v1/openapi.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/units/{unitId}/years/{year}/projects", paths);
        Assert.Contains("/api/v1/projects/{id}/submit", paths);
        Assert.Contains("/api/v1/imports", paths);
        Assert.Contains("/api/v1/library/indicators", paths);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Null(document["servers"]);

        var browser = app.CreateBrowserLikeClient();
        await browser.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var page = await browser.GetAsync("/ApiDocs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/js/api-reference.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
