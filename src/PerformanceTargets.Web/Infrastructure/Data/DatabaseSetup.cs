using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>The database providers the product runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, created and migrated on first start.</summary>
    Sqlite,

    /// <summary>SQL Server: the production provider of the product card.</summary>
    SqlServer,

    /// <summary>PostgreSQL: supported so the suite runs against a real server database where SQL Server cannot be installed.</summary>
    PostgreSql,
}

/// <summary>Reads <c>Database:Provider</c> and <c>ConnectionStrings:Default</c> and registers the matching <see cref="AppDbContext"/>.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/performance-targets.db";

    public static DatabaseProvider GetProvider(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(name, out _)
            ? provider
            : throw new ConfigurationProblemException($"配置项 Database:Provider 的值“{name}”无效：应为 Sqlite、SqlServer 或 PostgreSql。");
    }

    /// <summary>
    /// Reads <paramref name="connectionString"/> as <paramref name="provider"/> will (its own connection string builder),
    /// so a misspelt keyword, a value of the wrong kind or a PostgreSQL string without its host is reported when the program
    /// starts, naming the setting, not by the first query.
    /// </summary>
    /// <exception cref="ConfigurationProblemException">The provider cannot use the connection string.</exception>
    public static void CheckConnectionString(DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        string? missing = null;
        try
        {
            switch (provider)
            {
                case DatabaseProvider.Sqlite:
                    missing = string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource) ? "Data Source" : null;
                    break;
                case DatabaseProvider.SqlServer:
                    missing = string.IsNullOrWhiteSpace(new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString).DataSource) ? "Server" : null;
                    break;
                case DatabaseProvider.PostgreSql:
                    missing = string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host) ? "Host" : null;
                    break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ConfigurationProblemException($"配置项 ConnectionStrings:Default（环境变量 ConnectionStrings__Default）无法用于 {provider}：{ex.Message}", ex);
        }

        if (missing is not null)
        {
            throw new ConfigurationProblemException($"配置项 ConnectionStrings:Default（环境变量 ConnectionStrings__Default）缺少 {missing}，{provider} 不知道连接到哪里。");
        }
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = GetProvider(configuration);
        var connectionString = configuration.GetConnectionString("Default");
        CheckConnectionString(provider, provider == DatabaseProvider.Sqlite ? connectionString ?? DefaultSqliteConnectionString : Require(connectionString, provider));
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnectionString, contentRoot);
                AddPooled<SqliteAppDbContext>(services, o => ConfigureSqlite(o, sqlite));
                break;
            case DatabaseProvider.SqlServer:
                AddPooled<SqlServerAppDbContext>(services, o => ConfigureSqlServer(o, Require(connectionString, provider)));
                break;
            case DatabaseProvider.PostgreSql:
                AddPooled<PostgreSqlAppDbContext>(services, o => ConfigurePostgreSql(o, Require(connectionString, provider)));
                break;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReadConnections>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditActor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<AuditInterceptor>());
        services.AddHostedService<StatisticsRefresher>();

        // PostgreSQL tells every instance what changed (its triggers, NOTIFY); elsewhere the feed is never live.
        services.AddSingleton(sp => new PostgresChangeFeed(sp.GetRequiredService<ILogger<PostgresChangeFeed>>())
        {
            ConnectionString = provider == DatabaseProvider.PostgreSql ? connectionString : null,
        });
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeFeed>());
        }

        return services;
    }

    /// <summary>
    /// Contexts come from a pool (options built once, contexts reset and reused) instead of being built for every request;
    /// each scope still gets its own <see cref="AppDbContext"/>, carrying the scope's <see cref="AuditActor"/>.
    /// </summary>
    private static void AddPooled<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AppDbContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, options) =>
        {
            configure(options);
            // The audit trail, and any interceptor a feature registers (e.g. the review badge's invalidation).
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped<AppDbContext>(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Actor = sp.GetRequiredService<AuditActor>();
            return context;
        });
    }

    // A project has four owned collections and its indicators: loading them in one query multiplies the rows
    // (2 goals × 4 checkpoints × 2 history entries × 9 indicators = 144 rows for one project), so every provider
    // loads collections with one query each.
    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    internal static void ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    internal static void ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithoutSessionReset(WithAutoPrepare(connectionString)), o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's automatic preparation on, unless it says otherwise: a statement run
    /// twice on a connection is prepared on the server, so the pages' few dozen statements are parsed and planned once per
    /// pooled connection instead of on every request (measured in docs/performance.md). <c>Max Auto Prepare=0</c> turns it
    /// off, e.g. behind a PgBouncer in transaction mode older than 1.21.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's <c>No Reset On Close=true</c>, unless it says otherwise: a pooled
    /// connection is otherwise reset when it is returned, i.e. on every request, by seven statements sent in front of the next
    /// command (<c>SET SESSION AUTHORIZATION DEFAULT;RESET ALL;CLOSE ALL;UNLISTEN *;SELECT pg_advisory_unlock_all();DISCARD
    /// SEQUENCES;DISCARD TEMP</c>, not prepared: ~50 µs of the server's time a request on the ratings pages, measured with
    /// pg_stat_statements). The application leaves nothing on a connection for them to undo: it sets no session settings, takes
    /// no advisory locks, makes no temporary tables and listens only on a connection of its own (<see cref="PostgresChangeFeed"/>);
    /// an open transaction is still rolled back when a connection is returned.
    /// </summary>
    internal static string WithoutSessionReset(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>Statements Npgsql keeps prepared per connection when the connection string does not say.</summary>
    internal const int AutoPreparedStatements = 128;

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            }

            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    private static string Require(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new ConfigurationProblemException($"配置项 Database:Provider 为 {provider}，但未设置 ConnectionStrings:Default（环境变量 ConnectionStrings__Default）。")
            : connectionString;
}

/// <summary>Design-time factories for <c>dotnet ef</c>: each provider's context with a placeholder connection.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteAppDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(options, "Server=localhost;Database=PerformanceTargets;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerAppDbContext(options.Options);
    }
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        DatabaseSetup.ConfigurePostgreSql(options, "Host=localhost;Database=performance_targets;Username=postgres");
        return new PostgreSqlAppDbContext(options.Options);
    }
}
