using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>The server enforces who may do what (ProjectAccess), whatever buttons a page shows.</summary>
public abstract class ProjectAccessEnforcementTests(AppFixture fixture)
{
    private const string AccessDenied = "/Account/AccessDenied";

    private async Task<ProjectStatus> StatusOfAsync(AppFactory app, int id) =>
        await app.WithDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());

    [Theory]
    [InlineData("/Projects/Details/{0}")]
    [InlineData("/Projects/Edit/{0}")]
    [InlineData("/GoalTables/Show/{0}")]
    [InlineData("/GoalTables/Show/{0}?handler=Docx")]
    public async Task Finance_of_another_unit_gets_404_for_a_project(string path)
    {
        var app = await fixture.GetAsync();
        var unitA = await app.CreateUnitAsync();
        var unitB = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unitB.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unitA.Id);

        var response = await finance.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, project.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Finance_of_another_unit_gets_404_when_posting_a_submit_and_nothing_changes()
    {
        var app = await fixture.GetAsync();
        var unitA = await app.CreateUnitAsync();
        var unitB = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unitB.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unitA.Id);
        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync("/Account/Logout"))!;

        var response = await finance.PostAsync($"/Projects/Details/{project.Id}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));
    }

    [Fact]
    public async Task A_department_head_of_another_unit_gets_404_on_the_review_page()
    {
        var app = await fixture.GetAsync();
        var unitA = await app.CreateUnitAsync();
        var unitB = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unitB.Id, ProjectStatus.Submitted);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unitA.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/Review/Decide/{project.Id}")).StatusCode);
        Assert.DoesNotContain(project.Code, await head.GetStringAsync("/Review"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_reads_every_unit_but_a_submit_post_is_refused()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var details = await auditor.GetAsync($"/Projects/Details/{project.Id}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var html = await details.Content.ReadAsStringAsync();
        Assert.Contains(project.Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("提交审核", html, StringComparison.Ordinal);

        var token = HttpForms.ExtractAntiforgeryToken(html) ?? HttpForms.ExtractAntiforgeryToken(await auditor.GetStringAsync("/Account/Logout"))!;
        var submit = await auditor.PostAsync($"/Projects/Details/{project.Id}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Contains(AccessDenied, submit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));
    }

    [Theory]
    [InlineData("/Projects/Edit/{0}")]
    [InlineData("/Projects/Edit?unit={1}")]
    [InlineData("/UnitPlans/Edit?unit={1}")]
    [InlineData("/Projects/Copy?unit={1}")]
    [InlineData("/Review/Decide/{0}")]
    public async Task An_auditor_cannot_open_any_writing_page(string path)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var auditor = await app.ClientAsAsync(Roles.Auditor, null);

        var response = await auditor.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, project.Id, unit.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(AccessDenied, response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_cannot_approve_its_own_units_project()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync("/Account/Logout"))!;

        var response = await finance.PostAsync($"/Review/Decide/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Decision"] = "Approve",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(AccessDenied, response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Submitted, await StatusOfAsync(app, project.Id));
    }

    [Fact]
    public async Task A_department_head_cannot_edit_or_submit()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var html = await head.GetStringAsync($"/Projects/Details/{project.Id}");
        var token = HttpForms.ExtractAntiforgeryToken(html) ?? HttpForms.ExtractAntiforgeryToken(await head.GetStringAsync("/Account/Logout"))!;

        var edit = await head.GetAsync($"/Projects/Edit/{project.Id}");
        var submit = await head.PostAsync($"/Projects/Details/{project.Id}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Contains(AccessDenied, edit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains(AccessDenied, submit.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Draft, await StatusOfAsync(app, project.Id));
    }

    [Fact]
    public async Task An_approved_project_cannot_be_edited_even_by_a_direct_post()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var get = await finance.GetAsync($"/Projects/Edit/{project.Id}");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal($"/Projects/Details/{project.Id}", get.Headers.Location?.OriginalString);

        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync($"/Projects/Details/{project.Id}"))!;
        var post = await finance.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(ProjectForms.Valid("改过的名称", token)));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("不能修改", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var name = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync());
        Assert.Equal("综合政务管理业务费", name);
    }
}

public sealed class SqliteProjectAccessEnforcementTests(SqliteAppFixture fixture) : ProjectAccessEnforcementTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresProjectAccessEnforcementTests(PostgresAppFixture fixture) : ProjectAccessEnforcementTests(fixture), IClassFixture<PostgresAppFixture>;
