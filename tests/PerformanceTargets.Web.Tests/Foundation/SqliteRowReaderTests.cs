using System.Text;
using Microsoft.Data.Sqlite;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// <see cref="SqliteRowReader"/> and <see cref="SqliteRowBlock"/> on a real SQLite file: values come back as the UTF-8
/// SQLite holds (text as stored, numbers in SQLite's text), NULL apart from empty text, parameters bound by name, and a
/// key's own columns read on its first row of a block and repeated after, across block boundaries.
/// </summary>
public sealed class SqliteRowReaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pt-rowreader-{Guid.NewGuid():N}.db");

    [Fact]
    public void Rows_come_back_as_stored_in_blocks_with_a_key_s_columns_repeated()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        connection.Open();
        Execute(connection, "CREATE TABLE t (k INTEGER NOT NULL, name TEXT NULL, n INTEGER NULL, x REAL NULL, note TEXT NULL, grp INTEGER NOT NULL)");
        var rows = new List<(long Key, string? Name, long? N, double? X, string? Note)>();
        var random = new Random(7);
        for (var k = 0; k < 40; k++)
        {
            var key = k / 3; // three rows a key, so keys cross the blocks of 4 rows
            var name = key % 5 == 0 ? null : key % 5 == 1 ? string.Empty : $"名称 <{key}> 😀 \r\n_x0041_";
            rows.Add((key, name, k % 4 == 0 ? null : k * 1000L, k % 3 == 0 ? null : k + 0.25, k % 2 == 0 ? string.Empty : $"备注{k}"));
        }

        foreach (var row in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES ($k, $name, $n, $x, $note, $grp)";
            insert.Parameters.AddWithValue("$k", row.Key);
            insert.Parameters.AddWithValue("$name", (object?)row.Name ?? DBNull.Value);
            insert.Parameters.AddWithValue("$n", (object?)row.N ?? DBNull.Value);
            insert.Parameters.AddWithValue("$x", (object?)row.X ?? DBNull.Value);
            insert.Parameters.AddWithValue("$note", (object?)row.Note ?? DBNull.Value);
            insert.Parameters.AddWithValue("$grp", random.Next(2));
            insert.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT k, name, n, x, note FROM t WHERE k >= @from AND (@grp IS NULL OR grp >= @grp) ORDER BY rowid";
        command.Parameters.AddWithValue("@from", 1);
        command.Parameters.AddWithValue("@grp", DBNull.Value);
        using var reader = new SqliteRowReader(connection, command);
        Assert.Equal(5, reader.FieldCount);

        var blocks = new List<SqliteRowBlock>();
        // name and n are read as the key's own (keyed: 2): n differs row by row, so a repeated one shows it was not read again.
        var block = new SqliteRowBlock(4, 2, 4);
        while (reader.Read())
        {
            block.Add(reader);
            if (block.IsFull)
            {
                blocks.Add(block);
                block = new SqliteRowBlock(4, 2, 4);
            }
        }

        blocks.Add(block);
        var expected = rows.Where(r => r.Key >= 1).ToList();
        var read = blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => Enumerable.Range(0, 4).Select(c => Text(b, r, c)).ToArray())).ToList();
        Assert.Equal(expected.Count, read.Count);
        Assert.True(blocks.Count > 5);
        var repeated = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            // The key's first row in its block of 4 gives name and n to the block's next rows of that key.
            var first = i;
            while (first % 4 != 0 && expected[first - 1].Key == expected[i].Key)
            {
                first--;
            }

            repeated += first == i ? 0 : 1;
            var (_, name, n, _, _) = expected[first];
            var (_, _, _, x, note) = expected[i];
            Assert.Equal(new[] { name, n?.ToString(System.Globalization.CultureInfo.InvariantCulture), x?.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture), note }, read[i]);
        }

        Assert.True(repeated > 10);

        Assert.False(reader.Read());
    }

    [Fact]
    public void A_parameter_the_statement_lacks_or_a_type_it_cannot_bind_is_refused()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        connection.Open();
        using var missing = connection.CreateCommand();
        missing.CommandText = "SELECT 1";
        missing.Parameters.AddWithValue("@year", 2021);
        Assert.Throws<InvalidOperationException>(() => new SqliteRowReader(connection, missing));
        using var unsupported = connection.CreateCommand();
        unsupported.CommandText = "SELECT @when";
        unsupported.Parameters.AddWithValue("@when", DateTime.UtcNow);
        Assert.Throws<NotSupportedException>(() => new SqliteRowReader(connection, unsupported));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static string? Text(SqliteRowBlock block, int row, int column)
    {
        var value = block.Value(row, column, out var isNull);
        return isNull ? null : Encoding.UTF8.GetString(value);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
