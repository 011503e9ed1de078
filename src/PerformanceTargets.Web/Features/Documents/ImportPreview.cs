namespace PerformanceTargets.Web.Features.Documents;

/// <summary>
/// One import preview kept between the upload (a dry run) and the user's confirmation (<see cref="ImportPreviewStore"/>):
/// the uploaded files as one payload, readable only by the user who uploaded them until it expires.
/// </summary>
public sealed class ImportPreview : Infrastructure.Auditing.INotAudited
{
    public const int IdLength = 32;

    public const int OwnerMaxLength = 450;

    private ImportPreview()
    {
    }

    public ImportPreview(string id, string ownerUserId, DateTime createdAt, DateTime expiresAt, byte[] payload)
    {
        Id = id;
        OwnerUserId = ownerUserId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Payload = payload;
    }

    /// <summary>The token the page carries (32 hex digits of a random 128-bit number).</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The id of the user who uploaded the files; no one else may read them.</summary>
    public string OwnerUserId { get; private set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC; an expired preview is never read and is deleted by the next upload.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The files (<see cref="ImportPreviewStore.Pack"/>).</summary>
    public byte[] Payload { get; private set; } = [];
}
