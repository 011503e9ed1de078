using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

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

/// <summary>
/// The badge is remembered between pages (<see cref="ReviewBadge"/>), and forgotten by any save of a project on the
/// instance, so a submission or a decision shows on the very next page.
/// </summary>
public abstract class RememberedReviewBadgeTests(AppFixture fixture)
{
    [Fact]
    public async Task The_badge_is_remembered_between_pages_and_a_submission_or_decision_shows_on_the_next_page()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var first = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var hidden = await app.CreateProjectAsync(unit.Id, ProjectStatus.Draft);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        Assert.Equal("1", await BadgeAsync(head));

        // A change behind the application's back (no save through it) is not seen while the count is remembered.
        await app.WithDbAsync(db => db.Projects.Where(p => p.Id == hidden.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ProjectStatus.Submitted)));
        Assert.Equal("1", await BadgeAsync(head));

        // A project saved through the application is seen at once (and with it the hidden one).
        await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        Assert.Equal("3", await BadgeAsync(head));

        // The head's own decision on the review page, too.
        var token = await head.GetAntiforgeryTokenAsync($"/Review/Decide/{first.Id}");
        var decided = await head.PostAsync($"/Review/Decide/{first.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Decision"] = "Approve",
            ["Input.Comment"] = "同意",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(ProjectStatus.Approved, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == first.Id).Select(p => p.Status).SingleAsync()));
        Assert.Equal("2", await BadgeAsync(head));

        // A project deleted through the application (it is no longer tracked once saved), too.
        await app.WithDbAsync(async db =>
        {
            db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == hidden.Id));
            return await db.SaveChangesAsync();
        });
        Assert.Equal("1", await BadgeAsync(head));
    }

    private static async Task<string?> BadgeAsync(HttpClient client)
    {
        var match = Regex.Match(await client.GetStringAsync("/Account/Me"), "<span class=\"badge\" id=\"review-count\"[^>]*>([^<]+)</span>");
        return match.Success ? match.Groups[1].Value : null;
    }
}

public sealed class SqliteRememberedReviewBadgeTests(SqliteAppFixture fixture) : RememberedReviewBadgeTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRememberedReviewBadgeTests(PostgresAppFixture fixture) : RememberedReviewBadgeTests(fixture), IClassFixture<PostgresAppFixture>;
