using Npgsql;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, real database for one test class: a new SQLite file, or a new database on the PostgreSQL server
/// named by the environment variable <c>PT_TEST_POSTGRES</c> (a connection string without a database).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PT_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Skips the calling test, with a visible reason, when no PostgreSQL server is configured.</summary>
    public static void RequirePostgres() =>
        Assert.SkipWhen(PostgresServer is null, $"PostgreSQL tests need a server: set {PostgresVariable} (bash .ci/run starts one).");

    public static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pt-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"pt-{Guid.NewGuid():N}.db");
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, null, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        RequirePostgres();
        var name = $"pt_test_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString();
        return new TestDatabase(DatabaseProvider.PostgreSql, cs, null, admin, name);
    }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Task.FromResult(CreateSqlite()),
        DatabaseProvider.PostgreSql => CreatePostgresAsync(),
        _ => throw new NotSupportedException($"No test server for {provider}."),
    };

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqliteFile + suffix);
                }
                catch (IOException)
                {
                    // A file still held open is left in the temp folder.
                }
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
