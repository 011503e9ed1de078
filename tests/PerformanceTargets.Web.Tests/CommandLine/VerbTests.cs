using Microsoft.Data.Sqlite;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.CommandLine;

/// <summary>The verbs: usage and exit 2 for bad input, real work otherwise.</summary>
public sealed class VerbTests : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task An_unknown_verb_prints_usage_and_exits_2()
    {
        var result = await VerbRunner.RunAsync(_db, "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown verb 'frobnicate'", result.Error, StringComparison.Ordinal);
        Assert.Contains("users add --email", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_usage_to_stdout_and_exits_0_instead_of_starting_the_server(string flag)
    {
        Assert.Equal(flag, PerformanceTargets.Web.CommandLine.CommandLineApp.FindVerb([flag]));

        var result = await VerbRunner.RunAsync(_db, flag);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("seed-demo", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Server_options_are_not_taken_for_verbs() =>
        Assert.Null(PerformanceTargets.Web.CommandLine.CommandLineApp.FindVerb(["--urls", "http://127.0.0.1:5080"]));

    [Theory]
    [InlineData("users")]
    [InlineData("users", "remove")]
    [InlineData("users", "add", "--password", "Passw0rd-123", "--role", "Admin")]
    [InlineData("users", "add", "--email", "a@b.c", "--password", "Passw0rd-123", "--role", "Emperor")]
    [InlineData("users", "add", "--email", "a@b.c", "--password", "Passw0rd-123", "--role", "Finance")]
    [InlineData("migrate", "--force")]
    [InlineData("backup")]
    public async Task Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var result = await VerbRunner.RunAsync(_db, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_brings_an_empty_database_up_to_date_and_creates_the_admin()
    {
        var result = await VerbRunner.RunAsync(_db, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("database is up to date", result.Out, StringComparison.Ordinal);
        Assert.Contains("One-time password:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_verb_migrates_a_new_database_and_leaves_an_up_to_date_one_as_it_is()
    {
        // The verbs other than migrate run the migrator only when a migration is pending: a new file is pending them all.
        var first = await VerbRunner.RunAsync(_db, "users", "add", "--email", "first@test.local", "--password", "First-pass-1", "--role", "Auditor");
        Assert.Equal(0, first.ExitCode);
        var applied = await HistoryAsync();
        Assert.NotEmpty(applied);

        var second = await VerbRunner.RunAsync(_db, "users", "add", "--email", "second@test.local", "--password", "Second-pass-1", "--role", "Auditor");
        Assert.Equal(0, second.ExitCode);
        var migrate = await VerbRunner.RunAsync(_db, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal(applied, await HistoryAsync());
    }

    [Fact]
    public async Task On_a_database_server_a_verb_refuses_a_database_not_migrated_yet_with_a_clear_message()
    {
        await using var server = await TestDatabase.CreatePostgresAsync();
        string[] verb = ["users", "add", "--email", "new@test.local", "--password", "New-pass-1", "--role", "Auditor"];

        // As an operator configures a server: verbs do not migrate; the empty database is refused, with what to do, not a stack trace.
        var refused = await VerbRunner.RunAsync(server, migrateOnStartup: false, verb);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("请先运行 migrate", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Database:MigrateOnStartup", refused.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, refused.Out);

        Assert.Equal(0, (await VerbRunner.RunAsync(server, migrateOnStartup: false, "migrate")).ExitCode);
        var done = await VerbRunner.RunAsync(server, migrateOnStartup: false, verb);
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(string.Empty, done.Error);
    }

    private async Task<List<string>> HistoryAsync()
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    [Fact]
    public async Task Users_add_creates_a_user_who_can_be_found_with_the_role()
    {
        var result = await VerbRunner.RunAsync(_db, "users", "add", "--email", "auditor@test.local", "--password", "Audit0r-pass", "--role", "auditor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("created auditor@test.local (Auditor)", result.Out, StringComparison.Ordinal);
        var again = await VerbRunner.RunAsync(_db, "users", "add", "--email", "auditor@test.local", "--password", "Audit0r-pass", "--role", "Auditor");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("已被使用", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_add_refuses_an_unknown_unit_and_a_weak_password_in_Chinese()
    {
        var unknownUnit = await VerbRunner.RunAsync(_db, "users", "add", "--email", "f@test.local", "--password", "Financ3-pass", "--role", "Finance", "--unit", "999999");
        var weak = await VerbRunner.RunAsync(_db, "users", "add", "--email", "w@test.local", "--password", "short", "--role", "Auditor");

        Assert.Equal(1, unknownUnit.ExitCode);
        Assert.Contains("单位 999999 不存在", unknownUnit.Error, StringComparison.Ordinal);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("密码至少需要 10 个字符", weak.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_writes_a_consistent_copy_that_opens_as_a_database()
    {
        await VerbRunner.RunAsync(_db, "users", "add", "--email", "kept@test.local", "--password", "Kept-pass-1", "--role", "Auditor");
        var target = Path.Combine(Path.GetTempPath(), "pt-tests", $"backup-{Guid.NewGuid():N}.db");
        try
        {
            var result = await VerbRunner.RunAsync(_db, "backup", "--out", target);

            Assert.Equal(0, result.ExitCode);
            await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            await using var command = copy.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'kept@test.local'";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            var refused = await VerbRunner.RunAsync(_db, "backup", "--out", target);
            Assert.Equal(1, refused.ExitCode);
        }
        finally
        {
            File.Delete(target);
        }
    }
}
