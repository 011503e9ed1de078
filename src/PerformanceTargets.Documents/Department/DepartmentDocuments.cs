using System.Text;
using System.Text.Json;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Department;

namespace PerformanceTargets.Documents.Department;

/// <summary>
/// Entry points for the 部门整体支出绩效目标表: read it from the text dump, .docx, .xlsx or the JSON interchange
/// (<c>units[].departmentTable</c>) — all or nothing, with located Chinese errors — and write it as .docx, text or JSON.
/// </summary>
public static class DepartmentDocuments
{
    /// <summary>Reads an uploaded file by its extension (as <see cref="PlanDocuments.Read(byte[], string, int)"/>): a JSON file must state <paramref name="year"/>.</summary>
    public static DepartmentReadResult Read(byte[] content, string fileName, int year)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, "文件为空。"));
        }

        if (content.Length > PlanDocuments.MaxFileBytes)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, $"文件超过 {PlanDocuments.MaxFileBytes / 1024 / 1024} MB，拒绝读取。"));
        }

        switch (PlanDocuments.FormatOf(fileName))
        {
            case DocumentKind.Json:
                return ReadJson(TextDump.Decode(content), fileName, year);
            case DocumentKind.Text:
                var text = TextDump.Decode(content);
                return text.Trim().Length == 0
                    ? DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, "文件为空。"))
                    : DepartmentTableParser.Parse(TextDump.Read(text), fileName);
            case DocumentKind.Docx:
            {
                var blocks = DocxBlocks.TryRead(content, out var error);
                return blocks is null ? DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, error!)) : DepartmentTableParser.Parse(blocks, fileName);
            }

            case DocumentKind.Xlsx:
            {
                var blocks = XlsxBlocks.TryRead(content, out var error);
                return blocks is null ? DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, error!)) : DepartmentTableParser.Parse(blocks, fileName);
            }

            default:
                return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, "不支持的文件类型：只能导入 .docx、.xlsx、.txt 或 .json 文件。"));
        }
    }

    /// <summary>
    /// Reads the 部门整体 tables of a JSON interchange document (<c>units[].departmentTable</c>; units without one are
    /// skipped). Checks what the document readers check, located by JSON path.
    /// </summary>
    public static DepartmentReadResult ReadJson(string json, string fileName, int year)
    {
        ArgumentNullException.ThrowIfNull(json);
        InterchangeDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<InterchangeDocument>(json, InterchangeJson.Options);
        }
        catch (JsonException ex)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, ex.LineNumber is { } line ? (int)line + 1 : null, ex.Path, "JSON 格式错误或类型不符（数字必须是 JSON 数字，文本必须是字符串）。"));
        }

        if (document is null)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null, "JSON 内容为空。"));
        }

        if (document.Year != year)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, "$.year", $"文件的年度为 {document.Year}，与导入的年度 {year} 不一致。"));
        }

        var errors = new List<DocumentError>();
        var tables = new List<DepartmentDocument>();
        for (var u = 0; u < (document.Units?.Count ?? 0); u++)
        {
            var unit = document.Units![u];
            if (unit?.DepartmentTable is not { } table)
            {
                continue;
            }

            var path = $"$.units[{u}].departmentTable";
            errors.AddRange(Validate(table, fileName, path));
            tables.Add(new DepartmentDocument(string.IsNullOrWhiteSpace(unit.Code) ? null : unit.Code.Trim(), table.UnitName, table));
        }

        if (errors.Count > 0)
        {
            return DepartmentReadResult.Failure(errors);
        }

        if (tables.Count == 0)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, "$.units", "文件中没有部门整体支出绩效目标表（units[].departmentTable）。"));
        }

        foreach (var table in tables)
        {
            Mapping.DepartmentMapping.Enrich(table.Table);
        }

        return DepartmentReadResult.Success(tables);
    }

    /// <summary>The rules of a 部门整体 table in JSON, located by path.</summary>
    public static List<DocumentError> Validate(InterchangeDepartmentTable table, string fileName, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        var errors = new List<DocumentError>();
        void Error(string at, string message) => errors.Add(new DocumentError(fileName, null, null, at, message));
        if (string.IsNullOrWhiteSpace(table.UnitName))
        {
            Error($"{path}.unitName", "部门（单位）名称不能为空。");
        }

        if (table.AmountUnit is not ("元" or "万元"))
        {
            Error($"{path}.amountUnit", $"金额单位“{table.AmountUnit}”无效，应为“元”或“万元”。");
        }

        if (!Mapping.DomainMapping.TryParseStatus(table.Status, out _))
        {
            Error($"{path}.status", $"状态“{table.Status}”无效，应为 Draft、Submitted、Approved 或 Returned。");
        }

        table.Incomes ??= [];
        table.Tasks ??= [];
        table.Indicators ??= [];
        for (var k = 0; k < table.Incomes.Count; k++)
        {
            var income = table.Incomes[k];
            if (income is null || string.IsNullOrWhiteSpace(income.Source))
            {
                Error($"{path}.incomes[{k}].source", "收入来源不能为空。");
            }
            else if (income.Amount < 0 || !Amounts.IsValid(income.Amount))
            {
                Error($"{path}.incomes[{k}].amount", income.Amount < 0 ? "预算金额不能为负数。" : Amounts.Message("预算金额"));
            }
        }

        for (var k = 0; k < table.Tasks.Count; k++)
        {
            var task = table.Tasks[k];
            if (task is null || string.IsNullOrWhiteSpace(task.Name))
            {
                Error($"{path}.tasks[{k}].name", "任务名称不能为空。");
            }
            else if (task.PlannedAmount is { } planned && (planned < 0 || !Amounts.IsValid(planned)))
            {
                Error($"{path}.tasks[{k}].plannedAmount", planned < 0 ? "计划投入不能为负数。" : Amounts.Message("计划投入"));
            }
        }

        for (var k = 0; k < table.Indicators.Count; k++)
        {
            var indicator = table.Indicators[k];
            var at = $"{path}.indicators[{k}]";
            if (indicator is null)
            {
                Error(at, "不能为空");
                continue;
            }

            foreach (var (field, value, label) in new[] { ("level1", indicator.Level1, "一级指标"), ("level2", indicator.Level2, "二级指标"), ("name", indicator.Name, "三级指标") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    Error($"{at}.{field}", $"{label}不能为空。");
                }
            }

            if (!IndicatorValueTypes.TryParse(indicator.ValueType, out _))
            {
                Error($"{at}.valueType", $"指标值类型“{indicator.ValueType}”应为“定量”或“定性”。");
            }
        }

        foreach (var (text, field) in new[] { (table.UnitName, "unitName"), (table.Duties, "duties"), (table.OverallGoal, "overallGoal") })
        {
            if (!PlainText.IsClean(text, multiline: field != "unitName"))
            {
                Error($"{path}.{field}", PlainText.Message(field));
            }
        }

        return errors;
    }

    /// <summary>A document holding one unit's 部门整体 table (and nothing else), for the JSON export.</summary>
    public static InterchangeDocument ToDocument(InterchangeDepartmentTable table, string unitCode, string unitName, int year) => new()
    {
        Year = year,
        Units = [new InterchangeUnit { Code = unitCode, Name = unitName, DepartmentTable = table }],
    };

    public static string WriteJson(InterchangeDepartmentTable table, string unitCode, string unitName, int year) =>
        InterchangeJson.Serialize(ToDocument(table, unitCode, unitName, year));

    public static string WriteText(InterchangeDepartmentTable table, string? unitCode, int year) =>
        TextDump.Write(DepartmentTableLayout.Build(table, unitCode, year));

    /// <summary>The official layout as .docx (A4, the goal tables' fonts and borders).</summary>
    public static byte[] WriteDocx(InterchangeDepartmentTable table, string? unitCode, int year) =>
        DocxWriter.Write(DepartmentTableLayout.Build(table, unitCode, year), year);

    public static byte[] Write(InterchangeDepartmentTable table, string unitCode, string unitName, int year, DocumentKind kind) => kind switch
    {
        DocumentKind.Json => Encoding.UTF8.GetBytes(WriteJson(table, unitCode, unitName, year)),
        DocumentKind.Text => Encoding.UTF8.GetBytes(WriteText(table, unitCode, year)),
        _ => WriteDocx(table, unitCode, year),
    };
}
