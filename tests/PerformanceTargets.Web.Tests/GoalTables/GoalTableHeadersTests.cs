using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.GoalTables;

/// <summary>
/// The goal-table page's row is remembered on PostgreSQL only while the database's change feed is live, and a change
/// written by anyone — here raw SQL, which no interceptor of this instance sees — shows once its notification arrives.
/// </summary>
public abstract class GoalTableHeadersTests(AppFixture fixture)
{
    /// <summary>Whether the database tells every instance what changed (PostgreSQL).</summary>
    protected abstract bool HasFeed { get; }

    [Fact]
    public async Task A_change_written_behind_the_app_s_back_shows_once_the_database_tells_of_it()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var headers = app.Services.GetRequiredService<GoalTableHeaders>();
        await WaitForAsync(() => Task.FromResult(app.Services.GetRequiredService<PostgresChangeFeed>().Live == HasFeed));

        var first = await ReadAsync(app, project.Id);
        Assert.Equal(project.Name, first!.Name);
        Assert.Equal(HasFeed, headers.TryGet(project.Id, out _));

        // Raw SQL in another scope: no save interceptor of this instance hears it; on PostgreSQL the trigger tells the feed.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Projects\" SET \"Name\" = {0} WHERE \"Id\" = {1}", "库外改名的项目", project.Id));
        await WaitForAsync(async () => (await ReadAsync(app, project.Id))!.Name == "库外改名的项目");

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Units\" SET \"Name\" = {0} WHERE \"Id\" = {1}", "库外改名的单位", unit.Id));
        await WaitForAsync(async () => (await ReadAsync(app, project.Id))!.UnitName == "库外改名的单位");
        Assert.Equal(HasFeed, headers.TryGet(project.Id, out var remembered) && remembered.UnitName == "库外改名的单位");
    }

    [Fact]
    public async Task A_save_of_this_instance_shows_on_the_very_next_read()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        await ReadAsync(app, project.Id);
        await ReadAsync(app, project.Id);

        var version = await app.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.Id);
            stored.SetBasics(stored.Code, "刚保存的名称", stored.Budget, stored.FiscalFunds, stored.OtherFunds, stored.Purpose, stored.AmountUnit, stored.FundsSplitUnknown);
            await db.SaveChangesAsync();
            return stored.Version;
        });

        var after = (await ReadAsync(app, project.Id))!;
        Assert.Equal("刚保存的名称", after.Name);
        Assert.Equal(version, after.Version);
    }

    private static Task<GoalTableHeader?> ReadAsync(AppFactory app, int id) =>
        app.WithDbAsync(db => new GoalTableReader(db, app.Services.GetRequiredService<ReadConnections>(), app.Services.GetRequiredService<GoalTableHeaders>()).ReadHeaderAsync(id));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change did not show within 10 s");
            await Task.Delay(20);
        }
    }
}

public sealed class SqliteGoalTableHeadersTests(SqliteAppFixture fixture) : GoalTableHeadersTests(fixture), IClassFixture<SqliteAppFixture>
{
    protected override bool HasFeed => false;
}

public sealed class PostgresGoalTableHeadersTests(PostgresAppFixture fixture) : GoalTableHeadersTests(fixture), IClassFixture<PostgresAppFixture>
{
    protected override bool HasFeed => true;
}

/// <summary>The memory's own rules, with the feed's state set by hand.</summary>
public sealed class GoalTableHeadersMemoryTests
{
    private static readonly GoalTableHeader Header = new(7, 1, 2021, "项目", Guid.NewGuid(), "631001", "单位");

    private static (PostgresChangeFeed Feed, GoalTableHeaders Headers) Live()
    {
        var feed = new PostgresChangeFeed(NullLogger<PostgresChangeFeed>.Instance) { Live = true };
        return (feed, new GoalTableHeaders(feed, TimeProvider.System));
    }

    [Fact]
    public void Nothing_is_remembered_or_served_while_the_feed_is_not_live()
    {
        var (feed, headers) = Live();
        feed.Live = false;
        headers.Remember(headers.Generation, Header);
        Assert.False(headers.TryGet(7, out _));

        feed.Live = true;
        headers.Remember(headers.Generation, Header);
        Assert.True(headers.TryGet(7, out var served));
        Assert.Same(Header, served);
        feed.Live = false;
        Assert.False(headers.TryGet(7, out _));
    }

    [Fact]
    public void A_read_overtaken_by_a_change_is_not_remembered()
    {
        var (feed, headers) = Live();
        var before = headers.Generation;
        feed.Publish("Projects:99");
        headers.Remember(before, Header);
        Assert.False(headers.TryGet(7, out _));
    }

    [Fact]
    public void A_project_s_notification_forgets_that_project_and_anything_else_forgets_all()
    {
        var (feed, headers) = Live();
        var other = Header with { Id = 8 };
        headers.Remember(headers.Generation, Header);
        headers.Remember(headers.Generation, other);

        feed.Publish("Projects:7");
        Assert.False(headers.TryGet(7, out _));
        Assert.True(headers.TryGet(8, out _));

        feed.Publish("Units");
        Assert.False(headers.TryGet(8, out _));

        headers.Remember(headers.Generation, Header);
        feed.Publish(null);
        Assert.False(headers.TryGet(7, out _));
    }

    [Fact]
    public void A_row_is_served_for_its_lifetime_at_most()
    {
        var clock = new ManualClock();
        var feed = new PostgresChangeFeed(NullLogger<PostgresChangeFeed>.Instance) { Live = true };
        var headers = new GoalTableHeaders(feed, clock);
        headers.Remember(headers.Generation, Header);
        clock.Now += GoalTableHeaders.Lifetime - TimeSpan.FromSeconds(1);
        Assert.True(headers.TryGet(7, out _));
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.False(headers.TryGet(7, out _));
    }

    /// <summary>A clock whose timestamps move only when told (one tick a second).</summary>
    private sealed class ManualClock : TimeProvider
    {
        public TimeSpan Now { get; set; } = TimeSpan.FromHours(1);

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => (long)Now.TotalSeconds;
    }
}
