using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>backup --out FILE</c>: a consistent copy of the SQLite database through SQLite's online backup API, safe while the
/// app runs. Server databases are backed up with their own tools (docs/operations.md).
/// </summary>
internal sealed class BackupCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } = ["backup --out FILE            consistent copy of the SQLite database, safe while the app runs"];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args);
        options.AllowOnly("out");
        var target = Path.GetFullPath(options.Require("out"));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsSqlite())
        {
            await stderr.WriteLineAsync($"backup copies the embedded SQLite database only; this app runs on {db.Database.ProviderName}. See docs/operations.md for SQL Server and PostgreSQL backups.");
            return 1;
        }

        if (File.Exists(target))
        {
            await stderr.WriteLineAsync($"{target} already exists; choose a new file.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync();
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await destination.OpenAsync();
        source.BackupDatabase(destination);
        await stdout.WriteLineAsync($"backed up {source.DataSource} to {target} ({new FileInfo(target).Length:N0} bytes)");
        return 0;
    }
}
