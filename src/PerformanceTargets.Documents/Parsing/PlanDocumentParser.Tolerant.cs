using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Documents.Parsing;

/// <summary>
/// The tolerant reader: goal tables as units of other provinces publish them (no 项目编码, other fund blocks,
/// <c>label：value</c> inside one cell, indicators under the project in the same table, other column headers …),
/// read by the labels of <see cref="LabelDictionary"/>. What maps onto no field is kept as an extra field; labels the
/// dictionary does not know are reported (<see cref="InterchangeProject.UnknownLabels"/>), never dropped.
/// </summary>
public sealed partial class PlanDocumentParser
{
    private sealed record Pair(string Label, string Value, int Row, string? Unit)
    {
        /// <summary>A row of a grid of its own: always an extra field, whatever its label.</summary>
        public bool IsGridRow { get; init; }
    }

    /// <summary>A tolerant project waiting for its indicator table (the next table).</summary>
    private (InterchangeProject Project, int Table)? _waiting;

    /// <summary>Unit names the tolerant tables state (预算单位 …), first first.</summary>
    private readonly List<string> _statedUnitNames = [];

    /// <summary>True once a section held a tolerant goal table (its unit is then resolved by <c>ResolveSuppliedUnit</c>).</summary>
    private bool _tolerantSeen;

    /// <summary><c>label：value</c> paragraphs above the tables of a section (填报单位（盖章）：…).</summary>
    private readonly List<(string Label, string Value)> _preamble = [];

    private readonly HashSet<InterchangeProject> _tolerantProjects = [];

    /// <summary>True when <paramref name="table"/> is a goal table the sample's reader does not know but the dictionary does.</summary>
    private bool IsTolerantProjectTable(TableBlock table)
    {
        var labels = _options.Dictionary;
        var hasSampleBudget = FindCell(table, "预算数") is not null;
        var hasCode = FindCell(table, "项目编码") is not null;
        if (hasSampleBudget && (hasCode || table.Rows.Any(r => r.Cells.Any(c => Cells.Label(c.Text).StartsWith("资金支出计划", StringComparison.Ordinal)))))
        {
            // The sample's layout (项目编码 or 资金支出计划 beside 预算数): the strict reader, with its located errors.
            return false;
        }

        var cells = table.Rows.SelectMany(r => r.Cells).Select(c => c.Text).ToList();
        var hasName = cells.Any(t => labels.FieldOf(t) == LabelField.ProjectName || InlinePairs(t).Any(p => labels.FieldOf(p.Label) == LabelField.ProjectName));
        return hasName || (hasCode && cells.Any(t => labels.FieldOf(t) == LabelField.Budget));
    }

    private bool HasIndicatorHeader(TableBlock table) => IndicatorHeader(table.Rows) >= 0;

    /// <summary>The first row holding an indicator header (一级指标 / 二级指标 with a name or value column), or -1.</summary>
    private int IndicatorHeader(IReadOnlyList<RowBlock> rows)
    {
        var labels = _options.Dictionary;
        for (var r = 0; r < rows.Count; r++)
        {
            var columns = rows[r].Cells.Select(c => labels.ColumnOf(c.Text)).ToList();
            if ((columns.Contains(IndicatorColumn.Level1) || columns.Contains(IndicatorColumn.Level2))
                && (columns.Contains(IndicatorColumn.Value) || columns.Count(c => c is IndicatorColumn.Name or IndicatorColumn.Level2) > 0)
                && columns.Count(c => c is not null) >= 3)
            {
                return r;
            }
        }

        return -1;
    }

    private InterchangeProject ReadTolerantProject(TableBlock table, int number, int year)
    {
        var labels = _options.Dictionary;
        var project = new InterchangeProject();
        var header = IndicatorHeader(table.Rows);
        var rows = table.Rows.Take(header < 0 ? table.Rows.Count : header).ToList();

        // The table's money unit: 单位：万元 (also inside the title row), a （万元） label or section.
        var tableUnit = rows.SelectMany(r => r.Cells).Any(c => TableUnitPattern().IsMatch(Cells.Label(c.Text))) ? "万元" : "元";
        var pairs = ExtractPairs(rows, tableUnit);

        string? code = null, name = null, parentName = null, goals = null, medium = null, purpose = null;
        int? goalsRow = null, nameRow = null;
        Pair? budget = null, fiscal = null;
        var parts = new List<Pair>();
        var others = new List<Pair>();
        foreach (var pair in pairs)
        {
            var field = pair.IsGridRow ? LabelField.Extra : labels.FieldOf(pair.Label);
            var label = pair.Label.Trim();
            switch (field)
            {
                case LabelField.ProjectCode when code is null:
                    code = pair.Value.Trim();
                    break;
                case LabelField.ProjectName when name is null:
                    name = pair.Value.Trim();
                    nameRow = pair.Row;
                    break;
                case LabelField.ParentProjectName:
                    parentName ??= pair.Value.Trim();
                    project.AddExtra(label, pair.Value);
                    break;
                case LabelField.UnitName:
                    project.AddExtra(label, pair.Value);
                    if (pair.Value.Trim().Length > 0)
                    {
                        _statedUnitNames.Add(pair.Value.Trim());
                    }

                    break;
                case LabelField.Budget when budget is null:
                    budget = pair;
                    break;
                case LabelField.FiscalFunds when fiscal is null:
                    fiscal = pair;
                    break;
                case LabelField.FiscalPart:
                    parts.Add(pair);
                    project.AddExtra(label, pair.Value);
                    break;
                case LabelField.OtherFunds:
                    others.Add(pair);
                    project.AddExtra(label, pair.Value);
                    break;
                case LabelField.Goal when goals is null:
                    goals = pair.Value;
                    goalsRow = pair.Row;
                    break;
                case LabelField.MediumTermGoal when medium is null:
                    medium = pair.Value;
                    break;
                case LabelField.Purpose when purpose is null:
                    purpose = pair.Value;
                    break;
                case null:
                    project.AddExtra(label, pair.Value);
                    if (label.Length > 0)
                    {
                        (project.UnknownLabels ??= []).Add(label);
                    }

                    break;
                default:
                    // A second 项目名称, 预算数 … or a known extra label: kept as written.
                    project.AddExtra(label, pair.Value);
                    break;
            }
        }

        if (others.Count == 1)
        {
            project.Extra!.RemoveAll(e => e.Label == others[0].Label.Trim() && e.Value == others[0].Value);
            if (project.Extra.Count == 0)
            {
                project.Extra = null;
            }
        }

        project.Name = name ?? parentName ?? string.Empty;
        if (project.Name.Length == 0)
        {
            Error(number, nameRow is null ? null : nameRow + 1, "项目名称", name is null ? "缺少项目名称（项目名称、项目支出名称或二级项目名称）。" : "不能为空");
        }

        if (!string.IsNullOrWhiteSpace(code))
        {
            project.Code = code;
        }
        else
        {
            project.CodeProvisional = true;
        }

        project.Purpose = purpose ?? string.Empty;
        project.MediumTermGoal = string.IsNullOrWhiteSpace(medium) ? null : medium;
        ReadTolerantAmounts(project, number, tableUnit, budget, fiscal, parts, others);

        if (rows.Any(r => r.Cells.Any(c => Cells.Label(c.Text).StartsWith("资金支出计划", StringComparison.Ordinal))))
        {
            ReadSpendingPlan(rows, number, project);
        }
        else
        {
            project.AddNotice(InterchangeJson.NoPlanNotice);
        }

        if (goals is null)
        {
            Error(number, null, "绩效目标", "缺少年度绩效目标（绩效目标、年度绩效目标、本年度绩效目标或年度目标）。");
        }
        else
        {
            project.Goals = SplitGoals(goals);
            if (project.Goals.Count == 0)
            {
                Error(number, goalsRow + 1, "绩效目标", "不能为空");
            }
        }

        if (header >= 0)
        {
            project.Indicators = ReadTolerantIndicators(table, number, header, project);
        }

        if (project.UnknownLabels is { Count: > 0 } unknown)
        {
            project.AddNotice($"未识别的标签（内容已作为附加字段保留）：{string.Join("、", unknown)}");
        }

        _ = year;
        return project;
    }

    /// <summary>
    /// The label/value pairs of the project part of a table: a known label and the cell after it; a row of labels over
    /// a row of values; <c>label：value</c> pairs inside one cell; an unknown label and the cell after it (reported).
    /// </summary>
    private List<Pair> ExtractPairs(List<RowBlock> rows, string tableUnit)
    {
        var labels = _options.Dictionary;
        var pairs = new List<Pair>();
        string? sectionUnit = null;
        bool IsLabel(string text) => labels.FieldOf(text) is not null || labels.IsSection(text);
        for (var r = 0; r < rows.Count; r++)
        {
            var texts = rows[r].Cells.Select(c => c.Text).ToList();
            var filled = Enumerable.Range(0, texts.Count).Where(i => texts[i].Trim().Length > 0).ToList();
            if (filled.Count == 0)
            {
                continue;
            }

            // A grid of its own (项目预算成本构成 | 金额 | 测算依据 …, 项目实施进度计划 | 项目实施内容 | 开始时间 …): each row
            // below becomes one extra field, its cells named by the grid's headers.
            if (filled.Count >= 3 && !labels.IsSection(texts[filled[0]]) && filled.All(i => labels.FieldOf(texts[i]) is null || labels.FieldOf(texts[i]) == LabelField.Extra)
                && filled.All(i => LooksLikeLabel(Cells.Label(texts[i]))) && r + 1 < rows.Count && rows[r + 1].Cells.Count >= texts.Count - 1)
            {
                var grid = texts;
                var g = r + 1;
                for (; g < rows.Count; g++)
                {
                    var cells = rows[g].Cells.Select(c => c.Text).ToList();
                    var first = cells.FindIndex(t => t.Trim().Length > 0);
                    if (first < 0 || (labels.FieldOf(cells[first]) is { } f && f != LabelField.Budget) || labels.IsSection(cells[first]))
                    {
                        break;
                    }

                    if (first == 0 && labels.FieldOf(cells[0]) == LabelField.Budget && cells.Count > 1)
                    {
                        pairs.Add(new Pair(cells[0], cells[1], g, LabelDictionary.UnitOfLabel(grid.Count > 1 ? grid[1] : grid[0]) ?? sectionUnit ?? tableUnit));
                    }

                    var parts = Enumerable.Range(first, cells.Count - first).Where(c => cells[c].Trim().Length > 0)
                        .Select(c => (c > 0 && c < grid.Count && grid[c].Trim().Length > 0 ? grid[c].Trim() + "：" : string.Empty) + cells[c].Trim());
                    pairs.Add(new Pair(grid[0], string.Join("；", parts), g, null) { IsGridRow = true });
                }

                r = g - 1;
                continue;
            }

            // A row of labels over a row of values (总体目标 | 年度目标, 年度资金总额 | 财政拨款 | 其他资金).
            if (filled.Count >= 2 && filled.All(i => IsLabel(texts[i])) && filled.Count(i => labels.FieldOf(texts[i]) is not null) >= 2 && r + 1 < rows.Count)
            {
                var next = rows[r + 1].Cells.Select(c => c.Text).ToList();
                if (next.Count == texts.Count && !next.Any(t => t.Trim().Length > 0 && IsLabel(t)))
                {
                    foreach (var i in filled.Where(i => labels.FieldOf(texts[i]) is not null))
                    {
                        pairs.Add(new Pair(texts[i], next[i], r + 1, LabelDictionary.UnitOfLabel(texts[i]) ?? sectionUnit ?? tableUnit));
                    }

                    r++;
                    continue;
                }
            }

            for (var i = 0; i < texts.Count; i++)
            {
                var text = texts[i];
                if (text.Trim().Length == 0)
                {
                    continue;
                }

                var label = Cells.Label(text);
                if (labels.FieldOf(text) is null && labels.IsSection(text))
                {
                    sectionUnit = LabelDictionary.UnitOfLabel(text) ?? (label.Contains("万元", StringComparison.Ordinal) ? "万元" : null);
                    continue;
                }

                if (labels.FieldOf(text) is null && (TitlePattern().IsMatch(label) || UnitNotePattern().IsMatch(label)))
                {
                    continue;
                }

                var unit = LabelDictionary.UnitOfLabel(text) ?? sectionUnit ?? tableUnit;
                if (labels.FieldOf(text) is not null)
                {
                    var hasValue = i + 1 < texts.Count && !(texts[i + 1].Trim().Length > 0 && IsLabel(texts[i + 1]));
                    pairs.Add(new Pair(text, hasValue ? texts[i + 1] : string.Empty, r, unit));
                    if (hasValue)
                    {
                        i++;
                    }

                    continue;
                }

                var inline = InlinePairs(text);
                if (inline.Count > 0)
                {
                    pairs.AddRange(inline.Select(p => new Pair(p.Label, p.Value, r, unit)));
                    continue;
                }

                if (i + 1 < texts.Count && texts[i + 1].Trim().Length > 0 && !IsLabel(texts[i + 1]) && LooksLikeLabel(label))
                {
                    pairs.Add(new Pair(text, texts[i + 1], r, unit));
                    i++;
                    continue;
                }

                // Text under no label: kept (an extra field without a label) and reported.
                pairs.Add(new Pair(string.Empty, text, r, unit));
            }
        }

        return pairs;
    }

    private static bool LooksLikeLabel(string label) =>
        label.Length is > 0 and <= 24 && !Cells.TryAmount(label, out _) && !label.EndsWith('。');

    /// <summary><c>label：value</c> pairs typed inside one cell (<c>年度资金总额：250万\n其中：财政拨款：200万</c>), for labels the dictionary knows.</summary>
    private List<(string Label, string Value)> InlinePairs(string text)
    {
        var labels = _options.Dictionary.FieldLabels;
        var folded = new StringBuilder(text.Length);
        foreach (var c in Cells.Fold(text))
        {
            folded.Append(c switch { ':' => '：', '(' => '（', ')' => '）', _ => c });
        }

        var s = folded.ToString();
        var found = new List<(int Start, int End, string Label)>();
        for (var pos = 0; pos < s.Length; pos++)
        {
            if (pos > 0 && !IsSeparator(s[pos - 1]))
            {
                continue;
            }

            foreach (var label in labels)
            {
                if (string.CompareOrdinal(s, pos, label, 0, label.Length) != 0 || pos + label.Length > s.Length)
                {
                    continue;
                }

                var k = pos + label.Length;
                while (k < s.Length && s[k] == ' ')
                {
                    k++;
                }

                if (k < s.Length && (s[k] == '：' || char.IsAsciiDigit(s[k])))
                {
                    found.Add((pos, s[k] == '：' ? k + 1 : k, label));
                    pos = k;
                    break;
                }
            }
        }

        var pairs = new List<(string, string)>();
        for (var m = 0; m < found.Count; m++)
        {
            var end = m + 1 < found.Count ? found[m + 1].Start : text.Length;
            var value = text[found[m].End..end];
            if (m + 1 < found.Count && value.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0)
            {
                value = value[..newline]; // the next line starts the next pair (often after an ordinal: 二、)
            }

            value = OrdinalTail().Replace(value.Trim(), string.Empty).Trim().Trim(PairPunctuation).Trim();
            if (value.EndsWith("其中", StringComparison.Ordinal))
            {
                value = value[..^2].Trim().Trim(PairPunctuation).Trim();
            }

            pairs.Add((text.Substring(found[m].Start, found[m].Label.Length), value));
        }

        return pairs;
    }

    private static readonly char[] PairPunctuation = ['；', ';', '，', ',', '。', '（', '(', '）', ')', '、', '：', ':'];

    [GeneratedRegex(@"[一二三四五六七八九十]+、$")]
    private static partial Regex OrdinalTail();

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '；' or ';' or '，' or ',' or '（' or '(' or '、' or '。' or '：' or '）' or ')';

    /// <summary>An amount as written (<c>250万</c>, <c>20万元</c>, <c>1,580,000.00</c>) in 元, or null (with a located error).</summary>
    private decimal? TolerantAmount(Pair pair, int number, string field, out string statedUnit)
    {
        var text = Cells.Fold(pair.Value).Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        statedUnit = pair.Unit ?? "元";
        if (text.EndsWith("万元", StringComparison.Ordinal) || text.EndsWith('万'))
        {
            statedUnit = "万元";
            text = text.TrimEnd('元').TrimEnd('万');
        }
        else if (text.EndsWith('元'))
        {
            statedUnit = "元";
            text = text[..^1];
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var stated))
        {
            Error(number, pair.Row + 1, field, $"金额“{pair.Value.Trim()}”格式不正确（应为非负数字，如 250、250万 或 1,580,000.00）。");
            return null;
        }

        return Cells.ToYuan(stated, statedUnit);
    }

    private void ReadTolerantAmounts(InterchangeProject project, int number, string tableUnit, Pair? budgetPair, Pair? fiscalPair, List<Pair> parts, List<Pair> others)
    {
        var units = new List<string>();
        var failed = false;
        decimal? Read(Pair? pair, string field)
        {
            if (pair is null || pair.Value.Trim().Length == 0)
            {
                return null;
            }

            var amount = TolerantAmount(pair, number, field, out var unit);
            failed |= amount is null;
            units.Add(unit);
            return amount;
        }

        decimal? Sum(List<Pair> pairs, string field)
        {
            decimal? total = null;
            foreach (var pair in pairs)
            {
                if (Read(pair, field) is { } amount)
                {
                    total = (total ?? 0m) + amount;
                }
            }

            return total;
        }

        var budget = Read(budgetPair, "预算数");
        var fiscal = Read(fiscalPair, "财政资金");
        var partSum = Sum(parts, "财政资金");
        var other = Sum(others, "其他资金");
        if (failed)
        {
            return;
        }

        project.AmountUnit = units.Contains("万元") || (units.Count == 0 && tableUnit == "万元") ? "万元" : "元";
        if (fiscal is null && partSum is not null)
        {
            fiscal = partSum;
            project.AddNotice("财政资金按其中各项（" + string.Join("、", parts.Select(p => p.Label.Trim())) + "）之和计算。");
        }

        if (budget is null)
        {
            if (fiscal is null && other is null)
            {
                Error(number, null, "预算数", "缺少预算数（年度资金总额、预算数或预算申报数），也没有财政资金和其他资金。");
                return;
            }

            budget = (fiscal ?? 0m) + (other ?? 0m);
            project.AddNotice("预算数按财政资金与其他资金之和计算。");
        }

        var at = budgetPair?.Row ?? fiscalPair?.Row;
        if (fiscal is null && other is null)
        {
            project.Budget = budget.Value;
            project.FiscalFunds = 0m;
            project.OtherFunds = 0m;
            project.FundsSplitUnknown = true;
            project.AddNotice(InterchangeJson.SplitUnknownNotice);
            return;
        }

        if (other is null)
        {
            other = budget.Value - fiscal!.Value;
            if (other >= 0)
            {
                project.AddNotice("其他资金未填写，按预算数减财政资金计算。");
            }
        }
        else if (fiscal is null)
        {
            fiscal = budget.Value - other.Value;
            if (fiscal >= 0)
            {
                project.AddNotice("财政资金未填写，按预算数减其他资金计算。");
            }
        }

        if (fiscal!.Value < 0 || other!.Value < 0 || fiscal.Value + other.Value != budget.Value)
        {
            Error(number, at + 1, "财政资金", $"财政资金（{Math.Max(fiscal.Value, 0):0.00}）+ 其他资金（{Math.Max(other!.Value, 0):0.00}）与预算数（{budget.Value:0.00} 元）不一致。");
            return;
        }

        project.Budget = budget.Value;
        project.FiscalFunds = fiscal.Value;
        project.OtherFunds = other.Value;
    }

    private List<InterchangeIndicator> ReadTolerantIndicators(TableBlock table, int number, int headerRow, InterchangeProject project)
    {
        var labels = _options.Dictionary;
        var indicators = new List<InterchangeIndicator>();
        var longTerm = new List<string>();
        var rows = table.Rows;
        var header = rows[headerRow].Cells.Select(c => c.Text).ToList();
        var map = ColumnsOf(header);
        var isLongTerm = SectionIsLongTerm(rows, headerRow);
        string level1 = string.Empty, level2 = string.Empty;
        for (var r = headerRow + 1; r < rows.Count; r++)
        {
            var cells = rows[r].Cells.Select(c => c.Text).ToList();
            var filled = cells.Where(t => t.Trim().Length > 0).ToList();
            if (filled.Count == 0)
            {
                continue;
            }

            if (labels.IsTrailer(filled[0]))
            {
                // 财政部门审核意见, 填表人, 联系电话 …: not indicators; kept as written.
                foreach (var pair in ExtractPairs([.. rows.Skip(r)], "元"))
                {
                    project.AddExtra(pair.Label.Trim(), pair.Value);
                }

                break;
            }

            if (IndicatorHeader([rows[r]]) == 0)
            {
                header = cells;
                map = ColumnsOf(header);
                isLongTerm = SectionIsLongTerm(rows, r);
                level1 = level2 = string.Empty;
                continue;
            }

            if (filled.Count == 1 && labels.IsSection(filled[0]))
            {
                isLongTerm = Cells.Label(filled[0]) is var s && (s.Contains("长期", StringComparison.Ordinal) || s.Contains("总目标", StringComparison.Ordinal) || s.Contains("实施期", StringComparison.Ordinal));
                continue;
            }

            string Cell(IndicatorColumn column) => map.TryGetValue(column, out var index) && index < cells.Count ? cells[index] : string.Empty;
            var l1 = Cell(IndicatorColumn.Level1).Trim();
            var l2 = Cell(IndicatorColumn.Level2).Trim();
            var name = Cell(IndicatorColumn.Name);
            if (map.ContainsKey(IndicatorColumn.Name) is false && map.ContainsKey(IndicatorColumn.Level2))
            {
                // 一级指标 | 二级指标 headers over 二级 names and indicator names (the 一级 column holds 数量指标 …).
                name = l2;
                l2 = l1;
                l1 = l2.Length > 0 ? Level1Of(l2) : string.Empty;
            }

            if (l1.Length > 0)
            {
                level1 = labels.Level1(l1);
                level2 = string.Empty;
            }

            if (l2.Length > 0)
            {
                level2 = Cells.Label(l2);
            }

            var value = Cell(IndicatorColumn.Value);
            if (name.Trim().Length == 0 && value.Trim().Length == 0)
            {
                continue; // an empty template row (its categories still carry on)
            }

            var indicator = new InterchangeIndicator
            {
                Level1 = level1,
                Level2 = level2,
                Name = name,
                Description = Cell(IndicatorColumn.Description),
                Value = ComposeValue(Cell(IndicatorColumn.Nature), value, Cell(IndicatorColumn.MeasureUnit)),
                Basis = Cell(IndicatorColumn.Basis),
            };
            for (var c = 0; c < cells.Count; c++)
            {
                if (!map.ContainsValue(c) || map.Where(m => m.Value == c).Any(m => m.Key is IndicatorColumn.Nature or IndicatorColumn.MeasureUnit or IndicatorColumn.Weight))
                {
                    var head = c < header.Count ? header[c].Trim() : string.Empty;
                    if (cells[c].Trim().Length > 0 && !(c < header.Count && labels.IsSection(header[c])) && head.Length + cells[c].Trim().Length > 0 && !(head.Length == 0 && labels.IsSection(cells[c])))
                    {
                        (indicator.Extra ??= []).Add(new InterchangeExtraField { Label = Cells.Label(head), Value = cells[c] });
                    }
                }
            }

            if (isLongTerm)
            {
                longTerm.Add(string.Join("｜", level1, level2, indicator.Name, indicator.Value));
                continue;
            }

            if (level1.Length == 0)
            {
                Error(number, r + 1, "一级指标", "不能为空（第一行指标必须写明一级指标）");
            }
            else if (!IndicatorCatalog.IsKnownLevel1(level1))
            {
                Error(number, r + 1, "一级指标", $"“{level1}”不是已知的一级指标（应为{string.Join("、", IndicatorCatalog.All.SelectMany(c => c.Level1Names).Distinct())}之一，或标签词典中的同义词）。");
            }

            if (indicator.Name.Trim().Length == 0)
            {
                Error(number, r + 1, "三级指标", "不能为空");
            }

            if (indicator.Value.Trim().Length == 0)
            {
                Error(number, r + 1, "指标值", "不能为空");
            }

            indicators.Add(indicator);
        }

        if (longTerm.Count > 0)
        {
            project.AddExtra("长期绩效指标", string.Join("\n", longTerm));
        }

        if (indicators.Count == 0)
        {
            Error(number, null, null, "绩效指标表没有任何指标行（文件可能不完整）。");
        }

        return indicators;
    }

    private Dictionary<IndicatorColumn, int> ColumnsOf(List<string> header)
    {
        var labels = _options.Dictionary;
        var normalized = header.Select(LabelDictionary.Normalize).ToList();
        var map = new Dictionary<IndicatorColumn, int>();
        foreach (var column in Enum.GetValues<IndicatorColumn>())
        {
            foreach (var name in labels.ColumnNames(column))
            {
                var index = Enumerable.Range(0, normalized.Count).FirstOrDefault(i => normalized[i] == name && !map.ContainsValue(i), -1);
                if (index >= 0)
                {
                    map[column] = index;
                    break;
                }
            }
        }

        return map;
    }

    private bool SectionIsLongTerm(IReadOnlyList<RowBlock> rows, int headerRow)
    {
        var texts = rows[headerRow].Cells.Select(c => Cells.Label(c.Text)).Where(t => _options.Dictionary.IsSection(t));
        if (headerRow > 0)
        {
            var above = rows[headerRow - 1].Cells.Select(c => Cells.Label(c.Text)).Where(t => t.Length > 0).ToList();
            if (above.Count == 1 && _options.Dictionary.IsSection(above[0]))
            {
                texts = texts.Append(above[0]);
            }
        }

        return texts.Any(s => s.Contains("长期", StringComparison.Ordinal) || s.Contains("总目标", StringComparison.Ordinal) || s.Contains("实施期", StringComparison.Ordinal));
    }

    /// <summary>The 一级 a 二级 belongs to in the 2020 catalogue (then 2021), for tables whose first column holds the 二级.</summary>
    private static string Level1Of(string level2)
    {
        var label = Cells.Label(level2);
        foreach (var catalog in new[] { IndicatorCatalog.Style2020, IndicatorCatalog.Style2021 })
        {
            foreach (var (level1, names) in catalog.Categories)
            {
                if (names.Contains(label))
                {
                    return level1;
                }
            }
        }

        return IndicatorCatalog.IsKnownLevel1(label) ? label : string.Empty;
    }

    /// <summary>指标性质 (≥ ≤ = 定性) + 指标值 + 度量单位 → one 指标值 as the rules engine reads it (<c>≥90%</c>).</summary>
    public static string ComposeValue(string nature, string value, string unit)
    {
        var n = Cells.Label(nature);
        var prefix = n switch
        {
            "≥" or ">=" or "≧" or "＞＝" or "大于等于" or "不低于" or "不少于" => "≥",
            "≤" or "<=" or "≦" or "＜＝" or "小于等于" or "不高于" or "不超过" => "≤",
            ">" or "＞" or "大于" or "高于" => ">",
            "<" or "＜" or "小于" or "低于" => "<",
            "=" or "＝" or "等于" => "=",
            _ => string.Empty,
        };
        var text = value.Trim();
        if (text.Length == 0)
        {
            return value;
        }

        if (prefix.Length > 0 && !"≥≤<>=".Contains(text[0], StringComparison.Ordinal))
        {
            text = prefix + text;
        }

        var u = unit.Trim();
        return u.Length > 0 && n != "定性" && !text.EndsWith(u, StringComparison.Ordinal) ? text + u : prefix.Length == 0 && n.Length == 0 && u.Length == 0 ? value : text;
    }

    /// <summary>
    /// The documented rule for a project without 项目编码: <c>{unit code}-{year}-{first 8 hex digits of SHA-256 of the
    /// project name without whitespace}</c> (e.g. <c>631001-2024-3F2A91C0</c>); the same name in the same unit and year
    /// always gives the same code, so a re-import updates the project instead of adding it again. Marked provisional.
    /// </summary>
    public static string GeneratedCode(string unitCode, int year, string projectName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Cells.Label(projectName)));
        return $"{unitCode}-{year.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexString(hash, 0, 4)}";
    }

    [GeneratedRegex(@"单位：万元|（万元）|万元）")]
    private static partial Regex TableUnitPattern();

    [GeneratedRegex(@"^单位：(万元|元)$|单位：(万元|元)$")]
    private static partial Regex UnitNotePattern();

    [GeneratedRegex(@"(绩效目标表|绩效目标申报表|目标申报表|目标表)(（\d{4}年度?）)?$")]
    private static partial Regex TitlePattern();
}
