using System.Globalization;
using MiniExcelLibs;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Actuals;

/// <summary>
/// The .xlsx 自评表 template (docs/formats.md §8): sheets 说明 (年度), 资金 (预算数, 全年执行数), 累计支出 (one row a plan
/// checkpoint), 指标 (one row an indicator: 年度指标值, 计量单位, 实际完成值, 定性得分, 偏差原因分析及改进措施) and 部门分项
/// (完成率). Exported filled with what is stored, edited in Excel, uploaded back. Columns are found by header.
/// </summary>
public static class ActualsWorkbook
{
    public const string InfoSheet = "说明";
    public const string FundsSheet = "资金";
    public const string SpendingSheet = "累计支出";
    public const string IndicatorSheet = "指标";
    public const string SubGoalSheet = "部门分项";

    public const string UnitCode = "单位编码";
    public const string UnitName = "单位名称";
    public const string ProjectCode = "项目编码";
    public const string ProjectName = "项目名称";
    public const string Budget = "预算数";
    public const string Executed = "全年执行数";
    public const string Month = "月份";
    public const string PlannedPercent = "计划累计支出比例(%)";
    public const string Spent = "实际累计支出(元)";
    public const string Level1 = "一级指标";
    public const string Level2 = "二级指标";
    public const string Level3 = "三级指标";
    public const string Value = "年度指标值";
    public const string MeasureUnit = "计量单位";
    public const string Actual = "实际完成值";
    public const string Score = "定性得分";
    public const string Reason = "偏差原因分析及改进措施";
    public const string SubGoalIndicator = "绩效指标";
    public const string Standard = "绩效标准";
    public const string CompletionRate = "完成率(%)";

    /// <summary>Writes the template through the one spreadsheet writer (<see cref="XlsxStreamWriter"/>); each sheet's rows are streamed (enumerated once while writing).</summary>
    public static void Write(Stream output, int year, IEnumerable<Dictionary<string, object?>> funds, IEnumerable<Dictionary<string, object?>> spending,
        IEnumerable<Dictionary<string, object?>> indicators, IEnumerable<Dictionary<string, object?>> subGoals)
    {
        var info = new List<Dictionary<string, object?>>
        {
            new() { ["项目"] = "年度", ["内容"] = year },
            new() { ["项目"] = "填写说明", ["内容"] = "在“资金”“累计支出”“指标”“部门分项”中填写实际数，保存后在“年终自评”页上传，或用 import 命令导入。请勿修改编码、名称和表头。" },
            new() { ["项目"] = "实际完成值", ["内容"] = "定量指标填数值，单位见“计量单位”列（如 85，单位 %）；也可直接写“85%”。定性指标填 达成 / 部分达成 / 未达成，可在“定性得分”中给出档内得分。" },
        };
        using var workbook = new XlsxStreamWriter(output, [InfoSheet, FundsSheet, SpendingSheet, IndicatorSheet, SubGoalSheet]);
        Sheet(workbook, info, "项目", "内容");
        Sheet(workbook, funds, UnitCode, UnitName, ProjectCode, ProjectName, Budget, Executed);
        Sheet(workbook, spending, ProjectCode, ProjectName, Month, PlannedPercent, Spent);
        Sheet(workbook, indicators, ProjectCode, ProjectName, Level1, Level2, Level3, Value, MeasureUnit, Actual, Score, Reason);
        Sheet(workbook, subGoals, UnitCode, SubGoalIndicator, Standard, CompletionRate);
        workbook.Complete();
    }

    /// <summary>The next sheet: its header row, then a row a dictionary (numbers as numbers, everything else as text).</summary>
    private static void Sheet(XlsxStreamWriter workbook, IEnumerable<Dictionary<string, object?>> rows, params string[] columns)
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

    public static (ActualsDocument? Document, List<ActualsError> Errors) Read(byte[] content, string fileName)
    {
        try
        {
            return ReadChecked(content, fileName);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            // A sheet that cannot be read past the package check (broken XML, a DTD the reader refuses): located, never a 500.
            return (null, [new ActualsError(fileName, $"工作表无法读取，文件可能已损坏或被改动：{ex.Message}")]);
        }
    }

    private static (ActualsDocument? Document, List<ActualsError> Errors) ReadChecked(byte[] content, string fileName)
    {
        var errors = new List<ActualsError>();
        if (content.Length >= 2 && content[0] == (byte)'P' && content[1] == (byte)'K' && OpenXmlPackageGuard.Check(content) is { } refused)
        {
            errors.Add(new ActualsError(fileName, refused));
            return (null, errors);
        }

        List<string> sheets;
        try
        {
            using var probe = new MemoryStream(content);
            sheets = probe.GetSheetNames();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            errors.Add(new ActualsError(fileName, "不是有效的 Excel (.xlsx) 文件。"));
            return (null, errors);
        }

        foreach (var required in new[] { FundsSheet, IndicatorSheet })
        {
            if (!sheets.Contains(required))
            {
                errors.Add(new ActualsError(fileName, $"缺少工作表“{required}”；请使用本系统导出的自评表模板。"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var document = new ActualsDocument();
        if (sheets.Contains(InfoSheet))
        {
            foreach (var row in SheetRows.Read(content, InfoSheet))
            {
                if (SheetRows.Text(row.Cells, "项目") == "年度" && int.TryParse(SheetRows.Text(row.Cells, "内容"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year))
                {
                    document.Year = year;
                }
            }
        }

        var projects = new Dictionary<string, ProjectActuals>(StringComparer.Ordinal);
        ProjectActuals ProjectFor(string code, string where)
        {
            if (!projects.TryGetValue(code, out var project))
            {
                project = new ProjectActuals(code, where);
                projects[code] = project;
                document.Projects.Add(project);
            }

            return project;
        }

        foreach (var row in SheetRows.Read(content, FundsSheet))
        {
            var where = $"{fileName} {FundsSheet} 第{row.Number}行";
            var code = SheetRows.Text(row.Cells, ProjectCode);
            if (code is null)
            {
                continue;
            }

            var project = ProjectFor(code, $"{where}（项目 {code}）");
            project.HasExecuted = true;
            project.Executed = Number(row.Cells, Executed, $"{where}（项目 {code}）", errors);
        }

        if (sheets.Contains(SpendingSheet))
        {
            foreach (var row in SheetRows.Read(content, SpendingSheet))
            {
                var code = SheetRows.Text(row.Cells, ProjectCode);
                if (code is null)
                {
                    continue;
                }

                var where = $"{fileName} {SpendingSheet} 第{row.Number}行（项目 {code}）";
                var project = ProjectFor(code, where);
                project.Spending ??= [];
                var month = Number(row.Cells, Month, where, errors);
                var spent = Number(row.Cells, Spent, where, errors);
                if (month is null || month != Math.Floor(month.Value))
                {
                    errors.Add(new ActualsError(where, "月份应为 1–12 的整数。"));
                }
                else if (spent is not null)
                {
                    project.Spending.Add(((int)month.Value, spent.Value, where));
                }
            }
        }

        foreach (var row in SheetRows.Read(content, IndicatorSheet))
        {
            var code = SheetRows.Text(row.Cells, ProjectCode);
            var name = SheetRows.Text(row.Cells, Level3);
            if (code is null && name is null)
            {
                continue;
            }

            var where = $"{fileName} {IndicatorSheet} 第{row.Number}行（项目 {code} 指标“{name}”）";
            if (code is null || name is null)
            {
                errors.Add(new ActualsError(where, "项目编码和三级指标不能为空。"));
                continue;
            }

            var actual = ActualText(row.Cells, where, errors);
            var score = Number(row.Cells, Score, where, errors);
            ProjectFor(code, where).Indicators.Add(new IndicatorActual(name, actual, score, SheetRows.Text(row.Cells, Reason), where));
        }

        if (sheets.Contains(SubGoalSheet))
        {
            foreach (var row in SheetRows.Read(content, SubGoalSheet))
            {
                var unit = SheetRows.Text(row.Cells, UnitCode);
                var indicator = SheetRows.Text(row.Cells, SubGoalIndicator);
                if (unit is null || indicator is null)
                {
                    continue;
                }

                var where = $"{fileName} {SubGoalSheet} 第{row.Number}行（单位 {unit} 分项指标“{indicator}”）";
                document.SubGoals.Add(new SubGoalActual(unit, indicator, Number(row.Cells, CompletionRate, where, errors), where));
            }
        }

        return (errors.Count == 0 ? document : null, errors);
    }




    private static decimal? Number(IDictionary<string, object?> cells, string column, string where, List<ActualsError> errors)
    {
        if (SheetRows.TryNumber(cells, column, out var value, out var other))
        {
            return value;
        }

        errors.Add(new ActualsError(where, $"“{column}”应为数字，现为“{other}”。"));
        return null;
    }

    /// <summary>The 实际完成值 as text: a typed text as is; a bare number gets the 计量单位 column's unit (<c>85</c> + <c>%</c> → <c>85%</c>).</summary>
    private static string? ActualText(IDictionary<string, object?> cells, string where, List<ActualsError> errors)
    {
        var unit = SheetRows.Text(cells, MeasureUnit) ?? string.Empty;
        switch (SheetRows.Cell(cells, Actual))
        {
            case null:
                return null;
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case string s:
                var text = s.Trim();
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? text + unit : text;
            case double or decimal or int or long or float:
                var number = Number(cells, Actual, where, errors);
                return number is null ? null : number.Value.ToString(CultureInfo.InvariantCulture) + unit;
            case var other:
                return other.ToString();
        }
    }

    /// <summary>The unit a quantitative 年度指标值 is measured in (<c>≥90百分比</c> → <c>%</c>); empty for a qualitative one.</summary>
    public static string UnitOf(string value) => TargetValueParser.Parse(value) is QuantitativeTarget q ? q.Unit : string.Empty;
}
