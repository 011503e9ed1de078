namespace PerformanceTargets.Domain.Publishing;

/// <summary>
/// 预算公开: a unit's approved goal tables of a year as they were published, kept as a snapshot (the JSON interchange of
/// the unit's overall goal and its approved projects, in code order) so that later edits and adjustments reach the public
/// only when an admin publishes again. A publication is live until it is withdrawn; publishing again withdraws the
/// previous one. The self-evaluation results (scores and grades) are published only when asked for.
/// </summary>
public class Publication
{
    public const int ByMaxLength = 256;

    private Publication()
    {
        PublishedBy = string.Empty;
        Content = string.Empty;
        ContentSha256 = string.Empty;
    }

    public Publication(int unitId, int year, string content, string? results, string publishedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(publishedBy);
        UnitId = unitId;
        Year = year;
        Content = content;
        Results = results;
        ContentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content + "\n" + results)));
        PublishedBy = publishedBy;
        PublishedAt = at;
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public int Year { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>Who published (internal: never shown on the public pages).</summary>
    public string PublishedBy { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnBy { get; private set; }

    /// <summary>What was published: the JSON interchange document of the unit (overall goal with sub-goals, approved projects in code order).</summary>
    public string Content { get; private set; }

    /// <summary>The published self-evaluation results (JSON: project code, score, grade), or null when they were not published.</summary>
    public string? Results { get; private set; }

    /// <summary>The SHA-256 of what was published; the audit trail records it instead of the (large) content.</summary>
    public string ContentSha256 { get; private set; }

    public bool IsLive => WithdrawnAt is null;

    public bool ResultsPublished => Results is not null;

    public void Withdraw(string userName, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (WithdrawnAt is not null)
        {
            throw new DomainException("该公开已撤回。");
        }

        WithdrawnAt = at;
        WithdrawnBy = userName;
    }
}
