using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>Each provider's committed migrations match the model: a model change without a migration fails here.</summary>
public class MigrationsTests
{
    [Fact]
    public void Sqlite_migrations_are_up_to_date_with_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --context SqliteAppDbContext --output-dir Infrastructure/Data/Migrations/Sqlite");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServer_migrations_are_up_to_date_with_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --context SqlServerAppDbContext --output-dir Infrastructure/Data/Migrations/SqlServer");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgreSql_migrations_are_up_to_date_with_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --context PostgreSqlAppDbContext --output-dir Infrastructure/Data/Migrations/PostgreSql");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Each_provider_has_its_own_migrations_set()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", sqlite.Database.ProviderName);
        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", sqlServer.Database.ProviderName);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", postgres.Database.ProviderName);
        Assert.Equal(sqlite.Database.GetMigrations().Count(), sqlServer.Database.GetMigrations().Count());
        Assert.Equal(sqlite.Database.GetMigrations().Count(), postgres.Database.GetMigrations().Count());
    }
}
