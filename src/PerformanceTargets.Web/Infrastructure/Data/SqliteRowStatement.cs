using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// A prepared single-row statement stepped through SQLite's own API on a Microsoft.Data.Sqlite connection (so in its
/// transaction), for <see cref="BulkInserter"/>. Microsoft.Data.Sqlite costs ~10 µs an executed command (a data reader each
/// time, each named parameter found by a linear search over the statement's names); SQLite inserts a row in ~1.5 µs.
/// </summary>
/// <remarks>
/// Values are bound as Microsoft.Data.Sqlite binds parameters (its SqliteValueBinder), so a row stored here reads back the
/// same as one EF Core stored: integers (and booleans) as integers, doubles as reals, byte arrays as blobs; strings, decimals
/// (<c>0.0###…</c>), GUIDs (upper case text, as EF Core's mapping asks), dates and times as text. <see cref="Supports"/>
/// says which provider types that covers; the writer refuses a table with any other type when it is built, not mid-insert.
/// </remarks>
internal sealed class SqliteRowStatement : IDisposable
{
    /// <summary>How Microsoft.Data.Sqlite writes a decimal.</summary>
    private const string DecimalFormat = "0.0###########################";

    /// <summary>How long a statement waits for another connection's lock (Microsoft.Data.Sqlite's default command timeout).</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<Type> Supported =
    [
        typeof(string), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(bool), typeof(double),
        typeof(decimal), typeof(Guid), typeof(DateTimeOffset), typeof(DateTime), typeof(DateOnly), typeof(byte[]),
    ];

    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _statement;

    /// <summary>Text transcoded to UTF-8 for binding (SQLite copies it): grown to the longest text seen, reused.</summary>
    private byte[] _utf8 = new byte[1024];

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _handle = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_handle, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _handle);
    }

    /// <summary>Whether values of this provider type (after any EF value converter) are bound here.</summary>
    public static bool Supports(Type providerType) => Supported.Contains(Nullable.GetUnderlyingType(providerType) ?? providerType);

    /// <summary>Binds <paramref name="value"/> (a provider value, null for NULL) to parameter <paramref name="index"/> (from 1).</summary>
    public void Bind(int index, object? value)
    {
        // Text is bound as UTF-8, the database's encoding (BindText); numbers are formatted on the stack.
        Span<char> text = stackalloc char[64];
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string s => BindText(index, s),
            int v => raw.sqlite3_bind_int64(_statement, index, v),
            long v => raw.sqlite3_bind_int64(_statement, index, v),
            short v => raw.sqlite3_bind_int64(_statement, index, v),
            byte v => raw.sqlite3_bind_int64(_statement, index, v),
            bool v => raw.sqlite3_bind_int64(_statement, index, v ? 1 : 0),
            double v => raw.sqlite3_bind_double(_statement, index, v),
            decimal v => v.TryFormat(text, out var length, DecimalFormat, CultureInfo.InvariantCulture)
                ? raw.sqlite3_bind_text16(_statement, index, text[..length])
                : raw.sqlite3_bind_text16(_statement, index, v.ToString(DecimalFormat, CultureInfo.InvariantCulture).AsSpan()),
            Guid v => raw.sqlite3_bind_text16(_statement, index, v.ToString().ToUpperInvariant().AsSpan()),
            DateTimeOffset v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture).AsSpan()),
            DateTime v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture).AsSpan()),
            DateOnly v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture).AsSpan()),
            byte[] v => raw.sqlite3_bind_blob(_statement, index, v),
            var other => throw new NotSupportedException($"a {other.GetType()} value is not written by the bulk path"),
        };
        SqliteException.ThrowExceptionForRC(rc, _handle);
    }

    /// <summary>
    /// Binds text as UTF-8, transcoded by .NET (vectorised) into a reused buffer: SQLite stores UTF-8, and converting
    /// UTF-16 itself (a character at a time, into memory it allocates) cost more than the rest of the bind. As
    /// Microsoft.Data.Sqlite binds text (UTF-8 from .NET's encoder), a lone surrogate becomes U+FFFD, so every value is stored
    /// byte for byte as EF Core's save stores it (SQLite's own conversion of UTF-16 stored a lone surrogate differently).
    /// The empty string is bound as before (an empty span would be a null pointer, i.e. NULL).
    /// </summary>
    private int BindText(int index, string s)
    {
        if (s.Length > 0)
        {
            var most = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
            if (_utf8.Length < most)
            {
                _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
            }

            var status = System.Text.Unicode.Utf8.FromUtf16(s, _utf8, out _, out var written, replaceInvalidSequences: true);
            if (status == System.Buffers.OperationStatus.Done)
            {
                return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, written));
            }
        }

        return raw.sqlite3_bind_text16(_statement, index, s.AsSpan());
    }

    /// <summary>Runs the statement with the bound values and resets it; returns the new row's rowid.</summary>
    public long Step()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rc = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return raw.sqlite3_last_insert_rowid(_handle);
            }

            // Outside a transaction another connection may hold the write lock: wait as Microsoft.Data.Sqlite would.
            if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && waited.Elapsed < BusyTimeout)
            {
                Thread.Sleep(1);
                continue;
            }

            SqliteException.ThrowExceptionForRC(rc, _handle);
        }
    }

    public void Dispose() => raw.sqlite3_finalize(_statement);
}
