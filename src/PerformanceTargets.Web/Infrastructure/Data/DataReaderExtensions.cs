using System.Data.Common;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>Nullable columns as the hand-written reads take them (<c>GoalTableReader</c>, <c>RatingsPageReader</c>, <c>RatingStore</c>).</summary>
internal static class DataReaderExtensions
{
    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static decimal? GetDecimalOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
