using System.Text.Json;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Domain.Publishing;

namespace PerformanceTargets.Web.Features.Publishing;

/// <summary>One project's published self-evaluation result (only when the year's results were published).</summary>
public sealed record PublishedResult(string Code, decimal Score, string Grade);

/// <summary>
/// A live publication as the public reads it: the unit's code and name, the snapshot (overall goal and approved goal
/// tables, in code order) and the results when published. Nothing here names a user or a database id.
/// </summary>
public sealed record PublishedUnit(int Year, string UnitCode, string UnitName, DateTimeOffset PublishedAt, InterchangeUnit Content, IReadOnlyList<PublishedResult>? Results)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string WriteResults(IReadOnlyList<PublishedResult> results) => JsonSerializer.Serialize(results, Json);

    public static PublishedUnit From(Publication publication, InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(document);
        var unit = document.Units.Single();
        var results = publication.Results is { } text ? JsonSerializer.Deserialize<List<PublishedResult>>(text, Json) : null;
        return new PublishedUnit(publication.Year, unit.Code, unit.Name, publication.PublishedAt, unit, results);
    }

    /// <summary>The published project with this code, and its 1-based position in the package; null when it was not published.</summary>
    public (InterchangeProject Project, int Number)? Project(string code)
    {
        var index = Content.Projects.FindIndex(p => string.Equals(p.Code, code, StringComparison.Ordinal));
        return index < 0 ? null : (Content.Projects[index], index + 1);
    }

    public PublishedResult? ResultOf(string code) => Results?.FirstOrDefault(r => r.Code == code);
}

/// <summary>One row of the public list: a unit and year with a live publication.</summary>
public sealed record PublicationListItem(int Year, string UnitCode, string UnitName, DateTimeOffset PublishedAt, bool ResultsPublished);
