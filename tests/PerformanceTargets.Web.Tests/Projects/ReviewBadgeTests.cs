using PerformanceTargets.Web.Features.Projects;

namespace PerformanceTargets.Web.Tests.Projects;

/// <summary>The navigation's review badge counts up to <see cref="ReviewQueue.BadgeCap"/> and then says “99+”.</summary>
public sealed class ReviewBadgeTests
{
    [Theory]
    [InlineData(1, "1")]
    [InlineData(99, "99")]
    [InlineData(100, "99+")]
    [InlineData(20_000, "99+")]
    public void The_badge_shows_the_count_below_the_cap_and_99_plus_from_it(int count, string text) =>
        Assert.Equal(text, ReviewQueue.BadgeText(count));
}
