using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerformanceTargets.Documents.Parsing;

/// <summary>What a label of a goal table stands for (the tolerant reader's fields).</summary>
public enum LabelField
{
    ProjectCode,
    ProjectName,
    ParentProjectName,
    UnitName,
    Budget,
    FiscalFunds,
    FiscalPart,
    OtherFunds,
    Goal,
    MediumTermGoal,
    Purpose,
    Extra,
}

/// <summary>An indicator table column.</summary>
public enum IndicatorColumn
{
    Level1,
    Level2,
    Name,
    Description,
    Value,
    Basis,
    Nature,
    MeasureUnit,
    Weight,
}

/// <summary>
/// The label dictionary kept as data: synonyms → fields, section and trailer labels, indicator column headers and
/// 一级 synonyms. The default is the embedded <c>labels.json</c>; <see cref="Extend"/> adds the synonyms of another file
/// of the same shape (configuration <c>Import:LabelDictionary</c>), so a synonym is added without code.
/// </summary>
public sealed partial class LabelDictionary
{
    private readonly Dictionary<string, LabelField> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trailers = new(StringComparer.Ordinal);
    private readonly Dictionary<IndicatorColumn, List<string>> _columns = [];
    private readonly Dictionary<string, string> _level1 = new(StringComparer.Ordinal);

    private static readonly Lazy<LabelDictionary> Embedded = new(() =>
    {
        using var stream = typeof(LabelDictionary).Assembly.GetManifestResourceStream("PerformanceTargets.Documents.Parsing.labels.json")
            ?? throw new InvalidOperationException("labels.json is not embedded.");
        var dictionary = new LabelDictionary();
        dictionary.Add(stream);
        return dictionary;
    });

    private LabelDictionary()
    {
    }

    /// <summary>The embedded dictionary (shared; never modified).</summary>
    public static LabelDictionary Default => Embedded.Value;

    /// <summary>A copy of the default with the synonyms of <paramref name="json"/> (same shape as labels.json) added.</summary>
    public static LabelDictionary Extend(Stream json)
    {
        var dictionary = new LabelDictionary();
        using (var stream = typeof(LabelDictionary).Assembly.GetManifestResourceStream("PerformanceTargets.Documents.Parsing.labels.json")!)
        {
            dictionary.Add(stream);
        }

        dictionary.Add(json);
        return dictionary;
    }

    /// <summary>The default extended by the file at <paramref name="path"/>, or the default when the path is empty.</summary>
    public static LabelDictionary FromFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Default;
        }

        using var stream = File.OpenRead(path);
        return Extend(stream);
    }

    /// <summary>A label as the dictionary compares it: <see cref="Cells.Label"/>, without a trailing 金额 unit such as （万元）.</summary>
    public static string Normalize(string? text) => AmountUnitSuffix().Replace(Cells.Label(text), string.Empty);

    /// <summary>The 金额 unit a label states (<c>年度资金总额（万元）</c> → 万元), or null.</summary>
    public static string? UnitOfLabel(string? text)
    {
        var match = AmountUnitSuffix().Match(Cells.Label(text));
        return match.Success ? match.Groups[1].Value : null;
    }

    public LabelField? FieldOf(string? text) => _fields.TryGetValue(Normalize(text), out var field) ? field : null;

    public bool IsSection(string? text) => _sections.Contains(Normalize(text));

    public bool IsTrailer(string? text)
    {
        var label = Normalize(text);
        return _trailers.Any(t => label.StartsWith(t, StringComparison.Ordinal));
    }

    /// <summary>Any label the dictionary knows (field, section, trailer or indicator column).</summary>
    public bool IsKnown(string? text)
    {
        var label = Normalize(text);
        return _fields.ContainsKey(label) || _sections.Contains(label) || _trailers.Contains(label) || ColumnOf(label) is not null;
    }

    public IndicatorColumn? ColumnOf(string? text)
    {
        var label = Normalize(text);
        foreach (var (column, names) in _columns)
        {
            if (names.Contains(label))
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>The synonyms of a column, most specific first.</summary>
    public IReadOnlyList<string> ColumnNames(IndicatorColumn column) => _columns.TryGetValue(column, out var names) ? names : [];

    /// <summary>The 一级 name a written one stands for (<c>项目完成指标</c> → 产出指标); the written one (normalised) when unknown.</summary>
    public string Level1(string written)
    {
        var label = Cells.Label(written);
        return _level1.TryGetValue(label, out var canonical) ? canonical : label;
    }

    /// <summary>Every field label, longest first (for finding <c>label：value</c> pairs inside one cell).</summary>
    public IReadOnlyList<string> FieldLabels => [.. _fields.Keys.OrderByDescending(k => k.Length)];

    private void Add(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.TryGetProperty("fields", out var fields))
        {
            foreach (var field in fields.EnumerateObject())
            {
                if (!Enum.TryParse<LabelField>(field.Name, ignoreCase: true, out var value))
                {
                    throw new InvalidDataException($"标签词典：未知字段“{field.Name}”。");
                }

                foreach (var synonym in Strings(field.Value))
                {
                    _fields[Normalize(synonym)] = value;
                }
            }
        }

        if (root.TryGetProperty("sections", out var sections))
        {
            _sections.UnionWith(Strings(sections).Select(Normalize));
        }

        if (root.TryGetProperty("trailers", out var trailers))
        {
            _trailers.UnionWith(Strings(trailers).Select(Normalize));
        }

        if (root.TryGetProperty("indicatorColumns", out var columns))
        {
            foreach (var column in columns.EnumerateObject())
            {
                if (!Enum.TryParse<IndicatorColumn>(column.Name, ignoreCase: true, out var value))
                {
                    throw new InvalidDataException($"标签词典：未知指标列“{column.Name}”。");
                }

                if (!_columns.TryGetValue(value, out var names))
                {
                    _columns[value] = names = [];
                }

                names.AddRange(Strings(column.Value).Select(Normalize).Where(n => !names.Contains(n)));
            }
        }

        if (root.TryGetProperty("level1", out var level1))
        {
            foreach (var canonical in level1.EnumerateObject())
            {
                foreach (var synonym in Strings(canonical.Value))
                {
                    _level1[Cells.Label(synonym)] = canonical.Name;
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!) : [];

    [GeneratedRegex(@"（(万元|元)）$")]
    private static partial Regex AmountUnitSuffix();
}
