using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Publishing;

namespace PerformanceTargets.Domain.Tests;

public class PublicationTests
{
    private static readonly DateTimeOffset At = new(2031, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_publication_is_live_until_withdrawn_once()
    {
        var publication = new Publication(7, 2031, "{\"year\":2031}", null, "admin@example.cn", At);
        Assert.True(publication.IsLive);
        Assert.False(publication.ResultsPublished);

        publication.Withdraw("admin@example.cn", At.AddDays(1));

        Assert.False(publication.IsLive);
        Assert.Equal(At.AddDays(1), publication.WithdrawnAt);
        Assert.Throws<DomainException>(() => publication.Withdraw("admin@example.cn", At.AddDays(2)));
    }

    [Fact]
    public void The_hash_covers_the_content_and_the_results()
    {
        var without = new Publication(7, 2031, "{}", null, "a", At);
        var with = new Publication(7, 2031, "{}", "[]", "a", At);

        Assert.Equal(64, without.ContentSha256.Length);
        Assert.NotEqual(without.ContentSha256, with.ContentSha256);
        Assert.True(with.ResultsPublished);
    }
}
