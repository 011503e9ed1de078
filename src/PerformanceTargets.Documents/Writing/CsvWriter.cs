using System.Globalization;
using System.Text;

namespace PerformanceTargets.Documents.Writing;

/// <summary>
/// The one CSV writer (RFC 4180, UTF-8 with a BOM so Excel reads the Chinese) for every csv the product writes: the
/// ratings (page, API and verb), the monitoring table and the audit trail (page and API). Text cells that begin with
/// <c>= + - @</c>, TAB or CR are prefixed with <c>'</c>, so a spreadsheet never runs user-written text as a formula;
/// numbers are written as numbers (invariant culture). Callers choose the cells, the writer only how they are written.
/// </summary>
public sealed class CsvWriter(TextWriter writer, bool alwaysQuote = false, Func<decimal, string>? decimalFormat = null)
{
    /// <summary>UTF-8 with a byte-order mark, as every product csv is written.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public const string NewLine = "\r\n";

    /// <summary>One row: the cells written by <see cref="Field"/>, joined by commas, ended by CR LF.</summary>
    public void WriteRow(IEnumerable<object?> cells) => writer.Write(Row(cells, alwaysQuote, decimalFormat));

    public Task WriteRowAsync(IEnumerable<object?> cells) => writer.WriteAsync(Row(cells, alwaysQuote, decimalFormat));

    public static string Row(IEnumerable<object?> cells, bool alwaysQuote = false, Func<decimal, string>? decimalFormat = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return string.Join(',', cells.Select(c => Field(c, alwaysQuote, decimalFormat))) + NewLine;
    }

    /// <summary>
    /// One field: a number (decimal, integer, double) as its invariant text (a decimal through
    /// <paramref name="decimalFormat"/> when given); anything else as text, defused when it could start a formula and
    /// quoted when it holds a comma, quote or line break (or always, with <paramref name="alwaysQuote"/>).
    /// </summary>
    public static string Field(object? cell, bool alwaysQuote = false, Func<decimal, string>? decimalFormat = null)
    {
        var text = cell switch
        {
            null => string.Empty,
            decimal d => decimalFormat?.Invoke(d) ?? d.ToString(CultureInfo.InvariantCulture),
            int or long or short or double or float => ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture),
            IFormattable f => Defuse(f.ToString(null, CultureInfo.InvariantCulture)),
            _ => Defuse(cell.ToString() ?? string.Empty),
        };
        return alwaysQuote || text.AsSpan().IndexOfAny(',', '"', '\n') >= 0 || text.Contains('\r', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>True when a spreadsheet could read <paramref name="text"/> as a formula (or a DDE call).</summary>
    public static bool IsDangerous(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Defuse(string text) => IsDangerous(text) ? "'" + text : text;
}
