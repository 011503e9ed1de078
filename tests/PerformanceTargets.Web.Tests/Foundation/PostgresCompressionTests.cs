using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// On PostgreSQL the JSON documents the application keeps are compressed with <c>lz4</c> (migration <c>Lz4JsonColumns</c>):
/// the columns say so, and the audit entries an import writes are stored that way.
/// </summary>
public sealed class PostgresCompressionTests
{
    [Fact]
    public async Task The_json_columns_compress_with_lz4_and_an_import_s_audit_entries_are_stored_so()
    {
        // A year of projects as the interchange file another database exported.
        var file = Path.Combine(Path.GetTempPath(), $"pt-lz4-{Guid.NewGuid():N}.json");
        await using (var source = await TestDatabase.CreatePostgresAsync())
        {
            Assert.Equal(0, (await VerbRunner.RunAsync(source, "migrate")).ExitCode);
            var seeded = await VerbRunner.RunAsync(source, "seed-demo", "--units", "2", "--projects", "30", "--year", "2021", "--seed", "1");
            Assert.True(seeded.ExitCode == 0, seeded.Error);
            var exported = await VerbRunner.RunAsync(source, "export", "projects", "--year", "2021", "--format", "json", "--out", file);
            Assert.True(exported.ExitCode == 0, exported.Error);
        }

        await using var database = await TestDatabase.CreatePostgresAsync();
        Assert.Equal(0, (await VerbRunner.RunAsync(database, "migrate")).ExitCode);
        try
        {
            var imported = await VerbRunner.RunAsync(database, "import", file);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        finally
        {
            File.Delete(file);
        }

        var columns = await InScopeAsync(database, db => db.Database.SqlQueryRaw<string>(
            "SELECT c.relname || '.' || a.attname || '=' || a.attcompression::text AS \"Value\" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            + "WHERE (c.relname, a.attname) IN (('AuditEntries', 'Before'), ('AuditEntries', 'After'), ('Projects', 'ApprovedSnapshot'), "
            + "('DepartmentTables', 'ApprovedSnapshot'), ('Publications', 'Content'), ('Publications', 'Results')) ORDER BY 1").ToListAsync());
        Assert.Equal(
            ["AuditEntries.After=l", "AuditEntries.Before=l", "DepartmentTables.ApprovedSnapshot=l", "Projects.ApprovedSnapshot=l", "Publications.Content=l", "Publications.Results=l"],
            columns);

        // An imported project's audit entry (the project as read) is long enough to be compressed: each is lz4, none pglz.
        var methods = await InScopeAsync(database, db => db.Database.SqlQueryRaw<string>(
            "SELECT coalesce(pg_column_compression(\"After\"), 'none') AS \"Value\" FROM \"AuditEntries\" WHERE \"EntityType\" = 'BudgetProject'").ToListAsync());
        Assert.Equal(30, methods.Count);
        Assert.All(methods, method => Assert.Equal("lz4", method));
    }

    private static Task<T> InScopeAsync<T>(TestDatabase database, Func<AppDbContext, Task<T>> act) =>
        VerbRunner.InScopeAsync(database, services => act(services.GetRequiredService<AppDbContext>()));
}
