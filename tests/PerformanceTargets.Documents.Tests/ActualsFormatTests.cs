using System.Text;
using PerformanceTargets.Documents.Actuals;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// The year-end actuals files (docs/formats.md §7 and §8), read without a host: the actuals JSON with its paths in every
/// error, and the 自评表 workbook as the app writes it and a unit fills it in; <see cref="ImportKinds"/> tells them from goal documents.
/// </summary>
public class ActualsFormatTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_actuals_json_is_read_with_every_part()
    {
        var (document, errors) = ActualsDocument.Read("actuals.json", Utf8("""
            { "year": 2021,
              "projects": [ { "code": "P1", "executed": 90000.5, "spending": [ { "month": 6, "spent": 40000 } ],
                              "indicators": [ { "name": "培训人数", "actual": 95 }, { "name": "营商环境", "actual": " 达成 ", "score": 8.5, "deviationReason": "无" } ] } ],
              "subGoals": [ { "unitCode": "U1", "indicator": "运转率", "completionRate": 96.5 } ] }
            """));
        Assert.Empty(errors);
        Assert.Equal(2021, document!.Year);
        var project = Assert.Single(document.Projects);
        Assert.Equal(("P1", true, 90000.5m), (project.Code, project.HasExecuted, project.Executed));
        Assert.Equal((6, 40000m), (project.Spending![0].Month, project.Spending[0].Spent));
        Assert.Equal(["95", "达成"], project.Indicators.Select(i => i.Actual));
        Assert.Equal(8.5m, project.Indicators[1].Score);
        Assert.Equal(96.5m, Assert.Single(document.SubGoals).CompletionRate);
    }

    [Theory]
    [InlineData("""{ "year": 1999, "projects": [] }""", "$.year")]
    [InlineData("""{ "year": 2021, "projects": [ { "executed": 1 } ] }""", "$.projects[0].code")]
    [InlineData("""{ "year": 2021, "projects": [ { "code": "P1", "executed": "many" } ] }""", "executed")]
    [InlineData("""{ "year": 2021, "projects": [ { "code": "P1", "spending": [ { "month": 6.5, "spent": 1 } ] } ] }""", "$.projects[0].spending[0]")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""{ "year": """, "第")]
    public void A_broken_actuals_json_is_refused_with_where(string json, string where)
    {
        var (document, errors) = ActualsJson.Read(Utf8(json), "a.json");
        Assert.Null(document);
        Assert.Contains(errors, e => e.Location.StartsWith("a.json", StringComparison.Ordinal) && e.Location.Contains(where, StringComparison.Ordinal));
    }

    [Fact]
    public void The_workbook_the_app_writes_reads_back_as_a_unit_filled_it()
    {
        using var output = new MemoryStream();
        ActualsWorkbook.Write(output, 2021,
            [new() { [ActualsWorkbook.UnitCode] = "U1", [ActualsWorkbook.UnitName] = "单位", [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目", [ActualsWorkbook.Budget] = 100000m, [ActualsWorkbook.Executed] = 90000m }],
            [new() { [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目", [ActualsWorkbook.Month] = 6, [ActualsWorkbook.PlannedPercent] = 50m, [ActualsWorkbook.Spent] = 40000m }],
            [
                new() { [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目", [ActualsWorkbook.Level1] = "产出指标", [ActualsWorkbook.Level2] = "数量指标", [ActualsWorkbook.Level3] = "培训人数", [ActualsWorkbook.Value] = "≥90%", [ActualsWorkbook.MeasureUnit] = ActualsWorkbook.UnitOf("≥90%"), [ActualsWorkbook.Actual] = 85m, [ActualsWorkbook.Score] = null, [ActualsWorkbook.Reason] = "天气" },
                new() { [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目", [ActualsWorkbook.Level1] = "效益指标", [ActualsWorkbook.Level2] = "社会效益指标", [ActualsWorkbook.Level3] = "营商环境", [ActualsWorkbook.Value] = "持续改善", [ActualsWorkbook.MeasureUnit] = ActualsWorkbook.UnitOf("持续改善"), [ActualsWorkbook.Actual] = "部分达成", [ActualsWorkbook.Score] = 6m, [ActualsWorkbook.Reason] = null },
            ],
            [new() { [ActualsWorkbook.UnitCode] = "U1", [ActualsWorkbook.SubGoalIndicator] = "运转率", [ActualsWorkbook.Standard] = "90%以上为优", [ActualsWorkbook.CompletionRate] = 97m }]);
        var content = output.ToArray();

        Assert.Equal(ImportKind.Actuals, ImportKinds.Classify("自评表.xlsx", content));
        var (document, errors) = ActualsDocument.Read("自评表.xlsx", content);
        Assert.Empty(errors);
        Assert.Equal(2021, document!.Year);
        var project = Assert.Single(document.Projects);
        Assert.Equal(90000m, project.Executed);
        Assert.Equal(40000m, Assert.Single(project.Spending!).Spent);
        Assert.Equal(["85%", "部分达成"], project.Indicators.Select(i => i.Actual));
        Assert.Equal([null, 6m], project.Indicators.Select(i => i.Score));
        Assert.Equal(97m, Assert.Single(document.SubGoals).CompletionRate);
    }

    [Fact]
    public void Bytes_that_are_no_workbook_are_refused_located_never_thrown()
    {
        var (document, errors) = ActualsWorkbook.Read(Utf8("not a workbook"), "x.xlsx");
        Assert.Null(document);
        Assert.StartsWith("x.xlsx", Assert.Single(errors).Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.json", """{ "projects": [] }""", ImportKind.Actuals)]
    [InlineData("a.json", """{ "units": [], "projects": [] }""", ImportKind.Plan)]
    [InlineData("a.json", """not json""", ImportKind.Plan)]
    [InlineData("a.txt", """{ "projects": [] }""", ImportKind.Plan)]
    public void Actuals_are_told_from_goal_documents(string name, string content, ImportKind kind) =>
        Assert.Equal(kind, ImportKinds.Classify(name, Utf8(content)));
}
