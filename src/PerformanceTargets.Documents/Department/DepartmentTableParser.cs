using System.Globalization;
using System.Text.RegularExpressions;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Domain.Department;

namespace PerformanceTargets.Documents.Department;

/// <summary>
/// Reads a 部门整体支出绩效目标表 from the block model (text dump, .docx, .xlsx alike) by its labels, never by positions
/// (docs/formats.md §10): the scalar rows (部门（单位）名称, 部门职责, 年度总体绩效目标) give their value in the next cell;
/// the three lists (预算金额 by 收入来源, 年度重点工作任务, the indicator tree) start at their header row and read their
/// columns by header, in grid columns, until a row starts with another label. Labels vary by province: each field has
/// synonyms (<see cref="Synonyms"/>). Errors are located (表N 第N行 field) and the read is all or nothing.
/// </summary>
public static partial class DepartmentTableParser
{
    /// <summary>The labels each field is recognised by (compared as <see cref="Cells.Label"/>, a trailing colon ignored).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Synonyms = new Dictionary<string, string[]>
    {
        ["unitName"] = ["部门（单位）名称", "部门名称", "单位名称", "预算部门名称", "预算单位名称", "部门（单位）"],
        ["duties"] = ["部门职责", "部门（单位）职责", "单位职责", "部门主要职责", "主要职责", "职能职责"],
        ["overallGoal"] = ["年度总体绩效目标", "年度总体目标", "年度绩效目标", "总体绩效目标", "整体绩效目标", "部门整体绩效目标"],
        ["source"] = ["收入来源", "资金来源", "预算来源", "收入项目"],
        ["amount"] = ["预算金额", "金额", "预算数", "预算资金"],
        ["taskName"] = ["任务名称", "重点工作任务名称", "工作任务名称", "任务"],
        ["taskContent"] = ["主要实施内容", "主要内容", "实施内容", "主要工作内容", "任务内容"],
        ["taskAmount"] = ["计划投入", "预算金额", "计划投入金额", "投入金额", "计划投入资金", "资金投入", "预算数"],
        ["taskGoal"] = ["期望达到的目标", "预期达到的目标", "期望目标", "预期目标", "预期效果", "绩效目标"],
        ["level1"] = ["一级指标"],
        ["level2"] = ["二级指标"],
        ["name"] = ["三级指标", "指标名称", "三级指标名称"],
        ["value"] = ["指标值", "目标值", "年度指标值", "绩效指标值"],
        ["valueType"] = ["指标值类型", "指标类型", "指标值性质"],
        ["measureUnit"] = ["计量单位", "度量单位", "单位"],
        ["explanation"] = ["指标解释", "指标说明", "指标内涵", "绩效指标描述", "指标描述"],
        ["standard"] = ["评（扣）分标准", "评分标准", "扣分标准", "评（扣）分办法", "评分办法"],
        ["weight"] = ["分值", "权重"],
    };

    /// <summary>Labels that open a list section in their row's first cell (the cell is merged down the section).</summary>
    private static readonly string[] SectionLabels =
        ["部门预算总体情况", "部门预算", "预算情况", "部门预算情况", "年度重点工作任务", "重点工作任务", "主要任务", "年度主要任务", "年度绩效指标", "绩效指标", "部门整体绩效指标", "年度绩效目标指标"];

    private enum Section
    {
        None,
        Incomes,
        Tasks,
        Indicators,
    }

    public static DepartmentReadResult Parse(IReadOnlyList<Block> blocks, string fileName)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var errors = new List<DocumentError>();
        var table = new InterchangeDepartmentTable();
        string? code = null;
        decimal? statedTotal = null;
        (int Table, int Row)? totalAt = null;
        var found = false;
        var tableNumber = 0;
        var defaultUnit = "元";

        // The document-wide money unit (单位：万元) may appear anywhere in a table: find it first.
        foreach (var cell in blocks.OfType<TableBlock>().SelectMany(t => t.Rows).SelectMany(r => r.Cells))
        {
            if (UnitStatement().Match(Cells.Label(cell.Text)) is { Success: true } m)
            {
                defaultUnit = m.Groups[1].Value;
                break;
            }
        }

        table.AmountUnit = defaultUnit;
        foreach (var block in blocks)
        {
            if (block is not TableBlock grid)
            {
                continue;
            }

            tableNumber++;
            var section = Section.None;
            Dictionary<int, string> columns = [];
            Dictionary<string, string> units = [];
            string level1 = string.Empty, level2 = string.Empty;
            for (var r = 0; r < grid.Rows.Count; r++)
            {
                var rowNumber = r + 1;
                var cells = GridCells(grid.Rows[r]);
                void Error(string? field, string message) => errors.Add(new DocumentError(fileName, tableNumber, rowNumber, field, message));
                if (cells.All(c => c.Text.Trim().Length == 0))
                {
                    continue;
                }

                // 1. A header row opens a list section.
                if (HeaderOf(cells) is { } header)
                {
                    // An indicator header alone does not make a 部门整体 table (every project table has one).
                    found |= header.Item1 != Section.Indicators;
                    (section, columns, units) = header;
                    level1 = level2 = string.Empty;
                    continue;
                }

                // 2. A scalar label row (its value is the next non-empty cell).
                var firstIndex = cells.FindIndex(c => c.Text.Trim().Length > 0);
                var first = cells[firstIndex];
                var firstKey = KeyOf(first.Text, "unitName", "duties", "overallGoal");
                if (firstKey is not null && (section == Section.None || first.Column == 0 || !columns.ContainsKey(first.Column)))
                {
                    found = true;
                    section = Section.None;
                    var value = cells.Skip(firstIndex + 1)
                        .Select(c => c.Text.Trim())
                        .FirstOrDefault(t => t.Length > 0 && !UnitStatement().IsMatch(Cells.Label(t))) ?? string.Empty;
                    switch (firstKey)
                    {
                        case "unitName":
                            var split = LeadingCode().Match(value);
                            if (split.Success)
                            {
                                code = split.Groups[1].Value;
                                value = split.Groups[2].Value.Trim();
                            }

                            table.UnitName = value;
                            break;
                        case "duties":
                            table.Duties = value;
                            break;
                        default:
                            table.OverallGoal = value;
                            break;
                    }

                    continue;
                }

                // 3. A data row of the open section: its first column is empty (merged), a section label or a mapped column.
                var col0 = cells[0];
                var col0Text = Cells.Label(col0.Text);
                if (section == Section.None
                    || (col0Text.Length > 0 && !columns.ContainsKey(col0.Column) && !SectionLabels.Contains(col0Text.TrimEnd('：'))))
                {
                    section = Section.None;
                    continue;
                }

                string Cell(string key) =>
                    columns.Where(c => c.Value == key).Select(c => Covering(cells, c.Key)?.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? string.Empty;
                switch (section)
                {
                    case Section.Incomes:
                    {
                        var source = Cell("source");
                        var amountText = Cell("amount");
                        if (source.Length == 0 && amountText.Length == 0)
                        {
                            continue;
                        }

                        decimal? amount = null;
                        if (amountText.Length > 0)
                        {
                            if (!Cells.TryAmount(amountText, out var stated))
                            {
                                Error("预算金额", $"“{amountText}”不是金额。");
                                continue;
                            }

                            amount = Cells.ToYuan(stated, UnitOf(amountText) ?? units.GetValueOrDefault("amount", defaultUnit));
                        }

                        if (Cells.Label(source) is "合计" or "总计" or "小计" or "合计金额" or "预算总额")
                        {
                            statedTotal = amount;
                            totalAt = (tableNumber, rowNumber);
                            continue;
                        }

                        if (source.Length == 0)
                        {
                            Error("收入来源", "不能为空。");
                            continue;
                        }

                        table.Incomes.Add(new InterchangeIncome { Source = source, Amount = amount ?? 0m });
                        break;
                    }

                    case Section.Tasks:
                    {
                        var name = Cell("taskName");
                        var content = Cell("taskContent");
                        var amountText = Cell("taskAmount");
                        var goal = Cell("taskGoal");
                        if (name.Length + content.Length + amountText.Length + goal.Length == 0)
                        {
                            continue;
                        }

                        if (name.Length == 0)
                        {
                            Error("任务名称", "不能为空。");
                            continue;
                        }

                        decimal? planned = null;
                        if (amountText.Length > 0)
                        {
                            if (!Cells.TryAmount(amountText, out var stated))
                            {
                                Error("计划投入", $"“{amountText}”不是金额。");
                                continue;
                            }

                            planned = Cells.ToYuan(stated, UnitOf(amountText) ?? units.GetValueOrDefault("taskAmount", defaultUnit));
                        }

                        table.Tasks.Add(new InterchangeTask { Name = name, Content = content, PlannedAmount = planned, ExpectedGoal = goal });
                        break;
                    }

                    case Section.Indicators:
                    {
                        var l1 = Cell("level1");
                        var l2 = Cell("level2");
                        var name = Cell("name");
                        var value = Cell("value");
                        var type = Cell("valueType");
                        var unit = Cell("measureUnit");
                        var explanation = Cell("explanation");
                        var standard = Cell("standard");
                        var weightText = Cell("weight");
                        if (l1.Length > 0)
                        {
                            level1 = l1;
                            level2 = string.Empty;
                        }

                        if (l2.Length > 0)
                        {
                            level2 = l2;
                        }

                        if (name.Length + value.Length + type.Length + unit.Length + explanation.Length + standard.Length + weightText.Length == 0)
                        {
                            continue; // a category row, or empty
                        }

                        if (name.Length == 0)
                        {
                            Error("三级指标", "不能为空。");
                            continue;
                        }

                        if (level1.Length == 0 || level2.Length == 0)
                        {
                            Error(level1.Length == 0 ? "一级指标" : "二级指标", $"指标“{name}”没有{(level1.Length == 0 ? "一级" : "二级")}指标。");
                            continue;
                        }

                        if (!IndicatorValueTypes.TryParse(type, out _))
                        {
                            Error("指标值类型", $"“{type}”应为“定量”或“定性”。");
                            continue;
                        }

                        decimal? weight = null;
                        if (weightText.Length > 0)
                        {
                            if (!decimal.TryParse(Cells.Fold(weightText).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var w))
                            {
                                Error("分值", $"“{weightText}”不是数值。");
                                continue;
                            }

                            weight = w;
                        }

                        table.Indicators.Add(new InterchangeDepartmentIndicator
                        {
                            Level1 = level1,
                            Level2 = level2,
                            Name = name,
                            Value = value,
                            ValueType = IndicatorValueTypes.TryParse(type, out var t) && t is { } vt ? vt.ToChinese() : null,
                            MeasureUnit = unit.Length == 0 ? null : unit,
                            Explanation = explanation.Length == 0 ? null : explanation,
                            ScoringStandard = standard.Length == 0 ? null : standard,
                            Weight = weight,
                        });
                        break;
                    }
                }
            }
        }

        if (!found)
        {
            return DepartmentReadResult.Failure(new DocumentError(fileName, null, null, null,
                "文档中没有部门整体支出绩效目标表（找不到“部门（单位）名称”“年度总体绩效目标”“一级指标”等栏目）。"));
        }

        if (table.UnitName.Length == 0)
        {
            errors.Add(new DocumentError(fileName, null, null, "部门（单位）名称", "缺少部门（单位）名称。"));
        }

        var sum = table.Incomes.Sum(i => i.Amount);
        if (statedTotal is { } total && total != sum && totalAt is { } at)
        {
            errors.Add(new DocumentError(fileName, at.Table, at.Row, "合计", $"合计 {total:0.00} 元与各收入来源之和 {sum:0.00} 元不一致。"));
        }

        if (errors.Count > 0)
        {
            return DepartmentReadResult.Failure(errors);
        }

        Mapping.DepartmentMapping.Enrich(table);
        return DepartmentReadResult.Success(new DepartmentDocument(code, table.UnitName, table));
    }

    /// <summary>A list's header row: its section, the field of each grid column, and the money unit an amount header states (预算金额（万元）).</summary>
    private static (Section, Dictionary<int, string>, Dictionary<string, string>)? HeaderOf(List<(int Column, int Span, string Text)> cells)
    {
        var keys = cells.Select(c => (c.Column, Label: Cells.Label(c.Text).TrimEnd('：'))).ToList();
        Dictionary<int, string> Map(params string[] fields)
        {
            var map = new Dictionary<int, string>();
            foreach (var (column, label) in keys)
            {
                var bare = StripUnit(label);
                var field = fields.FirstOrDefault(f => Synonyms[f].Contains(bare));
                if (field is not null && !map.ContainsValue(field))
                {
                    map[column] = field;
                }
            }

            return map;
        }

        Dictionary<string, string> Units(Dictionary<int, string> map) =>
            map.Select(m => (m.Value, Unit: UnitOf(keys.First(k => k.Column == m.Key).Label)))
                .Where(m => m.Unit is not null && m.Value is "amount" or "taskAmount")
                .ToDictionary(m => m.Value, m => m.Unit!);

        if (keys.Any(k => k.Label == "一级指标"))
        {
            return (Section.Indicators, Map("level1", "level2", "name", "value", "valueType", "measureUnit", "explanation", "standard", "weight"), []);
        }

        var tasks = Map("taskName", "taskContent", "taskAmount", "taskGoal");
        if (tasks.ContainsValue("taskName") && tasks.Count >= 2)
        {
            return (Section.Tasks, tasks, Units(tasks));
        }

        var incomes = Map("source", "amount");
        if (incomes.ContainsValue("source") && incomes.ContainsValue("amount"))
        {
            return (Section.Incomes, incomes, Units(incomes));
        }

        return null;
    }

    /// <summary>The cells of a row by grid column (spans counted), so a data row's cell is found under its header.</summary>
    private static List<(int Column, int Span, string Text)> GridCells(RowBlock row)
    {
        var list = new List<(int, int, string)>();
        var column = 0;
        foreach (var cell in row.Cells)
        {
            list.Add((column, Math.Max(1, cell.Span), cell.Merge == MergeKind.Continue ? string.Empty : cell.Text));
            column += Math.Max(1, cell.Span);
        }

        return list;
    }

    /// <summary>The text of the cell covering grid <paramref name="column"/> (null when the row is shorter).</summary>
    private static string? Covering(List<(int Column, int Span, string Text)> cells, int column) =>
        cells.Where(c => c.Column <= column && column < c.Column + c.Span).Select(c => c.Text).FirstOrDefault();

    private static string? KeyOf(string text, params string[] fields)
    {
        var label = Cells.Label(text).TrimEnd('：');
        return fields.FirstOrDefault(f => Synonyms[f].Contains(label));
    }

    private static string StripUnit(string label) => UnitSuffix().Replace(label, string.Empty);

    private static string? UnitOf(string text)
    {
        var label = Cells.Label(text);
        return label.Contains("万元", StringComparison.Ordinal) ? "万元" : label.EndsWith('元') || label.Contains("（元）", StringComparison.Ordinal) ? "元" : null;
    }

    [GeneratedRegex(@"^单位：(万元|元)$")]
    private static partial Regex UnitStatement();

    [GeneratedRegex(@"^(\d{3,})(\D.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingCode();

    [GeneratedRegex(@"（(万元|元)）$|(万元|元)$")]
    private static partial Regex UnitSuffix();
}

/// <summary>One 部门整体 table read from a document: the unit code it states (null when the table gives none), the name, the table.</summary>
public sealed record DepartmentDocument(string? UnitCode, string UnitName, InterchangeDepartmentTable Table);

/// <summary>All or nothing: the tables read, or at least one located error.</summary>
public sealed class DepartmentReadResult
{
    private DepartmentReadResult(IReadOnlyList<DepartmentDocument> tables, IReadOnlyList<DocumentError> errors)
    {
        Tables = tables;
        Errors = errors;
    }

    public IReadOnlyList<DepartmentDocument> Tables { get; }

    public IReadOnlyList<DocumentError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static DepartmentReadResult Success(params DepartmentDocument[] tables) => new(tables, []);

    public static DepartmentReadResult Success(IReadOnlyList<DepartmentDocument> tables) => new(tables, []);

    public static DepartmentReadResult Failure(params DocumentError[] errors) => new([], errors);

    public static DepartmentReadResult Failure(IReadOnlyList<DocumentError> errors) => new([], errors);
}
