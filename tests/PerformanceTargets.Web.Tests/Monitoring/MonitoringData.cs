using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Monitoring;

/// <summary>Rounds and entry forms for the monitoring tests. Each test opens its own round (one per year and period).</summary>
internal static class MonitoringData
{
    public static async Task<MonitoringRound> CreateRoundAsync(this AppFactory app, int endMonth, int year = WorkbenchData.Year) =>
        await app.WithDbAsync(async db =>
        {
            var round = new MonitoringRound(year, endMonth, new DateOnly(year, 12, 31), "admin@test.local", DateTimeOffset.UtcNow);
            db.MonitoringRounds.Add(round);
            await db.SaveChangesAsync();
            return round;
        });

    /// <summary>
    /// The sample project's entry form at 6月 (budget 2,000,000, plan 25/50/75/100; rows 购置率 ≥90百分比, 完成率 ≥90百分比,
    /// 及时性, 提供优质服务, 满意度 ≥95%): executed 1,000,000 (green) and every row on track, except what <paramref name="row1"/> says.
    /// </summary>
    public static List<KeyValuePair<string, string>> EntryForm(string row1Completed = "45%", string row1Likelihood = "Certain", string[]? row1Causes = null, string? row1Note = null, string? row1Measures = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.AnnualBudget", "2000000"),
            new("Input.ExecutedToDate", "1000000"),
            new("Input.ExpectedFullYear", "2000000"),
        };
        string[] completed = [row1Completed, "45%", "达成", "达成", "95%"];
        for (var k = 0; k < completed.Length; k++)
        {
            form.Add(new($"Input.Rows[{k}].Order", (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            form.Add(new($"Input.Rows[{k}].CompletedToDate", completed[k]));
            form.Add(new($"Input.Rows[{k}].ExpectedFullYear", k == 0 ? "90%" : completed[k]));
            form.Add(new($"Input.Rows[{k}].Likelihood", k == 0 ? row1Likelihood : "Certain"));
        }

        foreach (var cause in row1Causes ?? [])
        {
            form.Add(new("Input.Rows[0].Causes", cause));
        }

        form.Add(new("Input.Rows[0].DeviationNote", row1Note ?? string.Empty));
        form.Add(new("Input.Rows[0].CorrectiveMeasures", row1Measures ?? string.Empty));
        return form;
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string pagePath, IEnumerable<KeyValuePair<string, string>> fields, string? postPath = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(pagePath);
        return await client.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    public static async Task<ProjectMonitoring?> EntryAsync(this AppFactory app, int roundId, int projectId) =>
        await app.WithDbAsync(db => db.ProjectMonitorings.AsNoTracking().FirstOrDefaultAsync(m => m.RoundId == roundId && m.ProjectId == projectId));

    public static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Headers.Location} {(response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : string.Empty)}";
}
