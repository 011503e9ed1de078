using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Review;

/// <summary>Department heads return with a comment or approve; every step shows in the history; approval keeps a snapshot.</summary>
public abstract class ReviewWorkflowTests(AppFixture fixture)
{
    private static async Task<HttpResponseMessage> DecideAsync(HttpClient head, int id, string decision, string comment)
    {
        var token = await head.GetAntiforgeryTokenAsync($"/Review/Decide/{id}");
        return await head.PostAsync($"/Review/Decide/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Decision"] = decision,
            ["Input.Comment"] = comment,
        }));
    }

    [Fact]
    public async Task A_return_without_a_comment_is_refused()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);

        var response = await DecideAsync(head, project.Id, "Return", "  ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("退回时必须填写退回原因", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Submitted, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_queue_shows_the_units_submitted_projects_and_a_return_then_approval_are_recorded()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var draft = await app.CreateProjectAsync(unit.Id);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var queue = await head.GetStringAsync("/Review");
        Assert.Contains(project.Code, queue, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Code, queue, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(head, project.Id, "Return", "请细化数量指标")).StatusCode);
        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync($"/Projects/Details/{project.Id}"))!;
        var resubmit = await finance.PostAsync($"/Projects/Details/{project.Id}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(head, project.Id, "Approve", "同意")).StatusCode);

        var saved = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Id == project.Id));
        Assert.Equal(ProjectStatus.Approved, saved.Status);
        Assert.Contains(project.Code, saved.ApprovedSnapshot, StringComparison.Ordinal);
        Assert.Contains("购置率", saved.ApprovedSnapshot, StringComparison.Ordinal);
        Assert.Equal(
            [(ProjectStatus.Draft, ProjectStatus.Submitted), (ProjectStatus.Submitted, ProjectStatus.Returned), (ProjectStatus.Returned, ProjectStatus.Submitted), (ProjectStatus.Submitted, ProjectStatus.Approved)],
            saved.History.Select(h => (h.From, h.To)));
        var details = await finance.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.Contains("请细化数量指标", details, StringComparison.Ordinal);
        Assert.Contains("已提交 → 已退回", details, StringComparison.Ordinal);
        Assert.Contains("已提交 → 已审核", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_adjustment_needs_a_reason_and_reopens_the_approved_project_as_a_draft()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Details/{project.Id}";

        var empty = await finance.PostAsync(path + "?handler=Adjust", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await finance.GetAntiforgeryTokenAsync(path),
            ["Adjust.Reason"] = "",
        }));
        Assert.Contains("请填写调整原因", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var adjusted = await finance.PostAsync(path + "?handler=Adjust", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await finance.GetAntiforgeryTokenAsync(path),
            ["Adjust.Reason"] = "预算调减",
        }));
        Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);
        var saved = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Id == project.Id));
        Assert.Equal(ProjectStatus.Draft, saved.Status);
        Assert.Equal("预算调减", saved.History[^1].Comment);
        Assert.NotNull(saved.ApprovedSnapshot);
    }
}

public sealed class SqliteReviewWorkflowTests(SqliteAppFixture fixture) : ReviewWorkflowTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReviewWorkflowTests(PostgresAppFixture fixture) : ReviewWorkflowTests(fixture), IClassFixture<PostgresAppFixture>;
