using System.Text.RegularExpressions;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Documents.Parsing;

/// <summary>
/// The one parser behind the text-dump and .docx readers: blocks → interchange document, or located Chinese errors.
/// Tables are recognised and read by their labels (项目编码, 预算数, 其中：财政资金, 资金支出计划, 绩效目标, 一级指标 …),
/// never by fixed positions, so documents of other units (other rows, other checkpoints, merged cells) read too.
/// </summary>
public sealed partial class PlanDocumentParser
{
    private readonly string _file;
    private readonly List<DocumentError> _errors = [];
    private readonly Dictionary<string, (int Table, int Row)> _projectCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<Block, int> _tableNumbers = [];

    private readonly bool _positionsAreLines;
    private readonly ReadOptions _options;

    private PlanDocumentParser(string file, bool positionsAreLines, ReadOptions options)
    {
        _file = file;
        _positionsAreLines = positionsAreLines;
        _options = options;
    }

    /// <summary>
    /// Parses <paramref name="blocks"/>. <paramref name="positionsAreLines"/>: the paragraphs' positions are text-dump lines
    /// (errors say 第N行) rather than .docx paragraph numbers (第N段).
    /// </summary>
    public static ImportResult Parse(IReadOnlyList<Block> blocks, string fileName, int year, bool positionsAreLines = false, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var parser = new PlanDocumentParser(fileName, positionsAreLines, options ?? ReadOptions.None);
        var document = parser.ParseDocument(blocks, year);
        if (parser._errors.Count > 0)
        {
            return ImportResult.Failure(parser._errors);
        }

        Enrichment.Complete(document);
        return ImportResult.Success(document);
    }

    private InterchangeDocument ParseDocument(IReadOnlyList<Block> blocks, int year)
    {
        var number = 0;
        foreach (var table in blocks.OfType<TableBlock>())
        {
            _tableNumbers[table] = ++number;
        }

        var document = new InterchangeDocument { Year = year };
        foreach (var section in SplitUnits(blocks))
        {
            var unit = ParseUnit(section, year);
            if (unit is not null)
            {
                document.Units.Add(unit);
            }
        }

        if (number == 0 && document.Units.Count == 0)
        {
            Error(null, null, null, "文档中没有表格：找不到预算项目绩效目标表（文件可能不完整）。");
        }

        return document;
    }

    /// <summary>A document may hold several units one after another, each from its own 第一部分.</summary>
    private static List<List<Block>> SplitUnits(IReadOnlyList<Block> blocks)
    {
        var sections = new List<List<Block>> { new() };
        var seenPartOne = false;
        foreach (var block in blocks)
        {
            if (block is ParagraphBlock p && Cells.Label(p.Text) == "第一部分")
            {
                if (seenPartOne)
                {
                    sections.Add([]);
                }

                seenPartOne = true;
            }

            sections[^1].Add(block);
        }

        return sections;
    }

    private InterchangeUnit? ParseUnit(List<Block> section, int year)
    {
        var unit = new InterchangeUnit();
        var partOne = new List<ParagraphBlock>();
        var i = 0;
        for (; i < section.Count; i++)
        {
            if (section[i] is not ParagraphBlock p || Cells.Label(p.Text) == "第二部分" || ProjectTitlePattern().IsMatch(Cells.Label(p.Text)))
            {
                break;
            }

            partOne.Add(p);
        }

        var statedUnit = ParsePartOne(partOne, unit);
        var tables = section.Skip(i).OfType<TableBlock>().ToList();
        _statedUnitNames.Clear();
        _statedUnitNames.AddRange(_preamble.Where(p => _options.Dictionary.FieldOf(p.Label) == LabelField.UnitName && p.Value.Length > 0).Select(p => p.Value));
        ParseProjects(tables, unit);
        foreach (var project in unit.Projects.Where(_tolerantProjects.Contains))
        {
            var extras = _preamble.Select(p => new InterchangeExtraField { Label = p.Label, Value = p.Value }).ToList();
            if (extras.Count > 0)
            {
                project.Extra = [.. extras, .. project.Extra ?? []];
            }
        }

        _preamble.Clear();
        if (unit.Projects.Count == 0 && statedUnit is { } s)
        {
            (unit.Code, unit.Name) = s;
        }

        ResolveSuppliedUnit(unit, tables, year);

        if (unit.Code.Length == 0)
        {
            if (_tableNumbers.Count > 0 && !_tolerantSeen && (tables.Count > 0 || partOne.Any(p => p.Text.Trim().Length > 0)))
            {
                Error(tables.Count > 0 ? _tableNumbers[tables[0]] : null, null, null, "找不到预算项目表（含“项目编码”的表格），无法确定单位编码和名称（文件可能不完整）。");
            }

            return null;
        }

        return unit;
    }

    // ---------------------------------------------------------------- Part 1: 部门整体绩效目标

    private enum PartOneSection
    {
        None,
        Overall,
        AnnualTargets,
        SubGoals,
        Guarantee,
    }

    /// <summary>Reads 第一部分; returns the unit a <c>单位：631001…</c> line states, if any.</summary>
    private (string Code, string Name)? ParsePartOne(List<ParagraphBlock> paragraphs, InterchangeUnit unit)
    {
        (string, string)? stated = null;
        var section = PartOneSection.None;
        var overall = new List<string>();
        var annual = new List<string>();
        var guarantee = new List<string>();
        var subGoals = new List<ParagraphBlock>();
        foreach (var p in paragraphs)
        {
            var label = Cells.Label(p.Text);
            var heading = SectionHeadingPattern().Match(label);
            if (heading.Success)
            {
                section = heading.Groups[1].Value switch
                {
                    "总体绩效目标" => PartOneSection.Overall,
                    "分项绩效目标" => PartOneSection.SubGoals,
                    _ => PartOneSection.Guarantee,
                };
                continue;
            }

            if (section == PartOneSection.None)
            {
                // 填报单位（盖章）：… above a goal table: kept for the tolerant tables of this section.
                _preamble.AddRange(InlinePairs(p.Text).Where(pair => _options.Dictionary.FieldOf(pair.Label) is not null));
                var unitLine = StatedUnitPattern().Match(p.Text.Trim());
                if (unitLine.Success && Unit.TrySplitCodeAndName(unitLine.Groups[1].Value, out var code, out var name))
                {
                    stated = (code, name);
                }

                continue;
            }

            if (section is PartOneSection.Overall && label.StartsWith("年度量化目标", StringComparison.Ordinal))
            {
                section = PartOneSection.AnnualTargets;
                continue;
            }

            switch (section)
            {
                case PartOneSection.Overall:
                    overall.Add(p.Text);
                    break;
                case PartOneSection.AnnualTargets:
                    annual.Add(p.Text);
                    break;
                case PartOneSection.SubGoals:
                    subGoals.Add(p);
                    break;
                default:
                    guarantee.Add(p.Text);
                    break;
            }
        }

        unit.OverallGoal = JoinLines(overall);
        unit.AnnualTargets = JoinLines(annual);
        unit.GuaranteeMeasures = JoinLines(guarantee);
        unit.SubGoals = ParseSubGoals(subGoals);
        return stated;
    }

    /// <summary>Joins paragraphs with <c>\n</c>, dropping blank ones at either end (layout, not content).</summary>
    private static string JoinLines(List<string> lines)
    {
        var start = lines.FindIndex(l => l.Trim().Length > 0);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = lines.FindLastIndex(l => l.Trim().Length > 0);
        return string.Join('\n', lines.Skip(start).Take(end - start + 1));
    }

    private List<InterchangeSubGoal> ParseSubGoals(List<ParagraphBlock> paragraphs)
    {
        var goals = new List<InterchangeSubGoal>();
        string? area = null;
        string? areaHeading = null;
        string? activity = null;
        string? activityHeading = null;
        InterchangeSubGoal? current = null;
        ParagraphBlock? currentStart = null;
        ParagraphBlock? standardAt = null;
        var activityIndex = 0;

        void Finish()
        {
            if (current is not null)
            {
                if (current.Indicator.Length == 0)
                {
                    Error(null, null, "绩效指标", $"分项绩效目标“{current.Area}{(current.Activity is null ? string.Empty : " " + current.Activity)}”缺少“绩效指标是…”一句。", currentStart!.Line);
                }

                current.Bands = Enrichment.Bands(current.Standard, out var error);
                if (error is not null)
                {
                    Error(null, null, "绩效标准", error, (standardAt ?? currentStart)!.Line);
                }

                goals.Add(current);
                current = null;
            }
        }

        foreach (var p in paragraphs)
        {
            var text = p.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.StartsWith("绩效目标是", StringComparison.Ordinal))
            {
                Finish();
                if (area is null)
                {
                    Error(null, null, "分项绩效目标", "“绩效目标是…”之前缺少领域标题（如“一、综合办公绩效目标：”）。", p.Line);
                }

                current = new InterchangeSubGoal
                {
                    Area = area ?? string.Empty,
                    AreaHeading = areaHeading,
                    Activity = activity,
                    ActivityHeading = activityHeading,
                    Goal = AfterLead(text, "绩效目标是"),
                };
                currentStart = p;
                standardAt = null;
            }
            else if (text.StartsWith("绩效指标是", StringComparison.Ordinal))
            {
                if (current is null || current.Indicator.Length > 0)
                {
                    Error(null, null, "绩效指标", "“绩效指标是…”之前缺少对应的“绩效目标是…”一句。", p.Line);
                    continue;
                }

                var indicator = AfterLead(text, "绩效指标是");
                current.Indicator = indicator.EndsWith('。') ? indicator[..^1] : indicator;
            }
            else if (text.StartsWith("绩效标准是", StringComparison.Ordinal))
            {
                if (current is null || current.Standard.Length > 0)
                {
                    Error(null, null, "绩效标准", "“绩效标准是…”之前缺少对应的“绩效目标是…”一句。", p.Line);
                    continue;
                }

                current.Standard = text["绩效标准是".Length..];
                standardAt = p;
            }
            else if (ActivityPattern().Match(text) is { Success: true } a)
            {
                Finish();
                activity = a.Groups[1].Value.TrimEnd('：', ':').Trim();
                activityIndex++;
                activityHeading = text == DefaultActivityHeading(activityIndex, activity) ? null : text;
            }
            else if (current is not null && current.Indicator.Length == 0)
            {
                current.Goal += "\n" + text;
            }
            else
            {
                Finish();
                area = AreaFromHeading(text);
                areaHeading = text == DefaultAreaHeading(area) ? null : text;
                activityIndex = 0;
                activity = null;
                activityHeading = null;
            }
        }

        Finish();
        return goals;
    }

    /// <summary>The area heading written when none is kept: <c>综合办公绩效目标：</c>.</summary>
    public static string DefaultAreaHeading(string area) => $"{area}绩效目标：";

    /// <summary>The activity heading written when none is kept: <c>一是办公活动：</c> for the first activity of its area.</summary>
    public static string DefaultActivityHeading(int index, string activity) => $"{ChineseNumber(index)}是{activity}：";

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1–99).</summary>
    public static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99)
        {
            return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (n < 10)
        {
            return digits[n].ToString();
        }

        return (n / 10 == 1 ? string.Empty : digits[n / 10].ToString()) + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString());
    }

    private static string AfterLead(string text, string lead)
    {
        var rest = text[lead.Length..];
        return rest.StartsWith('：') || rest.StartsWith(':') ? rest[1..] : rest;
    }

    private static string AreaFromHeading(string heading)
    {
        var area = AreaOrdinalPattern().Replace(heading, string.Empty).TrimEnd('：', ':', ' ', '。');
        foreach (var suffix in new[] { "绩效目标", "职责", "目标" })
        {
            if (area.EndsWith(suffix, StringComparison.Ordinal) && area.Length > suffix.Length)
            {
                area = area[..^suffix.Length];
                break;
            }
        }

        return area.Trim();
    }

    // ---------------------------------------------------------------- Part 2: 预算项目绩效目标

    private void ParseProjects(List<TableBlock> tables, InterchangeUnit unit)
    {
        InterchangeProject? pending = null;
        var pendingTable = 0;
        foreach (var table in tables)
        {
            var number = _tableNumbers[table];
            if (IsTolerantProjectTable(table))
            {
                if (pending is not null)
                {
                    Error(pendingTable, null, null, $"项目“{pending.Name}”的表格后缺少绩效指标表（含“一级指标”的表格）。");
                    pending = null;
                }

                FinishWaiting();
                _tolerantSeen = true;
                var tolerant = ReadTolerantProject(table, number, 0);
                _tolerantProjects.Add(tolerant);
                if (HasIndicatorHeader(table))
                {
                    unit.Projects.Add(tolerant);
                }
                else
                {
                    _waiting = (tolerant, number);
                }

                continue;
            }

            if (_waiting is { } waiting && pending is null && HasIndicatorHeader(table))
            {
                waiting.Project.Indicators = ReadTolerantIndicators(table, number, IndicatorHeader(table.Rows), waiting.Project);
                unit.Projects.Add(waiting.Project);
                _waiting = null;
                continue;
            }

            FinishWaiting();
            var headerRow = FindRow(table, "一级指标");
            var isProject = FindCell(table, "项目编码") is not null || FindCell(table, "预算数") is not null;
            if (isProject)
            {
                if (pending is not null)
                {
                    Error(pendingTable, null, null, $"项目“{pending.Name}”的表格后缺少绩效指标表（含“一级指标”的表格）。");
                }

                pending = ParseProjectTable(table, number, unit, headerRow < 0 ? table.Rows.Count : headerRow);
                pendingTable = number;
                if (headerRow < 0)
                {
                    continue;
                }
            }

            if (headerRow < 0)
            {
                Error(number, null, null, "无法识别的表格：既不是项目表（缺少“项目编码”），也不是绩效指标表（缺少“一级指标”）。");
                continue;
            }

            if (pending is null)
            {
                Error(number, headerRow + 1, null, "绩效指标表之前缺少项目表（含“项目编码”的表格）。");
                continue;
            }

            pending.Indicators = ParseIndicators(table, number, headerRow);
            unit.Projects.Add(pending);
            pending = null;
        }

        if (pending is not null)
        {
            Error(pendingTable, null, null, $"项目“{pending.Name}”的表格后缺少绩效指标表（含“一级指标”的表格），文件可能不完整。");
        }

        FinishWaiting();

        void FinishWaiting()
        {
            if (_waiting is { } w)
            {
                Error(w.Table, null, null, $"项目“{w.Project.Name}”的表格后缺少绩效指标（含“一级指标”的表头），文件可能不完整。");
                _waiting = null;
            }
        }
    }

    /// <summary>
    /// The unit of a section: the one the document states (<c>631001某单位</c>), else the one the caller supplies
    /// (<see cref="ReadOptions.UnitCode"/>, e.g. <c>--unit</c>); then codes for projects without 项目编码.
    /// </summary>
    private void ResolveSuppliedUnit(InterchangeUnit unit, List<TableBlock> tables, int year)
    {
        if (_options.UnitCode is { Length: > 0 } supplied)
        {
            if (unit.Code.Length == 0 && (unit.Projects.Count > 0 || _statedUnitNames.Count > 0))
            {
                unit.Code = supplied;
                unit.Name = _options.UnitName ?? string.Empty;
            }
        }
        else if (unit.Code.Length == 0 && _tolerantSeen)
        {
            var named = _statedUnitNames.Count > 0 ? $"（文档写明的单位：{_statedUnitNames[0]}）" : string.Empty;
            Error(tables.Count > 0 ? _tableNumbers[tables[0]] : null, null, "单位", $"文档没有单位编码{named}：请指定导入到哪个单位（命令行 --unit 单位编码，新单位再加 --unit-name 名称；网页上在预览中选择单位）。");
            return;
        }

        foreach (var project in unit.Projects.Where(p => p.CodeProvisional && p.Code.Length == 0 && unit.Code.Length > 0))
        {
            project.Code = GeneratedCode(unit.Code, year, project.Name);
            project.AddNotice($"文档没有项目编码，已按规则生成临时编码 {project.Code}。");
            if (_projectCodes.TryGetValue(project.Code, out var first))
            {
                Error(null, null, "项目编码", $"生成的项目编码“{project.Code}”重复（项目名称与表{first.Table}的项目相同）。");
            }
            else
            {
                _projectCodes[project.Code] = (0, 0);
            }
        }
    }

    private InterchangeProject ParseProjectTable(TableBlock table, int number, InterchangeUnit unit, int rowCount)
    {
        var project = new InterchangeProject();
        var rows = table.Rows.Take(rowCount).ToList();

        // 其他信息: the kept extra fields (one label | value row each) end the project part (DocumentLayout writes them last).
        var extraAt = rows.FindIndex(r => r.Cells.Count > 0 && Cells.Label(r.Cells[0].Text) == DocumentLayout.ExtraSectionLabel && r.Cells.Skip(1).All(c => c.Text.Trim().Length == 0));
        if (extraAt >= 0)
        {
            foreach (var row in rows.Skip(extraAt + 1).Where(r => r.Cells.Any(c => c.Text.Trim().Length > 0)))
            {
                project.AddExtra(row.Cells[0].Text.Trim(), string.Join('\n', row.Cells.Skip(1).Select(c => c.Text).Where(t => t.Length > 0)));
            }

            rows = rows.Take(extraAt).ToList();
        }

        // 单位 row: 631001秦皇岛市…本级 | 单位：元
        var unitCell = FindCell(rows, c => AmountUnitPattern().IsMatch(Cells.Label(c.Text)));
        if (unitCell is { } u)
        {
            project.AmountUnit = AmountUnitPattern().Match(Cells.Label(u.Cell.Text)).Groups[1].Value;
            var nameCell = rows[u.Row].Cells.Select(c => c.Text).FirstOrDefault(t => t.Trim().Length > 0 && char.IsAsciiDigit(t.Trim()[0]));
            if (nameCell is not null && Unit.TrySplitCodeAndName(nameCell, out var code, out var name))
            {
                if (unit.Code.Length == 0)
                {
                    unit.Code = code;
                    unit.Name = name;
                }
                else if (unit.Code != code || unit.Name != name)
                {
                    Error(number, u.Row + 1, "单位", $"单位“{code}{name}”与前面项目表的单位“{unit.Code}{unit.Name}”不一致；一个文件只能包含同一单位的项目。");
                }
            }
            else if (unit.Code.Length == 0)
            {
                Error(number, u.Row + 1, "单位", "缺少单位编码和名称（应为“631001某某单位”形式）。");
            }
        }
        else if (unit.Code.Length == 0)
        {
            Error(number, 1, "单位", "缺少“单位：元”或“单位：万元”及单位编码和名称。");
        }

        project.CodeProvisional = FindCell(rows, c => Cells.Label(c.Text) == DocumentLayout.ProvisionalCodeLabel) is not null;
        project.Code = Value(rows, number, project.CodeProvisional ? DocumentLayout.ProvisionalCodeLabel : "项目编码", required: true).Trim();
        project.Name = Value(rows, number, "项目名称", required: true).Trim();
        if (project.Code.Length > 0)
        {
            var at = FindCell(rows, c => Cells.Label(c.Text) is "项目编码" or DocumentLayout.ProvisionalCodeLabel)!.Value;
            if (_projectCodes.TryGetValue(project.Code, out var first))
            {
                Error(number, at.Row + 1, "项目编码", $"项目编码“{project.Code}”重复（与表{first.Table}第{first.Row}行相同）。");
            }
            else
            {
                _projectCodes[project.Code] = (number, at.Row + 1);
            }
        }

        ReadAmounts(rows, number, project);
        project.Purpose = ReadPurpose(rows);
        ReadSpendingPlan(rows, number, project);
        if (FindCell(rows, c => Cells.Label(c.Text) is DocumentLayout.MediumTermGoalLabel or "中期绩效目标") is { } medium
            && NextCell(rows, medium)?.Text is { } mediumText && mediumText.Trim().Length > 0)
        {
            project.MediumTermGoal = mediumText;
        }

        var goals = FindCell(rows, c => Cells.Label(c.Text) is "绩效目标" or "年度绩效目标");
        if (goals is null)
        {
            Error(number, null, "绩效目标", "缺少“绩效目标”一行（文件可能不完整）。");
        }
        else
        {
            project.Goals = SplitGoals(NextCell(rows, goals.Value)?.Text ?? string.Empty);
            if (project.Goals.Count == 0)
            {
                Error(number, goals.Value.Row + 1, "绩效目标", "不能为空");
            }
        }

        return project;
    }

    private void ReadAmounts(List<RowBlock> rows, int number, InterchangeProject project)
    {
        var budgetAt = FindCell(rows, c => Cells.Label(c.Text) is "预算数" or "预算数（元）" or "预算数（万元）" or "年度预算数");
        decimal? Amount(Func<string, bool> isLabel, string field, bool required)
        {
            var at = FindCell(rows, c => isLabel(Cells.Label(c.Text)));
            if (at is null)
            {
                if (required)
                {
                    Error(number, null, field, "缺少此项（文件可能不完整）。");
                }

                return null;
            }

            var text = NextCell(rows, at.Value)?.Text ?? string.Empty;
            if (text.Trim().Length == 0)
            {
                if (required)
                {
                    Error(number, at.Value.Row + 1, field, "不能为空");
                }

                return required ? null : 0m;
            }

            if (!Cells.TryAmount(text, out var stated) || stated < 0)
            {
                Error(number, at.Value.Row + 1, field, $"金额“{text.Trim()}”格式不正确（应为非负数字，如 2000000.00 或 1,580,000.00）。");
                return null;
            }

            return Cells.ToYuan(stated, project.AmountUnit);
        }

        static bool IsFiscal(string l) => l is "其中：财政资金" or "财政资金" or "其中财政资金";
        static bool IsOther(string l) => l is "其他资金" or "其中：其他资金";
        var budget = Amount(l => l is "预算数" or "预算数（元）" or "预算数（万元）" or "年度预算数", "预算数", required: true);
        var splitGiven = FindCell(rows, c => IsFiscal(Cells.Label(c.Text)) || IsOther(Cells.Label(c.Text))) is not null;
        bool Unknown(Func<string, bool> isLabel) =>
            FindCell(rows, c => isLabel(Cells.Label(c.Text))) is { } at && NextCell(rows, at)?.Text is { } text && IsUnknownAmount(text);
        if (splitGiven && Unknown(IsFiscal) && Unknown(IsOther))
        {
            // Written so by DocumentLayout (and by hand: 未知, —): the same as a total without its split.
            splitGiven = false;
        }

        if (budget is not null && !splitGiven)
        {
            // Only the total: the split is unknown, never 0 / 0.
            project.Budget = budget.Value;
            project.FundsSplitUnknown = true;
            project.AddNotice(InterchangeJson.SplitUnknownNotice);
            return;
        }

        var fiscal = Amount(IsFiscal, "其中：财政资金", required: false);
        var other = Amount(IsOther, "其他资金", required: false);
        if (budget is null || fiscal is null || other is null)
        {
            return;
        }

        project.Budget = budget.Value;
        project.FiscalFunds = fiscal.Value;
        project.OtherFunds = other.Value;
        if (fiscal.Value + other.Value != budget.Value)
        {
            Error(number, budgetAt!.Value.Row + 1, "其中：财政资金", $"财政资金（{fiscal.Value:0.00}）+ 其他资金（{other.Value:0.00}）= {fiscal.Value + other.Value:0.00} 元，与预算数（{budget.Value:0.00} 元）不一致。");
        }
    }

    /// <summary>An amount cell saying the amount is not known (<c>未知</c>, <c>—</c>, <c>-</c>), as exports write a split that is unknown.</summary>
    public static bool IsUnknownAmount(string text) => Cells.Label(text) is DocumentLayout.UnknownAmount or "—" or "-" or "--" or "——" or "－";

    /// <summary>资金用途: a cell labelled so, else the row under 预算规模及资金用途 whose label cell is merged (empty).</summary>
    private static string ReadPurpose(List<RowBlock> rows)
    {
        var labelled = FindCell(rows, c => Cells.Label(c.Text) == "资金用途");
        if (labelled is not null)
        {
            return NextCell(rows, labelled.Value)?.Text ?? string.Empty;
        }

        var scale = rows.FindIndex(r => r.Cells.Count > 0 && Cells.Label(r.Cells[0].Text).StartsWith("预算规模", StringComparison.Ordinal));
        if (scale < 0 || scale + 1 >= rows.Count)
        {
            return string.Empty;
        }

        var next = rows[scale + 1].Cells;
        return next.Count > 0 && next[0].Text.Trim().Length == 0
            ? string.Join('\n', next.Skip(1).Select(c => c.Text).Where(t => t.Length > 0))
            : string.Empty;
    }

    private void ReadSpendingPlan(List<RowBlock> rows, int number, InterchangeProject project)
    {
        var header = rows.FindIndex(r => r.Cells.Any(c => Cells.Label(c.Text).StartsWith("资金支出计划", StringComparison.Ordinal)));
        if (header < 0)
        {
            Error(number, null, "资金支出计划", "缺少“资金支出计划”一行（文件可能不完整）。");
            return;
        }

        var labelIndex = rows[header].Cells.ToList().FindIndex(c => Cells.Label(c.Text).StartsWith("资金支出计划", StringComparison.Ordinal));
        var months = rows[header].Cells.Skip(labelIndex + 1).ToList();
        if (months.Count(c => c.Text.Trim().Length > 0) == 1 && Cells.Label(months.First(c => c.Text.Trim().Length > 0).Text) is DocumentLayout.NoPlan or "未知" or "无")
        {
            // Written so by DocumentLayout for a draft without its plan: it stays a draft that cannot be submitted yet.
            project.SpendingPlan = [];
            project.AddNotice(InterchangeJson.NoPlanNotice);
            return;
        }

        if (header + 1 >= rows.Count)
        {
            Error(number, header + 1, "资金支出计划", "缺少各时点的累计支出比例一行（文件可能不完整）。");
            return;
        }


        var values = rows[header + 1].Cells.ToList();

        // A grid wider than the plan ends the rows in an empty (merged) cell: not a checkpoint.
        while (months.Count > 0 && months[^1].Text.Trim().Length == 0)
        {
            months.RemoveAt(months.Count - 1);
        }

        while (values.Count > months.Count && values[^1].Text.Trim().Length == 0)
        {
            values.RemoveAt(values.Count - 1);
        }

        var offset = values.Count == months.Count ? 0 : labelIndex + 1;
        if (values.Count - offset != months.Count)
        {
            Error(number, header + 2, "资金支出计划", $"有 {months.Count} 个时点，但累计支出比例有 {values.Count - offset} 个（文件可能不完整）。");
            return;
        }

        var plan = new List<InterchangeCheckpoint>();
        for (var k = 0; k < months.Count; k++)
        {
            if (!Cells.TryMonth(months[k].Text, out var month))
            {
                Error(number, header + 1, months[k].Text.Trim(), $"无法识别的时点“{months[k].Text.Trim()}”（应为“3月底”这样的形式）。");
                continue;
            }

            var text = values[k + offset].Text;
            if (text.Trim().Length == 0)
            {
                Error(number, header + 2, $"{month}月底", "不能为空");
            }
            else if (!Cells.TryPercent(text, out var percent))
            {
                Error(number, header + 2, $"{month}月底", $"比例“{text.Trim()}”格式不正确（应为如 25.00% 的百分比）。");
            }
            else
            {
                plan.Add(new InterchangeCheckpoint { Month = month, CumulativePercent = percent });
            }
        }

        if (plan.Count == months.Count)
        {
            foreach (var message in Enrichment.ValidatePlan(plan))
            {
                Error(number, header + 2, "资金支出计划", message);
            }
        }

        project.SpendingPlan = plan;
    }

    /// <summary>Splits <c>1.…\n2.…</c> into goals without their numbering; an unnumbered line continues the goal above.</summary>
    public static List<string> SplitGoals(string cell)
    {
        var goals = new List<string>();
        foreach (var line in cell.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var numbered = GoalNumberPattern().Match(line);
            if (numbered.Success || goals.Count == 0)
            {
                goals.Add(numbered.Success ? line[numbered.Length..] : line);
            }
            else
            {
                goals[^1] += "\n" + line;
            }
        }

        return goals;
    }

    private List<InterchangeIndicator> ParseIndicators(TableBlock table, int number, int headerRow)
    {
        var header = table.Rows[headerRow].Cells.Select(c => Cells.Label(c.Text)).ToList();
        int Column(params string[] names) => header.FindIndex(names.Contains);
        var level1 = Column("一级指标");
        var level2 = Column("二级指标");
        var level3 = Column("三级指标", "指标名称");
        var description = Column("绩效指标描述", "指标描述", "指标内容");
        var value = Column("指标值", "目标值");
        var basis = Column("指标值确定依据", "确定依据", "指标值设定依据");
        foreach (var (index, name) in new[] { (level2, "二级指标"), (level3, "三级指标"), (value, "指标值") })
        {
            if (index < 0)
            {
                Error(number, headerRow + 1, name, "绩效指标表缺少此列。");
            }
        }

        var indicators = new List<InterchangeIndicator>();
        if (level2 < 0 || level3 < 0 || value < 0)
        {
            return indicators;
        }

        // Columns of no field of their own (指标性质, 度量单位, 分值 … as exports write them) are kept in the indicator's extra.
        var known = new[] { level1, level2, level3, description, value, basis };
        var extraColumns = Enumerable.Range(0, header.Count).Where(c => !known.Contains(c) && header[c].Length > 0).ToList();
        string currentLevel1 = string.Empty, currentLevel2 = string.Empty;
        for (var r = headerRow + 1; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r].Cells;
            if (cells.All(c => c.Text.Trim().Length == 0))
            {
                continue;
            }

            if (cells.Count < header.Count)
            {
                Error(number, r + 1, null, $"本行只有 {cells.Count} 个单元格，应为 {header.Count} 个（文件可能不完整或被截断）。");
                continue;
            }

            string Cell(int index) => index < 0 ? string.Empty : cells[index].Text;
            var l1 = Cell(level1).Trim();
            var l2 = Cell(level2).Trim();
            if (l1.Length > 0)
            {
                if (!IndicatorCatalog.IsKnownLevel1(l1))
                {
                    Error(number, r + 1, "一级指标", $"“{l1}”不是已知的一级指标（应为{string.Join("、", IndicatorCatalog.All.SelectMany(c => c.Level1Names).Distinct())}之一）。");
                }

                currentLevel1 = l1;
                currentLevel2 = string.Empty;
            }
            else if (currentLevel1.Length == 0)
            {
                Error(number, r + 1, "一级指标", "不能为空（第一行指标必须写明一级指标）");
            }

            if (l2.Length > 0)
            {
                currentLevel2 = l2;
            }
            else if (currentLevel2.Length == 0)
            {
                Error(number, r + 1, "二级指标", "不能为空");
            }

            var indicator = new InterchangeIndicator
            {
                Level1 = currentLevel1,
                Level2 = currentLevel2,
                Name = Cell(level3),
                Description = Cell(description),
                Value = Cell(value),
                Basis = Cell(basis),
            };
            foreach (var c in extraColumns.Where(c => cells[c].Text.Trim().Length > 0))
            {
                (indicator.Extra ??= []).Add(new InterchangeExtraField { Label = table.Rows[headerRow].Cells[c].Text.Trim(), Value = cells[c].Text });
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

        if (indicators.Count == 0)
        {
            Error(number, null, null, "绩效指标表没有任何指标行（文件可能不完整）。");
        }

        return indicators;
    }

    // ---------------------------------------------------------------- helpers

    private string Value(List<RowBlock> rows, int number, string label, bool required)
    {
        var at = FindCell(rows, c => Cells.Label(c.Text) == label);
        if (at is null)
        {
            if (required)
            {
                Error(number, null, label, "缺少此项（文件可能不完整）。");
            }

            return string.Empty;
        }

        var text = NextCell(rows, at.Value)?.Text ?? string.Empty;
        if (required && text.Trim().Length == 0)
        {
            Error(number, at.Value.Row + 1, label, "不能为空");
        }

        return text;
    }

    private static int FindRow(TableBlock table, string label) =>
        table.Rows.ToList().FindIndex(r => r.Cells.Any(c => Cells.Label(c.Text) == label));

    private static (int Row, int Column, CellBlock Cell)? FindCell(TableBlock table, string label) =>
        FindCell(table.Rows.ToList(), c => Cells.Label(c.Text) == label);

    private static (int Row, int Column, CellBlock Cell)? FindCell(List<RowBlock> rows, Func<CellBlock, bool> match)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Cells.Count; c++)
            {
                if (match(rows[r].Cells[c]))
                {
                    return (r, c, rows[r].Cells[c]);
                }
            }
        }

        return null;
    }

    private static CellBlock? NextCell(List<RowBlock> rows, (int Row, int Column, CellBlock Cell) at) =>
        at.Column + 1 < rows[at.Row].Cells.Count ? rows[at.Row].Cells[at.Column + 1] : null;

    private void Error(int? table, int? row, string? field, string message, int? paragraph = null) =>
        _errors.Add(_positionsAreLines
            ? new DocumentError(_file, table, row, field, message, Line: paragraph)
            : new DocumentError(_file, table, row, field, message, paragraph));

    [GeneratedRegex(@"^[一二三四五六七八九十]+、(总体绩效目标|分项绩效目标|工作保障措施)$")]
    private static partial Regex SectionHeadingPattern();

    [GeneratedRegex(@"^\d+[.．、].*绩效目标表$")]
    private static partial Regex ProjectTitlePattern();

    [GeneratedRegex(@"^单位[：:]\s*(\d+\S.*)$")]
    private static partial Regex StatedUnitPattern();

    [GeneratedRegex(@"^单位：(元|万元)$")]
    private static partial Regex AmountUnitPattern();

    [GeneratedRegex(@"^[一二三四五六七八九十]+是(.+)$")]
    private static partial Regex ActivityPattern();

    [GeneratedRegex(@"^(（[一二三四五六七八九十]+）|\(\d+\)|[一二三四五六七八九十]+、|\d+[.．、])\s*")]
    private static partial Regex AreaOrdinalPattern();

    [GeneratedRegex(@"^\d+[.．、]")]
    private static partial Regex GoalNumberPattern();
}
