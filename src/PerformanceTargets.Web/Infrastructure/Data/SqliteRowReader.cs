using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// A query stepped through SQLite's own API on a Microsoft.Data.Sqlite connection, its values read as the UTF-8 bytes
/// SQLite holds: for a read of a million rows that writes the text straight out again (the ratings workbook's 指标明细).
/// Microsoft.Data.Sqlite makes a string of every text value and asks SQLite several times a value (its type, its text,
/// its length); here a value is one call and no string. Values are handed over as SQLite converts them to text: text as
/// stored, integers and reals in SQLite's own notation, decimals (stored as text by EF Core) as stored.
/// </summary>
internal sealed class SqliteRowReader : IDisposable
{
    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _statement;

    /// <param name="connection">Open; used by this reader only until it is disposed.</param>
    /// <param name="command">The statement's text and its parameters (integers, text, null), bound by name.</param>
    public SqliteRowReader(SqliteConnection connection, DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(command);
        _handle = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        if (!IsUtf8(_handle))
        {
            throw new NotSupportedException("the database does not store its text as UTF-8");
        }

        var rc = raw.sqlite3_prepare_v2(_handle, command.CommandText, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _handle);
        try
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(_statement, parameter.ParameterName);
                if (index == 0)
                {
                    throw new InvalidOperationException($"the statement has no parameter {parameter.ParameterName}");
                }

                rc = parameter.Value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(_statement, index),
                    int value => raw.sqlite3_bind_int64(_statement, index, value),
                    long value => raw.sqlite3_bind_int64(_statement, index, value),
                    string value => raw.sqlite3_bind_text(_statement, index, value),
                    var other => throw new NotSupportedException($"a {other.GetType()} parameter is not bound by {nameof(SqliteRowReader)}"),
                };
                SqliteException.ThrowExceptionForRC(rc, _handle);
            }

            FieldCount = raw.sqlite3_column_count(_statement);
        }
        catch
        {
            raw.sqlite3_finalize(_statement);
            throw;
        }
    }

    public int FieldCount { get; }

    private bool _returnedRows;

    private bool _done;

    /// <summary>Moves to the next row; false after the last, and from then on (SQLite would run the statement again).</summary>
    public bool Read()
    {
        if (_done)
        {
            return false;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                _returnedRows = true;
                return true;
            }

            if (rc == raw.SQLITE_DONE)
            {
                _done = true;
                return false;
            }

            // A reader waits (as Microsoft.Data.Sqlite would) only for its first row, while another connection recovers or
            // checkpoints the database: starting over after rows were handed out would hand them out twice.
            if (!_returnedRows && (rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && System.Diagnostics.Stopwatch.GetElapsedTime(started) < SqliteRowStatement.BusyTimeout)
            {
                raw.sqlite3_reset(_statement);
                Thread.Sleep(1);
                continue;
            }

            SqliteException.ThrowExceptionForRC(rc, _handle);
        }
    }

    /// <summary>
    /// The value of <paramref name="column"/> (from 0) in the current row as UTF-8, valid until the next <see cref="Read"/>;
    /// <paramref name="isNull"/> tells NULL from empty text.
    /// </summary>
    public ReadOnlySpan<byte> Utf8(int column, out bool isNull)
    {
        // sqlite3_column_blob hands text over as stored (UTF-8 here) without converting it; only an empty value needs its type.
        var value = raw.sqlite3_column_blob(_statement, column);
        isNull = value.IsEmpty && raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;
        return value;
    }

    /// <summary>The value of <paramref name="column"/> (from 0) in the current row as an integer (NULL as 0).</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Dispose() => raw.sqlite3_finalize(_statement);

    /// <summary>Whether the database keeps its text as UTF-8 (SQLite's default, and every database this app creates).</summary>
    private static bool IsUtf8(sqlite3 handle)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, "PRAGMA encoding", out var statement), handle);
        try
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW && raw.sqlite3_column_text(statement, 0).utf8_to_string() == "UTF-8";
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }
}

/// <summary>
/// Up to <see cref="Capacity"/> rows copied out of a <see cref="SqliteRowReader"/> into one buffer, so they can be handed
/// to another thread (a reader's values live only until its next row). The reader's first column is an integer key (a
/// project's id) and the next <c>keyed</c> columns depend on it alone (the project's code and name): while the key
/// repeats they are not read again but repeat the previous row's. A block holds the columns after the key.
/// </summary>
internal sealed class SqliteRowBlock
{
    private readonly int _columns;
    private readonly int _keyed;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private byte[] _bytes;
    private int _used;
    private long _lastKey;

    /// <param name="columns">Values a row (the reader's columns less the key).</param>
    /// <param name="keyed">The first this many of them depend on the key alone.</param>
    /// <param name="capacity">Rows a block.</param>
    public SqliteRowBlock(int columns, int keyed, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(keyed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyed, columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _columns = columns;
        _keyed = keyed;
        Capacity = capacity;
        _starts = new int[columns * capacity];
        _lengths = new int[columns * capacity];
        _bytes = new byte[columns * capacity * 16];
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Copies the reader's current row: its key, then this block's number of columns.</summary>
    public void Add(SqliteRowReader reader)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("the block is full");
        }

        var key = reader.Int64(0);
        var repeats = Count > 0 && key == _lastKey;
        _lastKey = key;
        var at = Count * _columns;
        for (var column = 0; column < _columns; column++)
        {
            if (repeats && column < _keyed)
            {
                _starts[at + column] = _starts[at + column - _columns];
                _lengths[at + column] = _lengths[at + column - _columns];
                continue;
            }

            var value = reader.Utf8(column + 1, out var isNull);
            if (isNull)
            {
                _lengths[at + column] = -1;
                continue;
            }

            if (_bytes.Length - _used < value.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + value.Length));
            }

            value.CopyTo(_bytes.AsSpan(_used));
            _starts[at + column] = _used;
            _lengths[at + column] = value.Length;
            _used += value.Length;
        }

        Count++;
    }

    /// <summary>A value of row <paramref name="row"/> (from 0) as UTF-8; <paramref name="isNull"/> tells NULL from empty text.</summary>
    public ReadOnlySpan<byte> Value(int row, int column, out bool isNull)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)_columns, nameof(column));
        var at = (row * _columns) + column;
        isNull = _lengths[at] < 0;
        return isNull ? default : _bytes.AsSpan(_starts[at], _lengths[at]);
    }
}
