using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>
/// Two people edit the same project in two browsers: both open the form, both save. The first save lands; the second
/// gets the conflict message with the fields that differ, and the stored project stays the first writer's.
/// </summary>
public abstract partial class ConcurrentEditTests(AppFixture fixture)
{
    [Fact]
    public async Task The_second_save_gets_a_conflict_listing_the_differences_and_nothing_is_overwritten()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var alice = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var bob = await app.ClientAsAsync(Roles.Finance, unit.Id);

        // Both open the form.
        var aliceForm = await FormOf(alice, project.Id);
        var bobForm = await FormOf(bob, project.Id);
        Assert.Equal(aliceForm["Input.Version"], bobForm["Input.Version"]);

        // Alice renames and changes an indicator value; her save lands.
        aliceForm["Input.Name"] = "甲修改的名称";
        aliceForm["Input.Indicators[0].Value"] = "≥95百分比";
        var first = await alice.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(aliceForm));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // Bob, still on the old version, changes the purpose and the budget split.
        bobForm["Input.Purpose"] = "乙填写的用途";
        var second = await bob.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(bobForm));
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("已被他人修改，您的修改尚未保存", html, StringComparison.Ordinal);
        var fields = ConflictField().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["项目名称", "资金用途", "第 1 行绩效指标"], fields);
        Assert.Contains("甲修改的名称", html, StringComparison.Ordinal);
        Assert.Contains("乙填写的用途", html, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Projects.Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id));
        Assert.Equal("甲修改的名称", stored.Name);
        Assert.Equal("用于开发区日常综合办公及业务支出", stored.Purpose);
        Assert.Equal("≥95百分比", stored.Indicators.OrderBy(i => i.Order).First().Value);

        // Having read the differences, Bob saves again on purpose: the form now carries the stored version.
        var resubmit = ParseForm(html);
        Assert.Equal(stored.Version.ToString(), resubmit["Input.Version"]);
        var third = await bob.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(resubmit));
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal("乙填写的用途", await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Purpose).SingleAsync()));
    }

    [Fact]
    public async Task Two_saves_racing_in_parallel_never_both_land()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var clients = new[] { await app.ClientAsAsync(Roles.Finance, unit.Id), await app.ClientAsAsync(Roles.Finance, unit.Id) };
        var forms = new List<Dictionary<string, string>>();
        foreach (var client in clients)
        {
            forms.Add(await FormOf(client, project.Id));
        }

        forms[0]["Input.Name"] = "并发甲";
        forms[1]["Input.Name"] = "并发乙";
        var responses = await Task.WhenAll(clients.Select((c, k) => c.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(forms[k]))));

        var saved = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, saved);
        var winner = responses[0].StatusCode == HttpStatusCode.Redirect ? "并发甲" : "并发乙";
        Assert.Equal(winner, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync()));
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        var loserBody = await loser.Content.ReadAsStringAsync();
        Assert.True(loserBody.Contains("已被他人修改", StringComparison.Ordinal), $"{(int)loser.StatusCode}: {loserBody}");
    }

    /// <summary>The form's fields as the browser would post them (inputs, selects, textareas).</summary>
    private static async Task<Dictionary<string, string>> FormOf(HttpClient client, int id)
    {
        var html = await client.GetStringAsync($"/Projects/Edit/{id}");
        return ParseForm(html);
    }

    private static Dictionary<string, string> ParseForm(string html)
    {
        var form = html[html.IndexOf("<form method=\"post\" id=\"project-form\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        form = Regex.Replace(form, "<template.*?</template>", string.Empty, RegexOptions.Singleline);
        var fields = new Dictionary<string, string>();
        foreach (Match m in InputTag().Matches(form))
        {
            var tag = m.Value;
            var name = Attr(tag, "name");
            if (name is null || Attr(tag, "type") is "submit" or "button" || (Attr(tag, "type") == "checkbox" && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields[name] = Attr(tag, "value") ?? string.Empty;
        }

        foreach (Match m in TextArea().Matches(form))
        {
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = WebUtility.HtmlDecode(m.Groups[2].Value.TrimStart('\n').TrimStart('\r'));
        }

        foreach (Match m in Select().Matches(form))
        {
            var options = OptionTag().Matches(m.Groups[2].Value).Select(o => o.Value).ToList();
            var selected = options.FirstOrDefault(o => Regex.IsMatch(o, "\\sselected\\b")) ?? options.FirstOrDefault();
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = selected is null ? string.Empty : Attr(selected, "value") ?? string.Empty;
        }

        return fields;
    }

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<select\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex OptionTag();

    [GeneratedRegex("<tr data-field=\"([^\"]+)\">")]
    private static partial Regex ConflictField();
}

public sealed class SqliteConcurrentEditTests(SqliteAppFixture fixture) : ConcurrentEditTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresConcurrentEditTests(PostgresAppFixture fixture) : ConcurrentEditTests(fixture), IClassFixture<PostgresAppFixture>;
