using System.Text;
using MiniExcelLibs;
using PerformanceTargets.Documents.Monitoring;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Tests.Monitoring;

public class ReadingTheMonitoringJson
{
    private static (MonitoringDocument? Document, List<MonitoringFileError> Errors) Read(string json) => MonitoringJson.Read(Encoding.UTF8.GetBytes(json), "m.json");

    [Fact]
    public void A_complete_document_is_read_with_its_causes_and_likelihoods()
    {
        var (document, errors) = Read("""
            { "year": 2026, "endMonth": 6, "projects": [ { "code": "P001", "annualBudget": 1000000.50, "executedToDate": 400000, "expectedFullYear": 1000000,
              "indicators": [ { "row": 1, "name": "培训人次", "completedToDate": 30, "expectedFullYear": "100个", "likelihood": "有可能",
                                "causes": ["经费保障", "硬件条件保障"], "deviationNote": "场地不足", "correctiveMeasures": "租用场地" } ] } ] }
            """);
        Assert.Empty(errors);
        Assert.Equal((2026, 6), (document!.Year, document.EndMonth));
        var project = Assert.Single(document.Projects);
        Assert.Equal(1_000_000.50m, project.AnnualBudget);
        var row = Assert.Single(project.Indicators);
        Assert.Equal("30", row.CompletedToDate);
        Assert.Equal(Likelihood.Possible, row.Likelihood);
        Assert.Equal(DeviationCause.Funding | DeviationCause.Equipment, row.Causes);
    }

    [Theory]
    [InlineData("""{ "year": 1999, "projects": [] }""", "m.json $.year")]
    [InlineData("""{ "year": 2026, "endMonth": 13, "projects": [] }""", "m.json $.endMonth")]
    [InlineData("""{ "year": 2026, "projects": [ { "code": "P1", "executedToDate": "很多" } ] }""", "m.json $.projects[0]（项目 P1）.executedToDate")]
    [InlineData("""{ "year": 2026, "projects": [ { "code": "P1", "indicators": [ { "row": 0 } ] } ] }""", "m.json $.projects[0].indicators[0]（项目 P1 指标“”）.row")]
    [InlineData("""{ "year": 2026, "projects": [ { "code": "P1", "indicators": [ { "row": 1, "name": "x", "likelihood": "大概" } ] } ] }""", "m.json $.projects[0].indicators[0]（项目 P1 指标“x”）.likelihood")]
    [InlineData("""{ "year": 2026, "projects": [ { "code": "P1", "indicators": [ { "row": 1, "name": "x", "causes": ["天气"] } ] } ] }""", "m.json $.projects[0].indicators[0]（项目 P1 指标“x”）.causes")]
    [InlineData("""{ "year": 2026, "projects": [ { } ] }""", "m.json $.projects[0].code")]
    [InlineData("not json", "m.json 第1行")]
    public void Each_error_is_located_and_nothing_is_returned(string json, string location)
    {
        var (document, errors) = Read(json);
        Assert.Null(document);
        Assert.Equal(location, Assert.Single(errors).Location);
    }
}

public class WritingAndReadingTheMonitoringWorkbook
{
    private static byte[] Workbook(string likelihood = "有可能", string causes = "经费保障、其他", string row = "1")
    {
        using var output = new MemoryStream();
        MonitoringWorkbook.Write(output, 2026, 7,
            [new() { [MonitoringWorkbook.UnitCode] = "001", [MonitoringWorkbook.ProjectCode] = "P001", [MonitoringWorkbook.ProjectName] = "培训项目", [MonitoringWorkbook.AnnualBudget] = 1_000_000m, [MonitoringWorkbook.ExecutedToDate] = 400_000.25m, [MonitoringWorkbook.ExpectedFullYear] = 1_000_000m, [MonitoringWorkbook.FundsLight] = "黄灯" }],
            [new() { [MonitoringWorkbook.ProjectCode] = "P001", [MonitoringWorkbook.Row] = row, [MonitoringWorkbook.Level3] = "培训人次", [MonitoringWorkbook.Target] = "≥100个", [MonitoringWorkbook.CompletedToDate] = 30m, [MonitoringWorkbook.ExpectedValue] = "100个", [MonitoringWorkbook.Likelihood] = likelihood, [MonitoringWorkbook.Causes] = causes, [MonitoringWorkbook.DeviationNote] = "场地不足", [MonitoringWorkbook.CorrectiveMeasures] = "租用场地" }]);
        return output.ToArray();
    }

    [Fact]
    public void The_workbook_opens_in_a_second_reader_with_its_sheets_and_headers()
    {
        using var stream = new MemoryStream(Workbook());
        Assert.Equal(["说明", "项目资金", "绩效指标"], stream.GetSheetNames());
        var funds = stream.Query(useHeaderRow: true, sheetName: "项目资金").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(MonitoringWorkbook.FundsColumns, funds.Keys);
        Assert.Equal("黄灯", funds[MonitoringWorkbook.FundsLight]);
    }

    [Fact]
    public void It_reads_back_what_was_written()
    {
        var (document, errors) = MonitoringWorkbook.Read(Workbook(), "m.xlsx");
        Assert.Empty(errors);
        Assert.Equal((2026, 7), (document!.Year, document.EndMonth));
        var project = Assert.Single(document.Projects);
        Assert.Equal(400_000.25m, project.ExecutedToDate);
        var row = Assert.Single(project.Indicators);
        Assert.Equal((1, "培训人次", "30", Likelihood.Possible, DeviationCause.Funding | DeviationCause.Other), (row.Row, row.Name, row.CompletedToDate, row.Likelihood, row.Causes));
    }

    [Theory]
    [InlineData("大概", "经费保障", "1", "m.xlsx 绩效指标 第2行（项目 P001 指标“培训人次”）.完成目标可能性")]
    [InlineData("确定能", "天气", "1", "m.xlsx 绩效指标 第2行（项目 P001 指标“培训人次”）.偏差原因")]
    [InlineData("确定能", "", "第一", "m.xlsx 绩效指标 第2行（项目 P001 指标“培训人次”）.行号")]
    public void A_wrong_cell_is_located_by_sheet_row_and_field(string likelihood, string causes, string row, string location)
    {
        var (document, errors) = MonitoringWorkbook.Read(Workbook(likelihood, causes, row), "m.xlsx");
        Assert.Null(document);
        Assert.Equal(location, Assert.Single(errors).Location);
    }

    [Fact]
    public void Another_workbook_is_refused_by_its_missing_sheets()
    {
        using var output = new MemoryStream();
        using (var writer = new Writing.XlsxStreamWriter(output, ["资金"]))
        {
            writer.NextSheet(["项目编码"]);
            writer.Complete();
        }

        var (document, errors) = MonitoringWorkbook.Read(output.ToArray(), "other.xlsx");
        Assert.Null(document);
        Assert.Equal(["缺少工作表“项目资金”；请使用本系统导出的绩效运行监控模板。", "缺少工作表“绩效指标”；请使用本系统导出的绩效运行监控模板。"], errors.Select(e => e.Message));
    }
}
