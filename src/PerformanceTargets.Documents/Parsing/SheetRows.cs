using System.Globalization;
using MiniExcelLibs;

namespace PerformanceTargets.Documents.Parsing;

/// <summary>
/// Reading a filled-in workbook the product wrote as a template (the 自评表 and the 绩效运行监控 workbook): a sheet's rows
/// by their header, each with its row number as Excel shows it, and a cell as text or as a number.
/// </summary>
internal static class SheetRows
{
    /// <summary>The rows of <paramref name="sheet"/> below its header row, numbered as Excel numbers them (the first data row is 2).</summary>
    public static IEnumerable<(int Number, IDictionary<string, object?> Cells)> Read(byte[] content, string sheet)
    {
        using var stream = new MemoryStream(content);
        var number = 1;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: true, sheetName: sheet))
        {
            number++;
            yield return (number, row);
        }
    }

    public static object? Cell(IDictionary<string, object?> cells, string column) =>
        cells.TryGetValue(column, out var value) ? value : null;

    /// <summary>The cell as trimmed text (null when blank); a number as the invariant text of its decimal value.</summary>
    public static string? Text(IDictionary<string, object?> cells, string column) =>
        Cell(cells, column) switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
            double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };

    /// <summary>
    /// The cell as a number: true with null when blank, true with the value for a number or a numeric text (thousands
    /// separators allowed), false with <paramref name="unreadable"/> (what the cell holds) otherwise.
    /// </summary>
    public static bool TryNumber(IDictionary<string, object?> cells, string column, out decimal? value, out object? unreadable)
    {
        (value, unreadable) = (null, null);
        switch (Cell(cells, column))
        {
            case null:
                return true;
            case string s when string.IsNullOrWhiteSpace(s):
                return true;
            case string s when decimal.TryParse(s.Replace(",", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                return true;
            case double d:
                value = (decimal)d;
                return true;
            case IConvertible convertible when convertible is not string:
                value = convertible.ToDecimal(CultureInfo.InvariantCulture);
                return true;
            case var other:
                unreadable = other;
                return false;
        }
    }
}
