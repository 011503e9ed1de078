using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// A database setting the program cannot use (an unknown provider, a connection string with a misspelt keyword or without
/// its server) is one line naming the setting and exit code 1, for the server and for a verb, not a stack trace; a
/// usable connection string of each provider passes.
/// </summary>
[Collection(PublishedApp.Collection)]
public sealed class ConfigurationProblemTests(PublishedApp published)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=App_Data/a.db;Cache=Shared")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=db.example;Port=5432;Username=pt;Database=pt")]
    [InlineData(DatabaseProvider.SqlServer, "Server=db.example;Database=pt;Trusted_Connection=True;TrustServerCertificate=True")]
    public void A_usable_connection_string_passes(DatabaseProvider provider, string connectionString) =>
        DatabaseSetup.CheckConnectionString(provider, connectionString);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Dta Source=a.db", "无法用于 Sqlite")]
    [InlineData(DatabaseProvider.Sqlite, "Cache=Shared", "缺少 Data Source")]
    [InlineData(DatabaseProvider.PostgreSql, "Hots=db.example;Username=pt", "无法用于 PostgreSql")]
    [InlineData(DatabaseProvider.PostgreSql, "Port=5432;Username=pt", "缺少 Host")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=db.example;Port=many", "无法用于 PostgreSql")]
    [InlineData(DatabaseProvider.SqlServer, "Srv=db.example", "无法用于 SqlServer")]
    [InlineData(DatabaseProvider.SqlServer, "Database=pt", "缺少 Server")]
    public void An_unusable_connection_string_names_the_setting(DatabaseProvider provider, string connectionString, string expected)
    {
        var problem = Assert.Throws<ConfigurationProblemException>(() => DatabaseSetup.CheckConnectionString(provider, connectionString));
        Assert.Contains("ConnectionStrings:Default", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate", "--year", "2021")]
    [InlineData]
    public async Task The_program_says_which_setting_to_fix_and_exits_with_1(params string[] args)
    {
        var folder = published.NewWorkingDirectory();
        var cases = new (Dictionary<string, string> Environment, string Expected)[]
        {
            (new() { ["Database__Provider"] = "Oracle" }, "配置错误：配置项 Database:Provider 的值“Oracle”无效"),
            (new() { ["ConnectionStrings__Default"] = "Dta Source=" + Path.Combine(folder, "a.db") }, "配置错误：配置项 ConnectionStrings:Default"),
            (new() { ["Database__Provider"] = "PostgreSql", ["ConnectionStrings__Default"] = "Port=5432;Username=pt" }, "缺少 Host"),
            // The shipped appsettings.json holds the SQLite default, which PostgreSQL cannot read.
            (new() { ["Database__Provider"] = "PostgreSql" }, "无法用于 PostgreSql"),
        };
        foreach (var (environment, expected) in cases)
        {
            environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{PublishedApp.FreePort()}";
            var run = await published.RunVerbProcessAsync(folder, environment, args);
            Assert.True(run.Exit == 1, run.Output);
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        }
    }
}
