namespace PerformanceTargets.Web.Infrastructure.Formatting;

/// <summary>One CSV field (RFC 4180), for every csv the product writes: ratings, monitoring, the audit trail.</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes <paramref name="value"/> when it holds a comma, quote or line break (or always, with
    /// <paramref name="alwaysQuote"/>). With <paramref name="defuseFormulas"/>, a leading = + - @ TAB or CR is prefixed
    /// with ' so a spreadsheet never runs user-written text as a formula.
    /// </summary>
    public static string Of(string? value, bool defuseFormulas = false, bool alwaysQuote = false)
    {
        var text = value ?? string.Empty;
        if (defuseFormulas && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return alwaysQuote || text.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
