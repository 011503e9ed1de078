using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Projects;

/// <summary>
/// A project as an import of another province leaves it (provisional code, medium-term goal, extra fields, indicator
/// columns): the form and the API clear the provisional flag only when the code is changed, and keep the rest; the goal
/// table page and its .docx show the kept fields, and a split that is unknown as 未知, never 0.
/// </summary>
public abstract class ImportedProjectEditTests(AppFixture fixture)
{
    private static async Task<BudgetProject> CreateImportedAsync(AppFactory app, int unitId, bool splitUnknown = false)
    {
        var project = WorkbenchData.SampleProject(unitId);
        if (splitUnknown)
        {
            project.SetBasics(project.Code, project.Name, 2_000_000m, 0m, 0m, project.Purpose, "元", fundsSplitUnknown: true);
        }

        project.SetImportDetails(true, "三年内覆盖全部社区", """[{"label":"主管部门","value":"某市民政局"},{"label":"实施单位","value":"某市养老服务中心"}]""");
        project.Indicators[0].ExtraFields = """[{"label":"指标性质","value":"≥"},{"label":"度量单位","value":"%"},{"label":"分值","value":"20"}]""";
        return await app.WithDbAsync(async db =>
        {
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project;
        });
    }

    private static Dictionary<string, string> FormOf(BudgetProject project, string token, string code)
    {
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = code,
            ["Input.Name"] = project.Name,
            ["Input.Budget"] = "2000000",
            ["Input.FiscalFunds"] = "2000000",
            ["Input.OtherFunds"] = "0",
            ["Input.Purpose"] = project.Purpose,
            ["Input.Version"] = project.Version.ToString(),
        };
        var plan = project.SpendingPlan.OrderBy(c => c.Month).ToList();
        for (var k = 0; k < plan.Count; k++)
        {
            form[$"Input.Plan[{k}]"] = plan[k].CumulativePercent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var goals = project.Goals.OrderBy(g => g.Order).ToList();
        for (var k = 0; k < goals.Count; k++)
        {
            form[$"Input.Goals[{k}]"] = goals[k].Text;
        }

        var indicators = project.Indicators.OrderBy(i => i.Order).ToList();
        for (var k = 0; k < indicators.Count; k++)
        {
            form[$"Input.Indicators[{k}].Level1"] = indicators[k].Level1;
            form[$"Input.Indicators[{k}].Level2"] = indicators[k].Level2;
            form[$"Input.Indicators[{k}].Name"] = indicators[k].Name;
            form[$"Input.Indicators[{k}].Description"] = indicators[k].Description;
            form[$"Input.Indicators[{k}].Value"] = indicators[k].Value;
            form[$"Input.Indicators[{k}].Basis"] = indicators[k].Basis;
        }

        return form;
    }

    [Fact]
    public async Task The_form_keeping_the_provisional_code_leaves_it_provisional_and_keeps_the_kept_fields()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await CreateImportedAsync(app, unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = await finance.GetAntiforgeryTokenAsync($"/Projects/Edit/{project.Id}");
        var form = FormOf(project, token, project.Code);
        form["Input.Purpose"] = "改过的资金用途";

        var response = await finance.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id));
        Assert.Equal(("改过的资金用途", true, "三年内覆盖全部社区"), (saved.Purpose, saved.CodeProvisional, saved.MediumTermGoal));
        Assert.Contains("某市民政局", saved.ExtraFields, StringComparison.Ordinal);
        Assert.Contains("指标性质", saved.Indicators.Single(i => i.Order == 1).ExtraFields, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_changing_the_provisional_code_to_a_real_one_clears_the_flag()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await CreateImportedAsync(app, unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var token = await finance.GetAntiforgeryTokenAsync($"/Projects/Edit/{project.Id}");
        var real = "R" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

        var response = await finance.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(FormOf(project, token, real)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Id == project.Id));
        Assert.Equal((real, false), (saved.Code, saved.CodeProvisional));
        Assert.Contains("某市民政局", saved.ExtraFields, StringComparison.Ordinal);
        var page = await finance.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.DoesNotContain("code-provisional", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_clears_the_flag_only_when_the_code_changes()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await CreateImportedAsync(app, unit.Id);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var read = await (await finance.GetAsync($"/api/v1/projects/{project.Id}")).JsonAsync();
        Assert.True(read.GetProperty("project").GetProperty("codeProvisional").GetBoolean());

        var same = ApiClients.ProjectBody(project.Code);
        same["version"] = read.GetProperty("version").GetGuid();
        var kept = await finance.PutAsJsonAsync($"/api/v1/projects/{project.Id}", same);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var keptBody = await kept.JsonAsync();
        Assert.True(keptBody.GetProperty("project").GetProperty("codeProvisional").GetBoolean());

        var real = "R" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var changed = ApiClients.ProjectBody(real);
        changed["version"] = keptBody.GetProperty("version").GetGuid();
        var renamed = await finance.PutAsJsonAsync($"/api/v1/projects/{project.Id}", changed);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var renamedBody = await renamed.JsonAsync();
        Assert.Equal(real, renamedBody.GetProperty("project").GetProperty("code").GetString());
        Assert.False(renamedBody.GetProperty("project").TryGetProperty("codeProvisional", out _));
        Assert.False(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.CodeProvisional).SingleAsync()));
    }

    [Fact]
    public async Task The_goal_table_page_and_its_docx_show_the_kept_fields_and_an_unknown_split_as_unknown()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await CreateImportedAsync(app, unit.Id, splitUnknown: true);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);

        var page = await finance.GetStringAsync($"/GoalTables/Show/{project.Id}");
        Assert.Contains("项目编码（临时）", page, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(page, "data-split=\"unknown\">未知</td>"));
        Assert.Contains("实施期绩效目标", page, StringComparison.Ordinal);
        Assert.Contains("三年内覆盖全部社区", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">主管部门</th>", page, StringComparison.Ordinal);
        Assert.Contains("某市养老服务中心", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"extra-column\">指标性质</th>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"extra-column\">分值</th>", page, StringComparison.Ordinal);

        var list = await finance.GetStringAsync($"/?year={WorkbenchData.Year}");
        Assert.Contains("split-unknown-note", list, StringComparison.Ordinal);

        var docx = await finance.GetByteArrayAsync($"/GoalTables/Show/{project.Id}?handler=Docx");
        var read = PlanDocuments.ReadDocx(docx, "t.docx", WorkbenchData.Year);
        Assert.Empty(read.Errors);
        var p = read.Document!.Units[0].Projects[0];
        Assert.Equal((true, true, 2_000_000m, "三年内覆盖全部社区"), (p.CodeProvisional, p.FundsSplitUnknown, p.Budget, p.MediumTermGoal));
        Assert.Equal(["主管部门=某市民政局", "实施单位=某市养老服务中心"], p.Extra!.Select(e => e.Label + "=" + e.Value));
        Assert.Equal(["指标性质=≥", "度量单位=%", "分值=20"], p.Indicators.Single(i => i.Name == "购置率").Extra!.Select(e => e.Label + "=" + e.Value));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

public sealed class SqliteImportedProjectEditTests(SqliteAppFixture fixture) : ImportedProjectEditTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresImportedProjectEditTests(PostgresAppFixture fixture) : ImportedProjectEditTests(fixture), IClassFixture<PostgresAppFixture>;
