using System.Globalization;
using System.Text;

namespace PerformanceTargets.Domain.Rules;

/// <summary>
/// Reads an indicator value (指标值) the way a finance officer does (domain.md §2): an optional operator
/// (≥ ≧ &gt;= ＞ &gt; 不低于 不少于 … 以上; ≤ ≦ &lt;= ＜ &lt; 不高于 不超过 … 以内/以下; = ＝ or none), a number
/// (full-width digits, decimals, thousands separators) and a unit (百分比 ≡ %), or a range <c>a-b</c>/<c>a～b</c>/<c>a至b</c>.
/// Anything else is qualitative. Never throws.
/// </summary>
public static class TargetValueParser
{
    /// <summary>Prefix operators, longest first within each meaning: spelling → (as scored, as written).</summary>
    private static readonly (string Spelling, string Scored, string Written)[] Prefixes =
    [
        ("大于或等于", ">=", ">="), ("大于等于", ">=", ">="), ("不低于", ">=", ">="), ("不少于", ">=", ">="),
        ("不小于", ">=", ">="), ("至少", ">=", ">="), ("达到", ">=", ">="), (">=", ">=", ">="), ("=>", ">=", ">="), ("≥", ">=", ">="),
        ("小于或等于", "<=", "<="), ("小于等于", "<=", "<="), ("不高于", "<=", "<="), ("不超过", "<=", "<="),
        ("不大于", "<=", "<="), ("不多于", "<=", "<="), ("至多", "<=", "<="), ("最多", "<=", "<="), ("控制在", "<=", "<="),
        ("<=", "<=", "<="), ("=<", "<=", "<="), ("≤", "<=", "<="),
        ("高于", ">=", ">"), ("大于", ">=", ">"), ("超过", ">=", ">"), ("多于", ">=", ">"), (">", ">=", ">"),
        ("低于", "<=", "<"), ("小于", "<=", "<"), ("少于", "<=", "<"), ("<", "<=", "<"),
        ("==", "=", "="), ("=", "=", "="), ("约", "=", "="),
    ];

    /// <summary>Suffix operators: spelling → comparator (as scored and as written).</summary>
    private static readonly (string Spelling, string Comparator)[] Suffixes =
    [
        ("(含)以上", ">="), ("及以上", ">="), ("以上", ">="),
        ("(含)以下", "<="), ("及以下", "<="), ("以下", "<="), ("以内", "<="), ("之内", "<="),
        ("左右", "="),
    ];

    /// <summary>Range separators between two numbers.</summary>
    private static readonly string[] RangeSeparators = ["-", "~", "至", "到"];

    /// <summary>Words that make a trailing "unit" something else: a deadline (12月底前) or a phrase.</summary>
    private static readonly string[] NotUnitWords = ["前", "后", "底", "完成", "以", "内", "达", "不", "或", "是", "否", "约"];

    private const int MaxUnitLength = 6;

    /// <summary>Parses <paramref name="text"/>; null, blank and unreadable texts are qualitative (with the trimmed text as written).</summary>
    /// <remarks>
    /// Results are remembered (<see cref="Memo{T}"/>): a year's indicators repeat the same values (~30,000 distinct among
    /// 900,000 at province scale), rescoring a year parses every one, and a parsed value is an immutable record, so sharing
    /// it changes nothing. Parse an actual with <see cref="ParseActual"/>, which does not fill the memo.
    /// </remarks>
    public static TargetValue Parse(string? text) => ParsedValues.Get(text ?? string.Empty, ParseText);

    /// <summary>
    /// As <see cref="Parse"/>, for a 实际完成值: the same result, not remembered. A year's actuals are mostly distinct numbers
    /// (~130,000 distinct among 900,000): remembering them would only fill the memo, forget the target values and start over.
    /// </summary>
    public static TargetValue ParseActual(string? text) => ParseText(text ?? string.Empty);

    private static TargetValue ParseText(string text)
    {
        var written = text.Trim();
        return (TargetValue?)TryParseQuantitative(Normalize(written)) ?? new QualitativeTarget(written);
    }

    /// <summary>Bounded well above a province's distinct target values, so rescoring a year parses each of them once.</summary>
    private static readonly Memo<TargetValue> ParsedValues = new(65_536);

    private static readonly Memo<string> NormalizedUnits = new(4096);

    /// <summary>
    /// A thread-safe memo of a pure function of a string, bounded: it forgets everything once it holds
    /// <paramref name="limit"/> entries (texts typed by users must not grow it without end).
    /// </summary>
    private sealed class Memo<T>(int limit)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);
        private int _count;

        public T Get(string key, Func<string, T> compute)
        {
            if (_values.TryGetValue(key, out var known))
            {
                return known;
            }

            var value = compute(key);
            if (Interlocked.Increment(ref _count) > limit)
            {
                _values.Clear();
                Interlocked.Exchange(ref _count, 0);
            }

            _values.TryAdd(key, value);
            return value;
        }
    }

    /// <summary>
    /// Normalises the forms that mean the same: full-width ASCII (０-９ ％ ＞ ＝ ～ …) to half-width, ≧/≦ to ≥/≤,
    /// dashes to <c>-</c>, and drops whitespace and trailing sentence punctuation.
    /// </summary>
    public static string Normalize(string? text) =>
        NormalizeCharacters(text, keepLineBreaks: false).TrimEnd('。', '.', ';', '；', ',', '，', '、');

    /// <summary>As <see cref="Normalize"/> but keeping line breaks and punctuation, for sentences such as a 绩效标准.</summary>
    internal static string NormalizeKeepingBreaks(string? text) => NormalizeCharacters(text, keepLineBreaks: true);

    private static string NormalizeCharacters(string? text, bool keepLineBreaks)
    {
        text ??= string.Empty;

        // Most values need nothing changed: then the text itself is the answer, with nothing allocated.
        var first = 0;
        while (first < text.Length && Mapped(text[first]) == text[first] && Kept(text[first], keepLineBreaks))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var mapped = Mapped(text[i]);
            if (Kept(mapped, keepLineBreaks))
            {
                builder.Append(mapped);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether a (mapped) character stays in the normalised text: white space goes, a line break only when not kept.</summary>
    private static bool Kept(char c, bool keepLineBreaks) => (keepLineBreaks && c == '\n') || !char.IsWhiteSpace(c);

    /// <summary>A full-width or variant character as its plain form (ＡＢ１ → AB1, ≧ → ≥, — → -, 〜 → ~); any other as it is.</summary>
    private static char Mapped(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '≧' or '⩾' => '≥',
        '≦' or '⩽' => '≤',
        '—' or '–' or '−' or '‐' or '‑' or '―' => '-',
        '〜' or '∼' => '~',
        _ => c,
    };

    /// <summary>Normalises a unit: <c>百分比</c> and <c>％</c> become <c>%</c>; anything else stays as written.</summary>
    public static string NormalizeUnit(string? unit) => NormalizedUnits.Get(unit ?? string.Empty, static key =>
    {
        var u = Normalize(key);
        return u is "百分比" or "%" ? "%" : u;
    });

    private static QuantitativeTarget? TryParseQuantitative(string s)
    {
        if (s.Length == 0)
        {
            return null;
        }

        string? prefixScored = null;
        string? prefixWritten = null;
        foreach (var (spelling, scored, writtenAs) in Prefixes)
        {
            if (s.StartsWith(spelling, StringComparison.Ordinal))
            {
                prefixScored = scored;
                prefixWritten = writtenAs;
                s = s[spelling.Length..];
                break;
            }
        }

        string? suffix = null;
        foreach (var (spelling, comparator) in Suffixes)
        {
            if (s.EndsWith(spelling, StringComparison.Ordinal))
            {
                suffix = comparator;
                s = s[..^spelling.Length];
                break;
            }
        }

        if (!TryReadNumber(s, 0, allowSign: true, out var number, out var position))
        {
            return null;
        }

        var unitStart = position;
        while (position < s.Length && !char.IsAsciiDigit(s[position]) && !StartsWithSeparator(s, position))
        {
            position++;
        }

        var unit = s[unitStart..position];
        if (position == s.Length)
        {
            return Single(number, unit, prefixScored, prefixWritten, suffix);
        }

        // A range: a[unit] sep b[unit], with no operator around it.
        if (prefixScored is not null || suffix is not null || !StartsWithSeparator(s, position))
        {
            return null;
        }

        var separator = RangeSeparators.First(sep => s.AsSpan(position).StartsWith(sep, StringComparison.Ordinal));
        position += separator.Length;
        if (!TryReadNumber(s, position, allowSign: false, out var max, out position))
        {
            return null;
        }

        var maxUnit = s[position..];
        if (!IsPlausibleUnit(unit) || !IsPlausibleUnit(maxUnit))
        {
            return null;
        }

        unit = NormalizeUnit(unit);
        maxUnit = NormalizeUnit(maxUnit);
        if (unit.Length > 0 && maxUnit.Length > 0 && unit != maxUnit)
        {
            return null;
        }

        if (max < number)
        {
            return null;
        }

        return new QuantitativeTarget(TargetValue.Range, TargetValue.Range, number, maxUnit.Length > 0 ? maxUnit : unit, max);
    }

    private static QuantitativeTarget? Single(decimal number, string unit, string? prefixScored, string? prefixWritten, string? suffix)
    {
        if (!IsPlausibleUnit(unit))
        {
            return null;
        }

        string scored;
        string writtenAs;
        if (suffix is null || suffix == TargetValue.Equal)
        {
            scored = prefixScored ?? TargetValue.Equal;
            writtenAs = prefixWritten ?? TargetValue.Equal;
        }
        else if (prefixScored is null || prefixScored == TargetValue.Equal || prefixScored == suffix)
        {
            // 控制在5%以内, 不超过5%以内: the suffix says it; a prefix that agrees keeps its written form (e.g. ＞).
            scored = suffix;
            writtenAs = prefixScored == suffix ? prefixWritten! : suffix;
        }
        else
        {
            return null; // ≥90%以下 contradicts itself: leave it as written.
        }

        return new QuantitativeTarget(scored, writtenAs, number, NormalizeUnit(unit), null);
    }

    private static bool StartsWithSeparator(string s, int position) =>
        RangeSeparators.Any(sep => s.AsSpan(position).StartsWith(sep, StringComparison.Ordinal));

    /// <summary>Reads <c>-?\d+(,\d{3})*(\.\d+)?</c> at <paramref name="start"/>.</summary>
    private static bool TryReadNumber(string s, int start, bool allowSign, out decimal number, out int end)
    {
        number = 0;
        end = start;
        var i = start;
        if (allowSign && i < s.Length && s[i] == '-')
        {
            i++;
        }

        var digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == digitsStart)
        {
            return false;
        }

        // Thousands separators: 1,000 or 12,345,678.00 (groups of exactly three digits).
        while (i < s.Length && s[i] == ',' && IsDigitRun(s, i + 1, 3) && (i + 4 >= s.Length || !char.IsAsciiDigit(s[i + 4])))
        {
            i += 4;
        }

        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        var literal = s[start..i].Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        end = i;
        return true;
    }

    private static bool IsDigitRun(string s, int start, int length)
    {
        if (start + length > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A unit is short and made of letters (人, 个, 万元, 人次, km, 元/人·年, %, ‰, ㎡), not a phrase like 月底前.</summary>
    private static bool IsPlausibleUnit(string unit)
    {
        if (unit.Length == 0)
        {
            return true;
        }

        if (unit.Length > MaxUnitLength || unit[0] == '/' || unit[^1] == '/')
        {
            return false;
        }

        foreach (var c in unit)
        {
            if (!(char.IsLetter(c) || c is '%' or '‰' or '/' or '·' or '²' or '³' or '㎡' or '㎞' or '℃'))
            {
                return false;
            }
        }

        return NormalizeUnit(unit) == "%" || !NotUnitWords.Any(word => unit.Contains(word, StringComparison.Ordinal));
    }
}
