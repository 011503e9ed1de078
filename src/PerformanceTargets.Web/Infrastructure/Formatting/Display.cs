using System.Globalization;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Infrastructure.Formatting;

/// <summary>How the pages show numbers, dates and indicator values: amounts with thousands separators and two decimals, percentages with %, dates in Chinese.</summary>
public static class Display
{
    private static readonly CultureInfo Culture = WebUiSetup.Culture;
    private static readonly TimeZoneInfo ChinaTime = FindChinaTime();

    /// <summary>2000000 → <c>2,000,000.00</c>.</summary>
    public static string Amount(decimal? value) => value is { } v ? v.ToString("N2", Culture) : string.Empty;

    /// <summary>25 → <c>25.00%</c>.</summary>
    /// <summary>A score with two decimals (90.00), empty when there is none.</summary>
    public static string Score(decimal? value) => value is { } v ? v.ToString("0.00", Culture) : string.Empty;

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", Culture) + "%" : string.Empty;

    /// <summary>A point in time in China time: <c>2026年11月24日 19:46</c>.</summary>
    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ChinaTime).ToString("yyyy年M月d日 HH:mm", Culture);

    /// <summary>A number without trailing zeros: 90 → 90, 1.50 → 1.5.</summary>
    public static string Number(decimal value) => value.ToString("0.####", Culture);

    /// <summary>How the rules engine understands an indicator value, for the live preview: <c>≥ 90 %</c>, <c>= 2 人</c>, <c>定性：及时</c>.</summary>
    public static string Target(TargetValue value) => value switch
    {
        QuantitativeTarget { IsRange: true } q => $"{Number(q.Number)}–{Number(q.Max ?? q.Number)} {q.Unit}".TrimEnd(),
        QuantitativeTarget q => $"{Comparator(q.WrittenComparator)} {Number(q.Number)} {q.Unit}".TrimEnd(),
        QualitativeTarget { Text.Length: 0 } => "（未填写）",
        QualitativeTarget t => $"定性：{t.Text}",
        _ => string.Empty,
    };

    /// <summary>The kind of a value, for the preview's label: 定量 (正向/反向/区间) or 定性.</summary>
    public static string TargetKind(TargetValue value) => value switch
    {
        QuantitativeTarget { IsRange: true } => "定量（区间）",
        QuantitativeTarget { IsReverse: true } => "定量（反向，越小越好）",
        QuantitativeTarget => "定量（正向，越大越好）",
        _ => "定性",
    };

    private static string Comparator(string written) => written switch
    {
        ">=" => "≥",
        "<=" => "≤",
        ">" => ">",
        "<" => "<",
        _ => "=",
    };

    private static TimeZoneInfo FindChinaTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
        }
    }
}
