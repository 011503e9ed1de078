using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>
/// One running app and database per test class, created on first use, so a PostgreSQL test without a server
/// is skipped with its reason instead of failing in a constructor.
/// </summary>
public abstract class AppFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AppFactory? _factory;

    public abstract DatabaseProvider Provider { get; }

    protected virtual string Environment => "Development";

    /// <summary>Extra host settings or test services, applied after the defaults.</summary>
    protected virtual void Customize(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    public async Task<AppFactory> GetAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            TestDatabase.RequirePostgres();
        }

        await _gate.WaitAsync();
        try
        {
            if (_factory is null)
            {
                var database = await TestDatabase.CreateAsync(Provider);
                var factory = new AppFactory(database, Environment) { Customize = Customize };
                _ = factory.Server; // start the host: migrates and creates the admin
                _factory = factory;
            }

            return _factory;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }

        _gate.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAppFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
