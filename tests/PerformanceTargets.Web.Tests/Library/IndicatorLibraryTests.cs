using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Library;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Library;

/// <summary>The indicator library: seeded from the seed's indicators and the common ones, offered in the editor, promoted by admins; last year's targets beside this year's.</summary>
public abstract class IndicatorLibraryTests(AppFixture fixture)
{
    [Fact]
    public async Task Library_seed_offers_the_seeds_indicators_deduplicated_plus_the_common_ones_in_the_editor_search()
    {
        var app = await fixture.GetAsync();
        await SeedLoader.LoadAsync(app); // the seed's five projects, straight into the database (no candidates)
        var seedKeys = await app.WithDbAsync(async db => (await db.Projects.Where(p => p.Year == SeedLoader.Year).SelectMany(p => p.Indicators).ToListAsync())
            .Select(i => LibraryIndicator.KeyOf(i.Level1, i.Level2, i.Name)).ToHashSet());

        var first = await VerbRunner.RunAsync(app.Database, "library", "seed");
        var again = await VerbRunner.RunAsync(app.Database, "library", "seed");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("新增", first.Out, StringComparison.Ordinal);
        Assert.Contains("新增 0", again.Out, StringComparison.Ordinal);
        var library = await app.WithDbAsync(db => db.LibraryIndicators.AsNoTracking().ToListAsync());
        Assert.Subset(library.Select(e => e.Key).ToHashSet(), seedKeys);
        Assert.Equal(library.Count, library.Select(e => e.Key).Distinct().Count());
        Assert.Contains(library, e => e.Name == "预算执行率" && e.Status == LibraryStatus.Standard && e.Fields == "通用");
        Assert.True(seedKeys.Count < 45, "the seed repeats indicators across projects; the library keeps one of each");

        // The editor's search as you type: a cookie-signed-in finance user, like indicators.js.
        var unit = await app.CreateUnitAsync();
        var browser = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var edit = await browser.GetStringAsync($"/Projects/Edit?unit={unit.Id}&year={WorkbenchData.Year}");
        Assert.Contains("data-library-url=\"/api/v1/library/indicators\"", edit, StringComparison.Ordinal);
        var found = JsonDocument.Parse(await browser.GetStringAsync("/api/v1/library/indicators?q=" + Uri.EscapeDataString("购置"))).RootElement;
        var purchase = Assert.Single(found.EnumerateArray(), e => e.GetProperty("name").GetString() == "购置率");
        Assert.True(purchase.GetProperty("isStandard").GetBoolean());
        Assert.Equal(("产出指标", "数量指标", "≥90百分比", "≥", "%"),
            (purchase.GetProperty("level1").GetString(), purchase.GetProperty("level2").GetString(), purchase.GetProperty("typicalValue").GetString(),
             purchase.GetProperty("comparator").GetString(), purchase.GetProperty("measureUnit").GetString()));
    }

    [Fact]
    public async Task A_hand_written_indicator_becomes_a_candidate_that_only_an_admin_can_promote()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var name = "手写指标" + Guid.NewGuid().ToString("N")[..6];
        var token = await finance.GetAntiforgeryTokenAsync($"/Projects/Edit?unit={unit.Id}&year={WorkbenchData.Year}");
        var form = ProjectForms.Valid("新项目", token);
        form["Input.Indicators[0].Name"] = name;
        Assert.Equal(HttpStatusCode.Redirect, (await finance.PostAsync($"/Projects/Edit?unit={unit.Id}&year={WorkbenchData.Year}", new FormUrlEncodedContent(form))).StatusCode);
        var candidate = await app.WithDbAsync(db => db.LibraryIndicators.SingleAsync(e => e.Name == name));
        Assert.Equal(LibraryStatus.Candidate, candidate.Status);

        var financeToken = await finance.GetAntiforgeryTokenAsync("/Account/Logout");
        var refused = await finance.PostAsync($"/Library?handler=Promote&id={candidate.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = financeToken }));
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(LibraryStatus.Candidate, (await app.WithDbAsync(db => db.LibraryIndicators.SingleAsync(e => e.Id == candidate.Id))).Status);

        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var page = await admin.GetStringAsync("/Library?status=Candidate&q=" + Uri.EscapeDataString(name));
        Assert.Contains("纳入标准", page, StringComparison.Ordinal);
        var promoted = await admin.PostAsync($"/Library?handler=Promote&id={candidate.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpForms.ExtractAntiforgeryToken(page)! }));
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal(LibraryStatus.Standard, (await app.WithDbAsync(db => db.LibraryIndicators.SingleAsync(e => e.Id == candidate.Id))).Status);
    }

    [Fact]
    public async Task Two_saves_offering_the_same_new_indicator_at_once_both_succeed_and_the_library_keeps_one()
    {
        var app = await fixture.GetAsync();
        var name = "并发指标" + Guid.NewGuid().ToString("N")[..6];
        Indicator[] indicators = [new("产出指标", "数量指标", name, "描述", "≥1个", "计划")];

        // The first save's transaction holds its new candidate uncommitted while the second offers the same one.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await firstDb.Database.BeginTransactionAsync();
        Assert.Equal(1, await first.ServiceProvider.GetRequiredService<IndicatorLibrary>().AddCandidatesAsync(indicators, "甲"));
        var racing = Task.Run(() => second.ServiceProvider.GetRequiredService<IndicatorLibrary>().AddCandidatesAsync(indicators, "乙"));
        await Task.Delay(200);
        await transaction.CommitAsync();

        Assert.Equal(0, await racing); // already there: skipped, not an error
        var stored = await app.WithDbAsync(db => db.LibraryIndicators.AsNoTracking().Where(e => e.Name == name).ToListAsync());
        Assert.Equal("甲", Assert.Single(stored).Source);
    }

    [Fact]
    public async Task Last_years_targets_of_the_same_project_show_beside_this_years_when_editing_and_reviewing()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var current = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        await app.WithDbAsync(async db =>
        {
            var last = WorkbenchData.SampleProject(unit.Id, ProjectStatus.Draft, WorkbenchData.Year - 1);
            last.SetBasics(current.Code, current.Name, 1_000_000m, 1_000_000m, 0m, "上年");
            last.SetIndicators([new Indicator("产出指标", "数量指标", "购置率", "上年口径", "≥80百分比", "年度工作计划")]);
            last.Submit("finance@test.local", DateTimeOffset.UtcNow);
            last.Approve("head@test.local", DateTimeOffset.UtcNow, null, "{}");
            db.Projects.Add(last);
            return await db.SaveChangesAsync();
        });
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);

        var review = await head.GetStringAsync($"/Review/Decide/{current.Id}");

        Assert.Contains($"上年目标对照（{WorkbenchData.Year - 1} 年）", review, StringComparison.Ordinal);
        Assert.Contains("<td>≥80百分比</td>", review, StringComparison.Ordinal);
        Assert.Contains("（上年未设）", review, StringComparison.Ordinal);

        var draft = await app.WithDbAsync(async db =>
        {
            var p = WorkbenchData.SampleProject(unit.Id);
            db.Projects.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var edit = await finance.GetStringAsync($"/Projects/Edit/{draft.Id}");
        Assert.Contains("上年目标对照", edit, StringComparison.Ordinal);
        Assert.Contains("上年：≥80百分比", edit, StringComparison.Ordinal); // matched by name in the unit, 购置率 row by row
    }
}

public sealed class SqliteIndicatorLibraryTests(SqliteAppFixture fixture) : IndicatorLibraryTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresIndicatorLibraryTests(PostgresAppFixture fixture) : IndicatorLibraryTests(fixture), IClassFixture<PostgresAppFixture>;
