using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Documents.Interchange;

/// <summary>
/// The JSON interchange format (docs/formats.md): camelCase names, Chinese written as is (no \u escapes),
/// decimal numbers as JSON numbers with their written scale (2000000.00), indented.
/// Reading checks the same rules as the document readers and recomputes the derived fields (target, warnings).
/// </summary>
public static class InterchangeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        // The model's metadata made at build time; any other type read with these options by reflection as before.
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            InterchangeJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    public static ImportResult Read(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        InterchangeDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<InterchangeDocument>(json, Options);
        }
        catch (JsonException ex)
        {
            return Malformed(ex, fileName);
        }

        return Checked(document, fileName);
    }

    /// <summary>
    /// Reads UTF-8 bytes as they are (a leading byte order mark is skipped), without first decoding them to a string:
    /// the same result as <see cref="Read(string, string)"/> for half the memory and time.
    /// </summary>
    public static ImportResult Read(ReadOnlySpan<byte> utf8Json, string fileName)
    {
        InterchangeDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<InterchangeDocument>(utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json, Options);
        }
        catch (JsonException ex)
        {
            return Malformed(ex, fileName);
        }

        return Checked(document, fileName);
    }

    private static ImportResult Malformed(JsonException ex, string fileName)
    {
        var row = ex.LineNumber is { } line ? (int)line + 1 : (int?)null;
        return ImportResult.Failure(new DocumentError(fileName, null, row, ex.Path, "JSON 格式错误或类型不符（数字必须是 JSON 数字，文本必须是字符串）。"));
    }

    private static ImportResult Checked(InterchangeDocument? document, string fileName)
    {
        if (document is null)
        {
            return ImportResult.Failure(new DocumentError(fileName, null, null, null, "JSON 内容为空。"));
        }

        var errors = Validate(document, fileName);
        if (errors.Count > 0)
        {
            return ImportResult.Failure(errors);
        }

        foreach (var unit in document.Units)
        {
            PrepareUnit(unit);
        }

        foreach (var project in document.Units.SelectMany(u => u.Projects))
        {
            PrepareNotices(project);
        }

        Enrichment.Complete(document);
        return ImportResult.Success(document);
    }

    /// <summary>A valid unit's derived parts: rating bands from the standard where the file gives none.</summary>
    public static void PrepareUnit(InterchangeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        foreach (var goal in unit.SubGoals.Where(g => g.Bands.Count == 0))
        {
            goal.Bands = Enrichment.Bands(goal.Standard, out _);
        }
    }

    /// <summary>A valid project's notices, derived on reading: what the reader noticed in this file, not what an earlier one said.</summary>
    public static void PrepareNotices(InterchangeProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        project.Notices = null;
        project.SpendingPlan ??= [];
        if (project.SpendingPlan.Count == 0)
        {
            project.AddNotice(NoPlanNotice);
        }

        if (project.FundsSplitUnknown)
        {
            project.AddNotice(SplitUnknownNotice);
        }
    }

    /// <summary>A valid project as a whole-document read leaves it: notices, indicator targets and quality warnings (one project, for the streamed read).</summary>
    public static void Prepare(InterchangeProject project)
    {
        PrepareNotices(project);
        Enrichment.Complete(project);
    }

    /// <summary>The notice of a project without 资金支出计划 (every reader gives the same one).</summary>
    public const string NoPlanNotice = "文档没有资金支出计划：项目以草稿导入，补齐资金支出计划后才能提交。";

    /// <summary>The notice of a 预算数 without its split.</summary>
    public const string SplitUnknownNotice = "预算数只给出合计，财政资金与其他资金的构成未知（不按 0 计）：请补齐后再提交。";

    /// <summary>
    /// The <c>year</c> a JSON interchange document states at its top level, read without parsing the rest
    /// (<c>year</c> comes first in every file this application writes); null when there is none or the JSON is malformed.
    /// </summary>
    public static int? PeekYear(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("year"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var year) ? year : null;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The document rules, located by JSON path (<c>$.units[0].projects[2].fiscalFunds</c>).</summary>
    public static List<DocumentError> Validate(InterchangeDocument document, string fileName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<DocumentError>();
        void Error(string path, string message) => errors.Add(new DocumentError(fileName, null, null, path, message));

        ValidateYear(document.Year, Error);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var u = 0; u < (document.Units?.Count ?? 0); u++)
        {
            var unit = document.Units![u];
            var up = $"$.units[{u}]";
            if (unit is null)
            {
                Error(up, "不能为空");
                continue;
            }

            ValidateUnit(unit, up, Error);
            for (var p = 0; p < (unit.Projects?.Count ?? 0); p++)
            {
                ValidateProject(unit.Projects![p], $"{up}.projects[{p}]", codes, Error);
            }
        }

        return errors;
    }

    /// <summary>The rule of the top-level <c>year</c>.</summary>
    public static void ValidateYear(int year, Action<string, string> error)
    {
        if (year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            error("$.year", $"年度 {year} 不在 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间。");
        }
    }

    /// <summary>The rules of a unit without its projects (code, name, sub-goals), located under <paramref name="up"/> (<c>$.units[0]</c>).</summary>
    public static void ValidateUnit(InterchangeUnit unit, string up, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(error);
        Require(unit.Code, up, "code", error);
        Require(unit.Name, up, "name", error);
        Clean(unit.Code, up, "code", "单位编码", error);
        Clean(unit.Name, up, "name", "单位名称", error);
        for (var g = 0; g < (unit.SubGoals?.Count ?? 0); g++)
        {
            var goal = unit.SubGoals![g];
            var gp = $"{up}.subGoals[{g}]";
            Require(goal?.Area, gp, "area", error);
            if (goal is null)
            {
                continue;
            }

            if (goal.Bands.Count > 0 && !Enrichment.TryCheckBands(goal.Bands, out var bandError))
            {
                error($"{gp}.bands", bandError!);
            }
            else if (goal.Bands.Count == 0)
            {
                Enrichment.Bands(goal.Standard, out var standardError);
                if (standardError is not null)
                {
                    error($"{gp}.standard", standardError);
                }
            }
        }
    }

    /// <summary>
    /// The rules of one project, located under <paramref name="pp"/> (<c>$.units[0].projects[2]</c>); <paramref name="codes"/>
    /// holds the codes seen so far in the document (code → path), for the duplicate check.
    /// </summary>
    public static void ValidateProject(InterchangeProject? project, string pp, Dictionary<string, string> codes, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(error);
        if (project is null)
        {
            error(pp, "不能为空");
            return;
        }

        if (Require(project.Code, pp, "code", error) && !codes.TryAdd(project.Code.Trim(), pp))
        {
            error($"{pp}.code", $"项目编码“{project.Code}”重复（与 {codes[project.Code.Trim()]} 相同）。");
        }

        Require(project.Name, pp, "name", error);
        Clean(project.Code, pp, "code", "项目编码", error);
        Clean(project.Name, pp, "name", "项目名称", error);
        Clean(project.Purpose, pp, "purpose", "资金用途", error, multiline: true);
        if (project.Budget < 0 || project.FiscalFunds < 0 || project.OtherFunds < 0)
        {
            error($"{pp}.budget", "预算数、财政资金和其他资金不能为负数。");
        }

        var bounded = true;
        foreach (var (field, label, amount) in new[] { ("budget", "预算数", project.Budget), ("fiscalFunds", "财政资金", project.FiscalFunds), ("otherFunds", "其他资金", project.OtherFunds) })
        {
            if (!Amounts.IsValid(amount))
            {
                error($"{pp}.{field}", Amounts.Message(label));
                bounded = false;
            }
        }

        if (project.FundsSplitUnknown)
        {
            if (project.FiscalFunds != 0 || project.OtherFunds != 0)
            {
                error($"{pp}.fiscalFunds", "资金构成未知（fundsSplitUnknown）时，财政资金和其他资金应为 0（不表示数额）。");
            }
        }
        else if (bounded && project.FiscalFunds + project.OtherFunds != project.Budget)
        {
            error($"{pp}.fiscalFunds", $"财政资金（{project.FiscalFunds:0.00}）+ 其他资金（{project.OtherFunds:0.00}）= {project.FiscalFunds + project.OtherFunds:0.00} 元，与预算数（{project.Budget:0.00} 元）不一致。");
        }

        if (project.AmountUnit is not ("元" or "万元"))
        {
            error($"{pp}.amountUnit", $"金额单位“{project.AmountUnit}”无效，应为“元”或“万元”。");
        }

        if (project.FundsSplitUnknown && DomainMapping.TryParseStatus(project.Status, out var splitStatus) && splitStatus != ProjectStatus.Draft)
        {
            error($"{pp}.fundsSplitUnknown", $"资金构成未知的项目只能以草稿（Draft）导入，状态为 {project.Status}。");
        }

        if (!DomainMapping.TryParseStatus(project.Status, out _))
        {
            error($"{pp}.status", $"状态“{project.Status}”无效，应为 Draft、Submitted、Approved 或 Returned。");
        }

        var statusGiven = DomainMapping.TryParseStatus(project.Status, out var status);
        if ((project.SpendingPlan?.Count ?? 0) == 0)
        {
            // As the document readers do: a project without its plan imports as a draft that cannot be submitted yet.
            if (statusGiven && status != ProjectStatus.Draft)
            {
                error($"{pp}.spendingPlan", $"没有资金支出计划的项目只能以草稿（Draft）导入，状态为 {project.Status}。");
            }
        }
        else
        {
            foreach (var message in Enrichment.ValidatePlan(project.SpendingPlan!))
            {
                error($"{pp}.spendingPlan", message);
            }
        }

        for (var i = 0; i < (project.Indicators?.Count ?? 0); i++)
        {
            var indicator = project.Indicators![i];
            var ip = $"{pp}.indicators[{i}]";
            if (indicator is null)
            {
                error(ip, "不能为空");
                continue;
            }

            if (Require(indicator.Level1, ip, "level1", error) && !IndicatorCatalog.IsKnownLevel1(indicator.Level1))
            {
                error($"{ip}.level1", $"“{indicator.Level1}”不是已知的一级指标。");
            }

            Require(indicator.Level2, ip, "level2", error);
            Require(indicator.Name, ip, "name", error);
            Require(indicator.Value, ip, "value", error);
        }
    }

    /// <summary>
    /// An error at <paramref name="up"/>.<paramref name="member"/> when the text holds control characters. The path is
    /// written out only for an error: a province's file has millions of fields, almost all of them fine.
    /// </summary>
    private static void Clean(string? value, string up, string member, string field, Action<string, string> error, bool multiline = false)
    {
        if (!PlainText.IsClean(value, multiline))
        {
            error(up + "." + member, PlainText.Message(field));
        }
    }

    /// <summary>An error at <paramref name="up"/>.<paramref name="member"/> when the value is blank (the path written out only then).</summary>
    private static bool Require(string? value, string up, string member, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error(up + "." + member, "不能为空");
            return false;
        }

        return true;
    }
}
