namespace PerformanceTargets.Domain;

/// <summary>
/// The one rule for text the product stores: no control characters (NUL, CR, LF, …; multi-line fields may hold line
/// breaks and tabs) and no bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
/// which can make a name read differently from what it is and break a re-import of the unit's own exports.
/// </summary>
public static class PlainText
{
    /// <summary>True when <paramref name="text"/> holds nothing the rule refuses (null and empty pass).</summary>
    public static bool IsClean(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (IsForbidden(c, multiline))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsForbidden(char c, bool multiline = false) =>
        (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>The Chinese message for a refused text, naming the field (e.g. 项目名称).</summary>
    public static string Message(string field) => $"{field}含有不允许的控制字符或文字方向字符（如换行、NUL、U+202E），请删除后重试。";

    /// <summary>Throws a <see cref="DomainException"/> with <see cref="Message"/> when <paramref name="text"/> breaks the rule.</summary>
    public static string? Require(string? text, string field, bool multiline = false) =>
        IsClean(text, multiline) ? text : throw new DomainException(Message(field));
}
