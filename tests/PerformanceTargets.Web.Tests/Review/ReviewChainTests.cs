using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Review;

/// <summary>
/// The review chain up the unit tree (issue 19 §2): unit head → head of the parent unit (主管部门) → 财政审核, configured
/// per year; returns at any level go back to the filling unit with the level; each level has its queue; the API decides
/// the same way. And the review assistant's points, switchable per year (§3).
/// </summary>
public abstract class ReviewChainTests(AppFixture fixture)
{
    private static int s_nextYear = 2060;

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient reviewer, int id, string decision, string comment)
    {
        var token = await reviewer.GetAntiforgeryTokenAsync("/Account/Logout"); // the decision form is not shown when it is another level's turn
        return await reviewer.PostAsync($"/Review/Decide/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Decision"] = decision,
            ["Input.Comment"] = comment,
        }));
    }

    /// <summary>A year of its own (the fixture's app is shared by the class's tests) with <paramref name="levels"/> levels.</summary>
    private static async Task<int> YearWithChainAsync(AppFactory app, int levels, params string[] disabledChecks)
    {
        var year = Interlocked.Increment(ref s_nextYear);
        await app.WithDbAsync(async db =>
        {
            var fiscal = new FiscalYear(year);
            fiscal.ConfigureReview(levels, disabledChecks);
            db.FiscalYears.Add(fiscal);
            return await db.SaveChangesAsync();
        });
        return year;
    }

    /// <summary>A 主管部门 and a unit below it (written straight to the database, so the cached unit tree is told).</summary>
    private static async Task<(Unit Parent, Unit Child)> TreeAsync(AppFactory app)
    {
        var parent = await app.CreateUnitAsync("主管部门" + Guid.NewGuid().ToString("N")[..6]);
        var code = "8" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var child = await app.WithDbAsync(async db =>
        {
            var unit = new Unit(code, "下属单位" + code, parent.Id);
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });
        app.Services.GetRequiredService<UnitHierarchy>().Invalidate();
        return (parent, child);
    }

    private static async Task<BudgetProject> SubmittedAsync(AppFactory app, int unitId, int year)
    {
        var project = WorkbenchData.SampleProject(unitId, ProjectStatus.Submitted, year);
        return await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project;
        });
    }

    private static Task<BudgetProject> ReloadAsync(AppFactory app, int id) =>
        app.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task Three_levels_pass_a_project_from_the_units_head_to_the_parent_units_head_to_finance_each_from_their_own_queue()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 3);
        var (parent, child) = await TreeAsync(app);
        var project = await SubmittedAsync(app, child.Id, year);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, child.Id);
        var parentHead = await app.ClientAsAsync(Roles.DepartmentHead, parent.Id);
        var finance = await app.ClientAsAsync(Roles.FinanceReviewer, parent.Id);

        Assert.Contains(project.Code, await head.GetStringAsync("/Review"), StringComparison.Ordinal);
        Assert.DoesNotContain(project.Code, await parentHead.GetStringAsync("/Review"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(head, project.Id, "Approve", "同意")).StatusCode);

        var atParent = await ReloadAsync(app, project.Id);
        Assert.Equal((ProjectStatus.Submitted, ReviewStage.Parent), (atParent.Status, atParent.Stage));
        Assert.DoesNotContain(project.Code, await head.GetStringAsync("/Review"), StringComparison.Ordinal);
        var parentQueue = await parentHead.GetStringAsync("/Review");
        Assert.Contains(project.Code, parentQueue, StringComparison.Ordinal);
        Assert.Contains("主管部门审核（1）", parentQueue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await parentHead.GetAsync($"/Projects/Details/{project.Id}")).StatusCode);
        Assert.DoesNotContain(project.Code, await finance.GetStringAsync("/Review"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(parentHead, project.Id, "Approve", "主管部门同意")).StatusCode);
        Assert.Equal(ReviewStage.Finance, (await ReloadAsync(app, project.Id)).Stage);
        Assert.Contains("财政审核（1）", await finance.GetStringAsync("/Review"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(finance, project.Id, "Approve", "")).StatusCode);

        var approved = await ReloadAsync(app, project.Id);
        Assert.Equal((ProjectStatus.Approved, ReviewStage.None), (approved.Status, approved.Stage));
        Assert.NotNull(approved.ApprovedSnapshot);
        Assert.Equal([ReviewStage.None, ReviewStage.Unit, ReviewStage.Parent, ReviewStage.Finance], approved.History.Select(h => h.Level));
        var details = await head.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.Contains("主管部门同意", details, StringComparison.Ordinal);
        Assert.Contains("财政审核", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_at_the_parent_level_goes_back_to_the_filling_unit_with_the_comment_and_the_level()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 2);
        var (parent, child) = await TreeAsync(app);
        var project = await SubmittedAsync(app, child.Id, year);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, child.Id);
        var parentHead = await app.ClientAsAsync(Roles.DepartmentHead, parent.Id);
        var filler = await app.ClientAsAsync(Roles.Finance, child.Id);
        await DecideAsync(head, project.Id, "Approve", "");

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(parentHead, project.Id, "Return", "效益指标不可衡量")).StatusCode);

        var returned = await ReloadAsync(app, project.Id);
        Assert.Equal(ProjectStatus.Returned, returned.Status);
        Assert.Equal((ReviewStage.Parent, "效益指标不可衡量"), (returned.History[^1].Level, returned.History[^1].Comment));
        var details = await filler.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.Contains("效益指标不可衡量", details, StringComparison.Ordinal);
        Assert.Contains("主管部门审核", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_cannot_decide_at_another_levels_turn_on_the_page_or_in_the_api()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 2);
        var (_, child) = await TreeAsync(app);
        var project = await SubmittedAsync(app, child.Id, year);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, child.Id);
        await DecideAsync(head, project.Id, "Approve", "");

        var page = await head.GetStringAsync($"/Review/Decide/{project.Id}");
        Assert.Contains("正在等待主管部门审核", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"decision-form\"", page, StringComparison.Ordinal);
        var again = await DecideAsync(head, project.Id, "Approve", "");
        Assert.Contains("/Account/AccessDenied", again.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var api = await app.BearerClientAsync(Roles.DepartmentHead, child.Id);
        var response = await api.PostAsJsonAsync($"/api/v1/projects/{project.Id}/approve", new { comment = "" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ReviewStage.Parent, (await ReloadAsync(app, project.Id)).Stage);
    }

    [Fact]
    public async Task Reviewers_outside_the_subtree_never_see_the_project()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 3);
        var (parent, child) = await TreeAsync(app);
        var (otherParent, _) = await TreeAsync(app);
        var project = await SubmittedAsync(app, child.Id, year);

        var otherFinance = await app.ClientAsAsync(Roles.FinanceReviewer, otherParent.Id);
        var otherHead = await app.ClientAsAsync(Roles.DepartmentHead, otherParent.Id);
        var childFinanceStaff = await app.ClientAsAsync(Roles.Finance, parent.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await otherFinance.GetAsync($"/Projects/Details/{project.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync($"/Review/Decide/{project.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await childFinanceStaff.GetAsync($"/Projects/Details/{project.Id}")).StatusCode);

        var scopedFinance = await app.ClientAsAsync(Roles.FinanceReviewer, parent.Id);
        Assert.Equal(HttpStatusCode.OK, (await scopedFinance.GetAsync($"/Projects/Details/{project.Id}")).StatusCode);
        Assert.Contains("/Account/AccessDenied", (await scopedFinance.GetAsync($"/Projects/Edit/{project.Id}")).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_configures_the_chain_per_year_and_decides_along_it()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 1);
        var admin = await app.AdminBearerClientAsync();
        var (parent, child) = await TreeAsync(app);

        var refused = await (await app.BearerClientAsync(Roles.DepartmentHead, child.Id)).PutAsJsonAsync($"/api/v1/years/{year}/review-settings", new { levels = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var invalid = await admin.PutAsJsonAsync($"/api/v1/years/{year}/review-settings", new { levels = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.JsonAsync()).GetProperty("errors").TryGetProperty("levels", out _));
        var unknown = await admin.PutAsJsonAsync($"/api/v1/years/{year}/review-settings", new { levels = 2, disabledChecks = new[] { "nope" } });
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("disabledChecks", out _));

        var saved = await admin.PutAsJsonAsync($"/api/v1/years/{year}/review-settings", new { levels = 2, disabledChecks = new[] { ReviewAssistant.SatisfactionBelow80 } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await saved.JsonAsync();
        Assert.Equal(2, settings.GetProperty("levels").GetInt32());
        Assert.Equal(["Unit", "Parent"], settings.GetProperty("stages").EnumerateArray().Select(s => s.GetString()));
        Assert.False(settings.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("code").GetString() == ReviewAssistant.SatisfactionBelow80).GetProperty("enabled").GetBoolean());

        var project = await SubmittedAsync(app, child.Id, year);
        var head = await app.BearerClientAsync(Roles.DepartmentHead, child.Id);
        var parentHead = await app.BearerClientAsync(Roles.DepartmentHead, parent.Id);
        var forwarded = await (await head.PostAsJsonAsync($"/api/v1/projects/{project.Id}/approve", new { comment = "同意" })).JsonAsync();
        Assert.Equal(("Submitted", "Parent"), (forwarded.GetProperty("status").GetString(), forwarded.GetProperty("stage").GetString()));
        Assert.Equal("Unit", forwarded.GetProperty("history").EnumerateArray().Last().GetProperty("level").GetString());

        var queue = await (await parentHead.GetAsync("/api/v1/review/queue?level=Parent")).JsonAsync();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == project.Id && i.GetProperty("level").GetString() == "Parent");
        Assert.Equal(1, queue.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "Parent").GetProperty("count").GetInt32());
        var detail = await (await parentHead.GetAsync($"/api/v1/projects/{project.Id}")).JsonAsync();
        Assert.Contains("approve", detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        var approved = await (await parentHead.PostAsJsonAsync($"/api/v1/projects/{project.Id}/approve", new { comment = "" })).JsonAsync();
        Assert.Equal(("Approved", "None"), (approved.GetProperty("status").GetString(), approved.GetProperty("stage").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(Roles.Finance, child.Id)).GetAsync("/api/v1/review/queue")).StatusCode);
    }

    [Fact]
    public async Task The_review_assistant_warns_the_filler_lists_for_the_reviewer_and_a_switched_off_check_is_gone()
    {
        var app = await fixture.GetAsync();
        var on = await YearWithChainAsync(app, 1);
        var off = await YearWithChainAsync(app, 1, ReviewAssistant.SatisfactionBelow80);
        var unit = await app.CreateUnitAsync();
        async Task<BudgetProject> WithLowSatisfactionAsync(int year)
        {
            var project = WorkbenchData.SampleProject(unit.Id, ProjectStatus.Draft, year);
            project.SetIndicators([.. project.Indicators.Select(i => new Indicator(i.Level1, i.Level2, i.Name, i.Description, i.Value, i.Basis)), new Indicator("满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥70%", "调查")]);
            project.Submit("x", DateTimeOffset.UtcNow);
            return await app.WithDbAsync(async db =>
            {
                db.Projects.Add(project);
                await db.SaveChangesAsync();
                return project;
            });
        }

        var checkedProject = await WithLowSatisfactionAsync(on);
        var uncheckedProject = await WithLowSatisfactionAsync(off);
        var filler = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);

        Assert.Contains("审核要点提示", await filler.GetStringAsync($"/Projects/Details/{checkedProject.Id}"), StringComparison.Ordinal);
        var checklist = await head.GetStringAsync($"/Review/Decide/{checkedProject.Id}");
        Assert.Contains("审核要点清单", checklist, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{ReviewAssistant.SatisfactionBelow80}\"", checklist, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-code=\"{ReviewAssistant.SatisfactionBelow80}\"", await head.GetStringAsync($"/Review/Decide/{uncheckedProject.Id}"), StringComparison.Ordinal);

        var api = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var points = await (await api.GetAsync($"/api/v1/projects/{checkedProject.Id}/review-points")).JsonAsync();
        Assert.Contains(points.EnumerateArray(), p => p.GetProperty("code").GetString() == ReviewAssistant.SatisfactionBelow80 && p.GetProperty("label").GetString() == "满意度目标低于80%");
        var none = await (await api.GetAsync($"/api/v1/projects/{uncheckedProject.Id}/review-points")).JsonAsync();
        Assert.DoesNotContain(none.EnumerateArray(), p => p.GetProperty("code").GetString() == ReviewAssistant.SatisfactionBelow80);
    }

    [Fact]
    public async Task A_monitoring_entry_climbs_the_chain_from_the_units_head_to_the_parent_units_head_through_the_review_queue()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 2);
        var (parent, child) = await TreeAsync(app);
        var project = await app.WithDbAsync(async db =>
        {
            var approved = WorkbenchData.SampleProject(child.Id, ProjectStatus.Approved, year);
            db.Projects.Add(approved);
            await db.SaveChangesAsync();
            return approved;
        });
        var (round, entry) = await app.WithDbAsync(async db =>
        {
            var round = new Domain.Monitoring.MonitoringRound(year, 6, new DateOnly(year, 7, 15), "admin@test.local", DateTimeOffset.UtcNow);
            db.MonitoringRounds.Add(round);
            await db.SaveChangesAsync();
            var stored = await db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id);
            var entry = new Domain.Monitoring.ProjectMonitoring(round, stored);
            entry.Record(new Domain.Monitoring.MonitoringFunds(2_000_000m, 1_000_000m, 2_000_000m),
                entry.Indicators.ToDictionary(i => i.Order, i => new Domain.Monitoring.MonitoringIndicatorFigures("达成", "达成", Likelihood.Certain, DeviationCause.None, null, null)),
                "finance@test.local", DateTimeOffset.UtcNow);
            entry.Submit(entry.Lights(stored.SpendingPlan, round.EndMonth, EvaluationSettings.National(year)), "finance@test.local", DateTimeOffset.UtcNow);
            db.ProjectMonitorings.Add(entry);
            await db.SaveChangesAsync();
            return (round, entry);
        });
        var head = await app.ClientAsAsync(Roles.DepartmentHead, child.Id);
        var parentHead = await app.ClientAsAsync(Roles.DepartmentHead, parent.Id);
        var path = $"/Monitoring/Entry/{round.Id}/{project.Id}";
        async Task<HttpResponseMessage> ApproveAsync(HttpClient reviewer) =>
            await reviewer.PostAsync(path + "?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await reviewer.GetAntiforgeryTokenAsync("/Account/Logout"),
                ["Decision.Decision"] = "Approve",
            }));

        Assert.Contains(path, await head.GetStringAsync("/Review"), StringComparison.Ordinal);
        Assert.DoesNotContain(path, await parentHead.GetStringAsync("/Review"), StringComparison.Ordinal);
        Assert.Contains("/Account/AccessDenied", (await ApproveAsync(parentHead)).Headers.Location?.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(head)).StatusCode);
        var forwarded = await app.WithDbAsync(db => db.ProjectMonitorings.AsNoTracking().SingleAsync(m => m.Id == entry.Id));
        Assert.Equal((Domain.Monitoring.MonitoringStatus.Submitted, ReviewStage.Parent), (forwarded.Status, forwarded.Stage));
        Assert.Contains(path, await parentHead.GetStringAsync("/Review"), StringComparison.Ordinal);
        Assert.DoesNotContain(path, await head.GetStringAsync("/Review"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(parentHead)).StatusCode);
        var approved = await app.WithDbAsync(db => db.ProjectMonitorings.AsNoTracking().SingleAsync(m => m.Id == entry.Id));
        Assert.Equal(Domain.Monitoring.MonitoringStatus.Approved, approved.Status);
        Assert.Equal([ReviewStage.None, ReviewStage.Unit, ReviewStage.Parent], approved.History.Select(h => h.Level));
    }

    [Fact]
    public async Task The_admin_sets_a_years_levels_and_checks_on_its_page()
    {
        var app = await fixture.GetAsync();
        var year = await YearWithChainAsync(app, 1);
        var admin = await app.ClientAsAsync(Roles.Admin, null);
        var path = $"/Admin/ReviewSettings?year={year}";
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await admin.GetAntiforgeryTokenAsync(path)),
            new("Levels", "3"),
        };
        form.AddRange(ReviewAssistant.Checks.Where(c => c.Code != ReviewAssistant.CopiedFromLastYear).Select(c => new KeyValuePair<string, string>("Enabled", c.Code)));

        var saved = await admin.PostAsync(path, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.FiscalYears.AsNoTracking().SingleAsync(y => y.Year == year));
        Assert.Equal((3, ReviewAssistant.CopiedFromLastYear), (stored.ReviewLevels, stored.DisabledReviewChecks));
        Assert.Contains("3 级审核", await admin.GetStringAsync("/Admin/FiscalYears"), StringComparison.Ordinal);
        Assert.Contains("/Account/AccessDenied", (await (await app.ClientAsAsync(Roles.DepartmentHead, null)).GetAsync(path)).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class SqliteReviewChainTests(SqliteAppFixture fixture) : ReviewChainTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReviewChainTests(PostgresAppFixture fixture) : ReviewChainTests(fixture), IClassFixture<PostgresAppFixture>;
