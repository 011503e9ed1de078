using System.Globalization;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// The bulk writer formats decimals itself for SQLite (no custom format string): the text must be exactly what
/// Microsoft.Data.Sqlite (EF Core's save) writes, <c>0.0###…</c>, for every scale, sign and magnitude.
/// </summary>
public sealed class SqliteDecimalTextTests
{
    private const string MicrosoftDataSqliteFormat = "0.0###########################";

    [Fact]
    public void Decimals_are_written_as_microsoft_data_sqlite_writes_them()
    {
        var random = new Random(20261207);
        var values = new List<decimal>
        {
            0m, 0.00m, -0m, -0.000m, 1m, -1m, 1.0m, 1.50m, 100m, 100.00m, 0.0001m, -0.5m, 33.3333m, 34107000.00m, 0.1000000000000000000000000001m,
            decimal.MaxValue, decimal.MinValue, decimal.MaxValue / 10m, new decimal(1, 0, 0, false, 28), new decimal(10, 0, 0, true, 28),
        };
        for (var i = 0; i < 20000; i++)
        {
            values.Add(new decimal(random.Next(), random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(29)));
        }

        Span<char> text = stackalloc char[64];
        foreach (var value in values)
        {
            Assert.True(SqliteRowStatement.FormatDecimal(value, text, out var length));
            Assert.Equal(value.ToString(MicrosoftDataSqliteFormat, CultureInfo.InvariantCulture), text[..length].ToString());
        }
    }
}
