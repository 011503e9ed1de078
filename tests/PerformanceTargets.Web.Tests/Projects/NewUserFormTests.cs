using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Projects;

/// <summary>
/// Issue 16 items 1–4: goals typed with their number show it once (page, print, .docx); every typed value is kept and a
/// value that is not a number names its field; the live 财政资金 + 其他资金 sum; amounts shown as 480,000.00.
/// </summary>
public abstract partial class NewUserFormTests(AppFixture fixture)
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [Fact]
    public async Task Goals_typed_with_their_number_show_it_once_on_the_page_in_print_and_in_the_docx()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("编号目标项目", await finance.GetAntiforgeryTokenAsync(path));
        fields["Input.Goals[0]"] = "1.开展业务培训，提升能力。";
        fields["Input.Goals[1]"] = "2、提高服务满意度。";

        var saved = await finance.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var project = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Code == fields["Input.Code"]));
        Assert.Equal(["开展业务培训，提升能力。", "提高服务满意度。"], project.Goals.OrderBy(g => g.Order).Select(g => g.Text));

        var page = await finance.GetStringAsync($"/Projects/Details/{project.Id}");
        Assert.Contains("<div>1.开展业务培训，提升能力。</div>", page, StringComparison.Ordinal);
        Assert.Contains("<div>2.提高服务满意度。</div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2.2", page, StringComparison.Ordinal);

        var print = await finance.GetStringAsync($"/GoalTables/Show/{project.Id}");
        Assert.Contains("1.开展业务培训，提升能力。", print, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.开展", print, StringComparison.Ordinal);

        var docx = await finance.GetByteArrayAsync($"/GoalTables/Show/{project.Id}?handler=Docx");
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var text = Tag().Replace(await reader.ReadToEndAsync(), string.Empty);
        Assert.Contains("1.开展业务培训，提升能力。", text, StringComparison.Ordinal);
        Assert.Contains("2.提高服务满意度。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.开展", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_a_number_keeps_every_typed_value_and_names_its_field()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var form = await finance.GetStringAsync(path);
        var fields = ProjectForms.Valid("输错的项目", HttpForms.ExtractAntiforgeryToken(form)!).ToList();
        fields.RemoveAll(f => f.Key.StartsWith("Input.Plan", StringComparison.Ordinal) || f.Key == "Input.Budget");
        string[] plan = ["20", "abc", "80", "100"];
        for (var k = 0; k < plan.Length; k++)
        {
            fields.Add(new($"Input.Plan[{k}]", plan[k]));
        }

        fields.Add(new("Input.Budget", "abc"));

        var response = await finance.PostAsync(path, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        for (var k = 0; k < plan.Length; k++)
        {
            Assert.Matches($"name=\"Input.Plan\\[{k}\\]\" type=\"text\" inputmode=\"decimal\" value=\"{plan[k]}\"", html);
        }

        Assert.Contains("6月底累计支出比例：“abc”不是有效的数字。", html, StringComparison.Ordinal);
        Assert.Contains("预算数：“abc”不是有效的数字。", html, StringComparison.Ordinal);
        Assert.Equal("预算数：“abc”不是有效的数字。", Regex.Match(html, "<span[^>]*data-valmsg-for=\"Input.Budget\"[^>]*>(?<m>[^<]*)</span>").Groups["m"].Value);
        Assert.DoesNotContain(">“abc”不是有效的值。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"abc\" data-amount", html, StringComparison.Ordinal);
        Assert.Contains("value=\"输错的项目\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Name == "输错的项目" && p.UnitId == unit.Id)));
    }

    [Fact]
    public async Task The_form_shows_the_sum_of_the_funds_beside_the_budget_and_says_when_it_differs()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var project = await app.CreateProjectAsync(unit.Id);

        var form = await finance.GetStringAsync($"/Projects/Edit/{project.Id}");
        Assert.Contains("财政资金 + 其他资金 = <output for=\"Input_FiscalFunds Input_OtherFunds\">2,000,000.00</output> 元<span class=\"funds-mismatch\" hidden=\"hidden\">", form, StringComparison.Ordinal);
        Assert.Contains("/js/funds-sum.js", form, StringComparison.Ordinal);

        var path = $"/Projects/Edit?year={WorkbenchData.Year}";
        var fields = ProjectForms.Valid("资金不平", await finance.GetAntiforgeryTokenAsync(path));
        fields["Input.OtherFunds"] = "400000";
        var refused = await (await finance.PostAsync(path, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();
        Assert.Contains("<output for=\"Input_FiscalFunds Input_OtherFunds\">1,400,000.00</output> 元<span class=\"funds-mismatch\">，与预算数不一致", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_amounts_come_back_with_thousands_separators_and_two_decimals()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.Id);
            stored.RecordExecution(480000.0m, [new SpendingActual(3, 120000.5m)]);
            return await db.SaveChangesAsync();
        });

        var page = await finance.GetStringAsync($"/YearEnd/Edit/{project.Id}");
        Assert.Matches("id=\"Input_Executed\"[^>]*value=\"480,000.00\"", page);
        Assert.Contains("value=\"120,000.50\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("480000.0", page, StringComparison.Ordinal);

        var form = await finance.GetStringAsync($"/Projects/Edit?year={WorkbenchData.Year}");
        var token = HttpForms.ExtractAntiforgeryToken(form)!;
        var post = await finance.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Executed"] = "480,000.00",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(480000m, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }
}

public sealed class SqliteNewUserFormTests(SqliteAppFixture fixture) : NewUserFormTests(fixture), IClassFixture<SqliteAppFixture>;
