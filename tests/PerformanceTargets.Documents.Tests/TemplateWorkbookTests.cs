using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using PerformanceTargets.Documents.Actuals;

namespace PerformanceTargets.Documents.Tests;

/// <summary>
/// The 自评表 template is written by the one spreadsheet writer (decision 0009), not MiniExcel: the OpenXML SDK opens and
/// validates it, every sheet has its header row even when empty, and the template's own reader reads back what was written.
/// </summary>
public class TemplateWorkbookTests
{
    [Fact]
    public void The_template_opens_in_the_openxml_sdk_and_reads_back_through_its_reader()
    {
        using var written = new MemoryStream();
        ActualsWorkbook.Write(written, 2021,
            [new() { [ActualsWorkbook.UnitCode] = "U1", [ActualsWorkbook.UnitName] = "单位", [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目 <一>", [ActualsWorkbook.Budget] = 2_000_000m, [ActualsWorkbook.Executed] = 1_500_000.25m }],
            [new() { [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目 <一>", [ActualsWorkbook.Month] = 6, [ActualsWorkbook.PlannedPercent] = 50m, [ActualsWorkbook.Spent] = 800_000m }],
            [new() { [ActualsWorkbook.ProjectCode] = "P1", [ActualsWorkbook.ProjectName] = "项目 <一>", [ActualsWorkbook.Level1] = "产出指标", [ActualsWorkbook.Level2] = "数量指标", [ActualsWorkbook.Level3] = "培训人数", [ActualsWorkbook.Value] = "≥90%", [ActualsWorkbook.MeasureUnit] = "%", [ActualsWorkbook.Actual] = "=85%", [ActualsWorkbook.Score] = null, [ActualsWorkbook.Reason] = "原因" }],
            []);
        var bytes = written.ToArray();

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            Assert.Equal(
                [ActualsWorkbook.InfoSheet, ActualsWorkbook.FundsSheet, ActualsWorkbook.SpendingSheet, ActualsWorkbook.IndicatorSheet, ActualsWorkbook.SubGoalSheet],
                document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        var empty = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), sheetName: ActualsWorkbook.SubGoalSheet).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal([ActualsWorkbook.UnitCode, ActualsWorkbook.SubGoalIndicator, ActualsWorkbook.Standard, ActualsWorkbook.CompletionRate], empty.Values.Select(v => v?.ToString()));

        var (read, errors) = ActualsWorkbook.Read(bytes, "自评表.xlsx");
        Assert.Empty(errors);
        Assert.Equal(2021, read!.Year);
        var project = Assert.Single(read.Projects);
        Assert.Equal(("P1", 1_500_000.25m), (project.Code, project.Executed));
        Assert.Equal("=85%", Assert.Single(project.Indicators).Actual);
    }
}
