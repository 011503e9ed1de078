using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// Hand-written reads by one key on the busiest page (the goal table: its header on every view, the table on a first view;
/// <c>Features/Projects/GoalTableReader</c>). On a SQLite file they run on connections kept open, each with its commands
/// prepared once: opening and closing a Microsoft.Data.Sqlite connection passes its pool's lock and semaphore, and a new
/// command is parsed and prepared again, which together cost more than the indexed lookup itself (docs/performance.md,
/// issue 18, sixth step); a kept connection also reads the file memory-mapped (<see cref="MappedBytes"/>). A kept
/// connection is taken from a lock-free queue, at most <see cref="Capacity"/> stay open, and
/// in WAL mode their reads never wait for the writer and always see the last commit. Elsewhere (PostgreSQL, SQL Server,
/// an in-memory SQLite database, or inside the context's transaction) the read runs on the context's own connection.
/// </summary>
public sealed class ReadConnections : IDisposable
{
    /// <summary>Connections kept open at most (more may be open at a burst; past this they are closed when returned).</summary>
    public const int Capacity = 32;

    /// <summary>
    /// How much of the database file a kept connection reads through memory-mapped I/O (<c>PRAGMA mmap_size</c>; SQLite caps
    /// it at its compiled maximum): a page is read where the operating system caches it, not copied by a system call into
    /// the connection's own small page cache. A province's goal tables are read at random over the whole file (371 MB at
    /// 100,000 projects), so nearly every page of a first view missed that cache: with the file mapped, first views served
    /// 5,981–6,528 against 5,216–5,577 req/s (four alternating pairs), 270–290 against 314–340 µs of server CPU a view.
    /// Only these page reads map the file: a verb's memory (its peak, measured) stays its own.
    /// </summary>
    public const long MappedBytes = 1L << 30;

    private readonly ConcurrentQueue<Kept> _idle = new();
    private readonly ConcurrentDictionary<(Type Context, string ConnectionString), bool> _keepable = new();
    private volatile bool _disposed;

    /// <summary>Connections open and idle now.</summary>
    public int Idle => _idle.Count;

    /// <summary>
    /// Runs <paramref name="sql"/> with the one parameter <paramref name="parameterName"/> = <paramref name="value"/> and
    /// hands its reader to <paramref name="read"/>.
    /// </summary>
    public async Task<T> ReadAsync<T>(AppDbContext db, string sql, string parameterName, object value, Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken = default)
    {
        if (KeptConnectionString(db) is not { } connectionString)
        {
            return await OnContextAsync(db, sql, [(parameterName, value)], read, cancellationToken);
        }

        if (!_idle.TryDequeue(out var kept))
        {
            kept = Kept.Open(connectionString);
        }

        var healthy = false;
        try
        {
            var command = kept.Command(sql, parameterName);
            command.Parameters[0].Value = value;
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(reader, cancellationToken);
            }

            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && !_disposed && _idle.Count < Capacity && kept.ConnectionString == connectionString)
            {
                _idle.Enqueue(kept);
            }
            else
            {
                kept.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with <paramref name="parameters"/> on the context's own connection (in its transaction,
    /// if any), opened for the read and closed after it, and hands its reader to <paramref name="read"/>.
    /// </summary>
    public static async Task<T> OnContextAsync<T>(AppDbContext db, string sql, IReadOnlyList<(string Name, object Value)> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The connection string to keep connections on, or null when the context's own connection must serve.</summary>
    private string? KeptConnectionString(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is not null || db.Database.GetConnectionString() is not { } connectionString)
        {
            return null;
        }

        // Asked once per context type and connection string: the provider's name is worked out anew on every call.
        return _keepable.GetOrAdd((db.GetType(), connectionString), key => IsSqliteFile(db, key.ConnectionString)) ? connectionString : null;
    }

    /// <summary>
    /// Whether a second connection on <paramref name="connectionString"/> reads what <paramref name="db"/>'s own connection
    /// reads outside a transaction: SQLite (in WAL mode its readers never wait for the writer, and a file has no server
    /// connection limit) on a file (an in-memory database is private to its connection). Rescoring reads ahead on such a
    /// connection too (<c>RatingCalculator</c>).
    /// </summary>
    public static bool IsSqliteFile(AppDbContext db, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return false;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var kept))
        {
            kept.Dispose();
        }
    }

    /// <summary>An open connection and its prepared commands, by SQL text.</summary>
    private sealed class Kept(SqliteConnection connection, string connectionString) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public string ConnectionString => connectionString;

        public static Kept Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA mmap_size={MappedBytes}";
                pragma.ExecuteNonQuery();
            }

            return new Kept(connection, connectionString);
        }

        public SqliteCommand Command(string sql, string parameterName)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.Add(new SqliteParameter { ParameterName = parameterName });
                _commands[sql] = command;
            }
            else if (command.Parameters[0].ParameterName != parameterName)
            {
                throw new InvalidOperationException($"the command is prepared with parameter {command.Parameters[0].ParameterName}, not {parameterName}");
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
