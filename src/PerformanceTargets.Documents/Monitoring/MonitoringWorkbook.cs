using System.Globalization;
using MiniExcelLibs;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Monitoring;

/// <summary>
/// The .xlsx 绩效运行监控 workbook (docs/formats.md §11): written for a round and a unit (or all units) through the one
/// spreadsheet writer, filled with what is stored and the lights; the same file, filled in Excel, is read back by
/// <see cref="Read"/> (the status and light columns are ignored on import). Sheets: 说明, 项目资金, 绩效指标.
/// </summary>
public static class MonitoringWorkbook
{
    public const string InfoSheet = "说明";
    public const string FundsSheet = "项目资金";
    public const string IndicatorSheet = "绩效指标";

    public const string UnitCode = "单位编码";
    public const string UnitName = "单位名称";
    public const string ProjectCode = "项目编码";
    public const string ProjectName = "项目名称";
    public const string Status = "状态";
    public const string AnnualBudget = "年初预算数";
    public const string ExecutedToDate = "截至期末执行数";
    public const string ExpectedFullYear = "全年预计执行数";
    public const string ExecutionRate = "执行率(%)";
    public const string FundsLight = "资金监控灯";
    public const string ProjectLight = "项目监控灯";
    public const string Row = "行号";
    public const string Level1 = "一级指标";
    public const string Level2 = "二级指标";
    public const string Level3 = "三级指标";
    public const string Target = "年度指标值";
    public const string CompletedToDate = "截至期末完成值";
    public const string ExpectedValue = "全年预计完成值";
    public const string Likelihood = "完成目标可能性";
    public const string Causes = "偏差原因";
    public const string DeviationNote = "偏差原因说明";
    public const string CorrectiveMeasures = "纠偏措施";
    public const string Remark = "备注";
    public const string IndicatorLight = "指标监控灯";

    public static readonly IReadOnlyList<string> FundsColumns =
        [UnitCode, UnitName, ProjectCode, ProjectName, Status, AnnualBudget, ExecutedToDate, ExpectedFullYear, ExecutionRate, FundsLight, ProjectLight];

    public static readonly IReadOnlyList<string> IndicatorColumns =
        [ProjectCode, ProjectName, Row, Level1, Level2, Level3, Target, CompletedToDate, ExpectedValue, Likelihood, Causes, DeviationNote, CorrectiveMeasures, Remark, IndicatorLight];

    /// <summary>Writes the workbook; each sheet's rows are streamed (enumerated once while writing).</summary>
    public static void Write(Stream output, int year, int endMonth, IEnumerable<Dictionary<string, object?>> funds, IEnumerable<Dictionary<string, object?>> indicators)
    {
        var info = new List<Dictionary<string, object?>>
        {
            new() { ["项目"] = "年度", ["内容"] = year },
            new() { ["项目"] = "监控期间", ["内容"] = endMonth },
            new() { ["项目"] = "填写说明", ["内容"] = $"监控期间为 1–{endMonth} 月。在“项目资金”中填写截至期末执行数和全年预计执行数（元），在“绩效指标”中填写截至期末完成值、全年预计完成值和完成目标可能性（确定能 / 有可能 / 完全不可能）。可能性不是“确定能”或指标为红灯时，须填写偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他，可多选，用“、”分隔）、偏差原因说明和纠偏措施。请勿修改编码、行号和表头；状态和监控灯列导入时不读取。" },
        };
        using var workbook = new XlsxStreamWriter(output, [InfoSheet, FundsSheet, IndicatorSheet]);
        Sheet(workbook, info, ["项目", "内容"]);
        Sheet(workbook, funds, FundsColumns);
        Sheet(workbook, indicators, IndicatorColumns);
        workbook.Complete();
    }

    private static void Sheet(XlsxStreamWriter workbook, IEnumerable<Dictionary<string, object?>> rows, IReadOnlyList<string> columns)
    {
        var sheet = workbook.NextSheet(columns);
        foreach (var row in rows)
        {
            sheet.BeginRow();
            foreach (var column in columns)
            {
                sheet.Value(row.GetValueOrDefault(column));
            }

            sheet.EndRow();
        }
    }

    public static (MonitoringDocument? Document, List<MonitoringFileError> Errors) Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return ReadChecked(content, fileName);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            return (null, [new MonitoringFileError(fileName, $"工作表无法读取，文件可能已损坏或被改动：{ex.Message}")]);
        }
    }

    private static (MonitoringDocument? Document, List<MonitoringFileError> Errors) ReadChecked(byte[] content, string fileName)
    {
        var errors = new List<MonitoringFileError>();
        if (content.Length >= 2 && content[0] == (byte)'P' && content[1] == (byte)'K' && OpenXmlPackageGuard.Check(content) is { } refused)
        {
            return (null, [new MonitoringFileError(fileName, refused)]);
        }

        List<string> sheets;
        try
        {
            using var probe = new MemoryStream(content);
            sheets = probe.GetSheetNames();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            return (null, [new MonitoringFileError(fileName, "不是有效的 Excel (.xlsx) 文件。")]);
        }

        foreach (var required in new[] { FundsSheet, IndicatorSheet })
        {
            if (!sheets.Contains(required))
            {
                errors.Add(new MonitoringFileError(fileName, $"缺少工作表“{required}”；请使用本系统导出的绩效运行监控模板。"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var document = new MonitoringDocument();
        if (sheets.Contains(InfoSheet))
        {
            foreach (var (_, cells) in SheetRows.Read(content, InfoSheet))
            {
                var value = SheetRows.Text(cells, "内容");
                switch (SheetRows.Text(cells, "项目"))
                {
                    case "年度" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year):
                        document.Year = year;
                        break;
                    case "监控期间" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var month):
                        document.EndMonth = month;
                        break;
                }
            }
        }

        var projects = new Dictionary<string, ProjectMonitoringData>(StringComparer.Ordinal);
        ProjectMonitoringData ProjectFor(string code, string where)
        {
            if (!projects.TryGetValue(code, out var project))
            {
                project = new ProjectMonitoringData(code, where);
                projects[code] = project;
                document.Projects.Add(project);
            }

            return project;
        }

        foreach (var (number, cells) in SheetRows.Read(content, FundsSheet))
        {
            var code = SheetRows.Text(cells, ProjectCode);
            if (code is null)
            {
                continue;
            }

            var where = $"{fileName} {FundsSheet} 第{number}行（项目 {code}）";
            var project = ProjectFor(code, where);
            project.AnnualBudget = Number(cells, AnnualBudget, where, errors);
            project.ExecutedToDate = Number(cells, ExecutedToDate, where, errors);
            project.ExpectedFullYear = Number(cells, ExpectedFullYear, where, errors);
        }

        foreach (var (number, cells) in SheetRows.Read(content, IndicatorSheet))
        {
            var code = SheetRows.Text(cells, ProjectCode);
            var name = SheetRows.Text(cells, Level3);
            var rowText = SheetRows.Text(cells, Row);
            if (code is null && name is null && rowText is null)
            {
                continue;
            }

            var where = $"{fileName} {IndicatorSheet} 第{number}行（项目 {code} 指标“{name}”）";
            if (code is null)
            {
                errors.Add(new MonitoringFileError(where, "项目编码不能为空。"));
                continue;
            }

            if (!int.TryParse(rowText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var row) || row < 1)
            {
                errors.Add(new MonitoringFileError($"{where}.{Row}", "行号应为正整数（导出模板中的行号，请勿修改）。"));
                continue;
            }

            var likelihoodText = SheetRows.Text(cells, Likelihood);
            var likelihood = Domain.Rules.Likelihood.Certain;
            if (likelihoodText is not null)
            {
                if (MonitoringDocument.ParseLikelihood(likelihoodText) is { } parsed)
                {
                    likelihood = parsed;
                }
                else
                {
                    errors.Add(new MonitoringFileError($"{where}.{Likelihood}", $"应为 确定能、有可能 或 完全不可能，现为“{likelihoodText}”。"));
                }
            }

            var unknown = new List<string>();
            var causes = MonitoringDocument.ParseCauses(SheetRows.Text(cells, Causes) is { } c ? [c] : [], unknown);
            if (unknown.Count > 0)
            {
                errors.Add(new MonitoringFileError($"{where}.{Causes}", $"不认识的偏差原因“{string.Join("、", unknown)}”；应为 经费保障、制度保障、人员保障、硬件条件保障、其他。"));
            }

            ProjectFor(code, where).Indicators.Add(new IndicatorMonitoringData(row, name, SheetRows.Text(cells, CompletedToDate), SheetRows.Text(cells, ExpectedValue), likelihood, causes,
                SheetRows.Text(cells, DeviationNote), SheetRows.Text(cells, CorrectiveMeasures), SheetRows.Text(cells, Remark), where));
        }

        return (errors.Count == 0 ? document : null, errors);
    }




    private static decimal? Number(IDictionary<string, object?> cells, string column, string where, List<MonitoringFileError> errors)
    {
        if (SheetRows.TryNumber(cells, column, out var value, out var other))
        {
            return value;
        }

        errors.Add(new MonitoringFileError($"{where}.{column}", $"应为数字（元），现为“{other}”。"));
        return null;
    }
}
