using System.Text.Json;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Tests;

/// <summary>The JSON contract: names, readable Chinese, decimal numbers, derived targets and warnings.</summary>
public class JsonFormatTests
{
    private static readonly InterchangeDocument Seed = TestFiles.ImportSeed();
    private static readonly string Json = PlanDocuments.WriteJson(Seed);

    [Fact]
    public void Chinese_is_written_readably_not_escaped()
    {
        Assert.Contains("\"name\": \"秦皇岛市山海关区临港经济开发区发展中心本级\"", Json, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"≥90百分比\"", Json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_and_percents_are_json_numbers_with_their_written_decimals()
    {
        Assert.Contains("\"budget\": 34760000.00,", Json, StringComparison.Ordinal);
        Assert.Contains("\"otherFunds\": 0,", Json, StringComparison.Ordinal);
        Assert.Contains("\"cumulativePercent\": 25.00", Json, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(Json);
        var project = parsed.RootElement.GetProperty("units")[0].GetProperty("projects")[3];
        Assert.Equal(JsonValueKind.Number, project.GetProperty("budget").ValueKind);
        Assert.Equal(34760000.00m, project.GetProperty("budget").GetDecimal());
    }

    [Fact]
    public void The_contract_names_are_exactly_those_documented()
    {
        using var parsed = JsonDocument.Parse(Json);
        var root = parsed.RootElement;
        Assert.Equal(["year", "units"], root.EnumerateObject().Select(p => p.Name));
        var unit = root.GetProperty("units")[0];
        Assert.Equal(["code", "name", "overallGoal", "annualTargets", "guaranteeMeasures", "subGoals", "projects"], unit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["area", "areaHeading", "activity", "activityHeading", "goal", "indicator", "standard", "bands"],
            unit.GetProperty("subGoals")[0].EnumerateObject().Select(p => p.Name));
        var project = unit.GetProperty("projects")[0];
        Assert.Equal(
            ["code", "name", "budget", "fiscalFunds", "otherFunds", "amountUnit", "purpose", "status", "spendingPlan", "goals", "indicators", "warnings"],
            project.EnumerateObject().Select(p => p.Name));
        var indicator = project.GetProperty("indicators")[0];
        Assert.Equal(["level1", "level2", "name", "description", "value", "basis", "target", "warnings"], indicator.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            """{"kind":"quantitative","comparator":"\u003E=","writtenComparator":"\u003E=","number":90,"unit":"%"}""",
            JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(indicator.GetProperty("target").GetRawText())));
    }

    [Fact]
    public void Quality_warnings_of_the_rules_engine_are_carried_as_codes()
    {
        var project = Seed.Units[0].Projects[1];
        Assert.Contains("undecided-value", project.Indicators[3].Warnings);   // 是/否
        Assert.Contains("vague-value", project.Indicators[5].Warnings);       // 进一步推动
        Assert.Contains("\"warnings\": [\n", Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_fields_in_an_incoming_file_are_recomputed_not_trusted()
    {
        var tampered = Json.Replace("\"kind\": \"quantitative\"", "\"kind\": \"bogus\"", StringComparison.Ordinal);
        var again = TestFiles.Succeed(PlanDocuments.ReadJson(tampered, "t.json"));
        Assert.Equal("quantitative", again.Units[0].Projects[0].Indicators[0].Target!.Kind);
    }

    [Fact]
    public void Bands_given_in_json_must_be_a_valid_set()
    {
        var bad = Json.Replace("\"min\": 80", "\"min\": 95", StringComparison.Ordinal);
        var errors = TestFiles.Fail(PlanDocuments.ReadJson(bad, "b.json"));
        Assert.Equal(6, errors.Count);
        Assert.All(errors, e => Assert.Matches(@"^\$\.units\[0\]\.subGoals\[\d\]\.bands$", e.Field!));
    }

    [Fact]
    public void A_json_file_for_another_year_is_refused_by_the_upload_entry()
    {
        var error = Assert.Single(TestFiles.Fail(PlanDocuments.Read(System.Text.Encoding.UTF8.GetBytes(Json), "seed.json", 2022)));
        Assert.Contains("与导入的年度 2022 不一致", error.Message, StringComparison.Ordinal);
    }
}
