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
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

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
        // Text is bound as UTF-8, the database's encoding (BindUtf8); numbers are formatted on the stack.
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string s => BindUtf8(index, s),
            int v => raw.sqlite3_bind_int64(_statement, index, v),
            long v => raw.sqlite3_bind_int64(_statement, index, v),
            short v => raw.sqlite3_bind_int64(_statement, index, v),
            byte v => raw.sqlite3_bind_int64(_statement, index, v),
            bool v => raw.sqlite3_bind_int64(_statement, index, v ? 1 : 0),
            double v => raw.sqlite3_bind_double(_statement, index, v),
            decimal v => BindDecimalText(index, v),
            Guid v => raw.sqlite3_bind_text16(_statement, index, v.ToString().ToUpperInvariant().AsSpan()),
            DateTimeOffset v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture).AsSpan()),
            DateTime v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture).AsSpan()),
            DateOnly v => raw.sqlite3_bind_text16(_statement, index, v.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture).AsSpan()),
            byte[] v => raw.sqlite3_bind_blob(_statement, index, v),
            var other => throw new NotSupportedException($"a {other.GetType()} value is not written by the bulk path"),
        };
        SqliteException.ThrowExceptionForRC(rc, _handle);
    }

    /// <summary>Binds NULL (typed binders, <see cref="BulkInserter"/>: no value boxed on the way).</summary>
    public void BindNull(int index) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_null(_statement, index), _handle);

    /// <summary>Binds an integer (every integral type and booleans, as 0 or 1, are stored as SQLite integers).</summary>
    public void BindInt64(int index, long value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, index, value), _handle);

    /// <summary>Binds a double as a real.</summary>
    public void BindDouble(int index, double value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_double(_statement, index, value), _handle);

    /// <summary>Binds text, null as NULL.</summary>
    public void BindText(int index, string? value) =>
        SqliteException.ThrowExceptionForRC(value is null ? raw.sqlite3_bind_null(_statement, index) : BindUtf8(index, value), _handle);

    /// <summary>Binds a decimal as the text Microsoft.Data.Sqlite writes (<see cref="FormatDecimal"/>).</summary>
    public void BindDecimal(int index, decimal value) => SqliteException.ThrowExceptionForRC(BindDecimalText(index, value), _handle);

    private int BindDecimalText(int index, decimal value)
    {
        Span<char> text = stackalloc char[64];
        return FormatDecimal(value, text, out var length)
            ? raw.sqlite3_bind_text16(_statement, index, text[..length])
            : raw.sqlite3_bind_text16(_statement, index, value.ToString(DecimalFormat, CultureInfo.InvariantCulture).AsSpan());
    }

    /// <summary>
    /// A decimal as Microsoft.Data.Sqlite writes it (<c>0.0###…</c>: every significant decimal, at least one), without the
    /// custom format string, which .NET parses on every call: a decimal's general format
    /// is exact and never exponential, so its trailing zeros are dropped down to one decimal. Zero (whose sign the two
    /// formats may write differently) takes the custom format; false when <paramref name="destination"/> is too short.
    /// </summary>
    internal static bool FormatDecimal(decimal value, Span<char> destination, out int length)
    {
        if (value == 0m)
        {
            return value.TryFormat(destination, out length, DecimalFormat, CultureInfo.InvariantCulture);
        }

        if (!value.TryFormat(destination, out length, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        var point = destination[..length].IndexOf('.');
        if (point < 0)
        {
            if (length + 2 > destination.Length)
            {
                return false;
            }

            destination[length++] = '.';
            destination[length++] = '0';
            return true;
        }

        while (length > point + 2 && destination[length - 1] == '0')
        {
            length--;
        }

        return true;
    }

    /// <summary>
    /// Binds text as UTF-8, transcoded by .NET (vectorised) into a reused buffer: SQLite stores UTF-8, and converting
    /// UTF-16 itself (a character at a time, into memory it allocates) cost more than the rest of the bind. As
    /// Microsoft.Data.Sqlite binds text (UTF-8 from .NET's encoder), a lone surrogate becomes U+FFFD, so every value is stored
    /// byte for byte as EF Core's save stores it (SQLite's own conversion of UTF-16 stored a lone surrogate differently).
    /// The empty string is bound as before (an empty span would be a null pointer, i.e. NULL).
    /// </summary>
    private int BindUtf8(int index, string s)
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
        // A timestamp, not a Stopwatch: this runs for every row of a bulk insert, and a busy wait is the exception.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var rc = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return raw.sqlite3_last_insert_rowid(_handle);
            }

            // Outside a transaction another connection may hold the write lock: wait as Microsoft.Data.Sqlite would.
            if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && System.Diagnostics.Stopwatch.GetElapsedTime(started) < BusyTimeout)
            {
                Thread.Sleep(1);
                continue;
            }

            SqliteException.ThrowExceptionForRC(rc, _handle);
        }
    }

    public void Dispose() => raw.sqlite3_finalize(_statement);
}
