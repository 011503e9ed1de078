using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerformanceTargets.Documents.Parsing;

/// <summary>Reading labels, amounts, percentages and months from cell text.</summary>
public static partial class Cells
{
    /// <summary>A label for comparison: no whitespace, full-width punctuation and digits folded to one form.</summary>
    public static string Label(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in Fold(text ?? string.Empty))
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c switch
            {
                ':' => '：',
                '(' => '（',
                ')' => '）',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Full-width digits, letters, <c>％</c>, <c>．</c> and <c>，</c> to ASCII.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= '０' and <= '９' or '％' or '．' or '＋' or '－' ? (char)(c - 0xFEE0) : c);
        }

        return builder.ToString();
    }

    /// <summary>An amount such as <c>2000000.00</c>, <c>95000</c>, <c>1,580,000.00</c> or <c>１２.５</c>; the scale as written is kept.</summary>
    public static bool TryAmount(string? text, out decimal amount)
    {
        var s = Fold(text ?? string.Empty).Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        if (s.EndsWith("万元", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        else if (s.EndsWith('元'))
        {
            s = s[..^1];
        }

        return decimal.TryParse(s.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>A percentage such as <c>25.00%</c>, <c>25</c> or <c>７０％</c>.</summary>
    public static bool TryPercent(string? text, out decimal percent)
    {
        var s = Fold(text ?? string.Empty).Trim();
        if (s.EndsWith('%'))
        {
            s = s[..^1].TrimEnd();
        }

        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out percent);
    }

    /// <summary>A checkpoint header such as <c>3月底</c>, <c>6月末</c> or <c>12月</c>.</summary>
    public static bool TryMonth(string? text, out int month)
    {
        var match = MonthPattern().Match(Label(text));
        month = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success && month is >= 1 and <= 12;
    }

    public static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    /// <summary>Removes trailing zeros of the fraction while more than <paramref name="minScale"/> decimals remain.</summary>
    public static decimal TrimZeros(decimal value, int minScale)
    {
        while (Scale(value) > minScale)
        {
            var shorter = decimal.Round(value, Scale(value) - 1);
            if (shorter != value)
            {
                break;
            }

            value = shorter;
        }

        return value;
    }

    /// <summary>Converts an amount as stated in <paramref name="amountUnit"/> to 元, keeping the written precision.</summary>
    public static decimal ToYuan(decimal stated, string amountUnit) =>
        amountUnit == "万元" ? TrimZeros(stated * 10000m, Math.Min(2, Scale(stated))) : stated;

    /// <summary>Formats an amount in 元 as stated in <paramref name="amountUnit"/>: <c>1580000.00</c> 元 is <c>158.00</c> 万元.</summary>
    public static string FormatStated(decimal yuan, string amountUnit)
    {
        if (amountUnit != "万元")
        {
            return yuan.ToString(CultureInfo.InvariantCulture);
        }

        var scale = Scale(yuan);
        var text = (yuan / 10000m).ToString("F" + (scale + 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var keep = text.Length - 4;
        while (text.Length > keep && text[^1] == '0')
        {
            text = text[..^1];
        }

        return text.EndsWith('.') ? text[..^1] : text;
    }

    [GeneratedRegex(@"^(\d{1,2})月(底|末)?$")]
    private static partial Regex MonthPattern();
}
