using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>PostgreSQL connections prepare their repeated statements on the server unless the connection string says otherwise.</summary>
public sealed class AutoPrepareSettingTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_automatic_preparation()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=pt;Username=app"));
        Assert.Equal(DatabaseSetup.AutoPreparedStatements, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("db", builder.Host);
        Assert.Equal("pt", builder.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=pt;Max Auto Prepare=0")]
    [InlineData("Host=db;Database=pt;MaxAutoPrepare=0")]
    [InlineData("Host=db;Database=pt;max auto prepare=0")]
    public void An_operator_s_own_setting_is_kept(string connectionString) =>
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(connectionString)).MaxAutoPrepare);

    [Fact]
    public void A_connection_string_without_the_reset_setting_returns_connections_to_the_pool_unreset()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithoutSessionReset("Host=db;Database=pt;Username=app"));
        Assert.True(builder.NoResetOnClose);
        Assert.Equal("db", builder.Host);
        Assert.Equal("pt", builder.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=pt;No Reset On Close=false")]
    [InlineData("Host=db;Database=pt;NoResetOnClose=false")]
    public void An_operator_s_own_reset_setting_is_kept(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithoutSessionReset(connectionString)).NoResetOnClose);
}

/// <summary>The application's PostgreSQL contexts run with the setting, and repeated queries come back right from prepared statements.</summary>
public sealed class PostgresAutoPrepareTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task The_application_s_connections_prepare_repeated_statements()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var (setting, names) = await app.WithDbAsync(async db =>
        {
            var setting = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            await db.Database.OpenConnectionAsync();
            var names = new List<string>();
            for (var run = 0; run < 3; run++)
            {
                names.Add(await db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync());
            }

            var prepared = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync();
            Assert.True(prepared > 0, "no statement was prepared on the server");
            return (setting, names);
        });

        Assert.Equal(DatabaseSetup.AutoPreparedStatements, setting.MaxAutoPrepare);
        Assert.True(setting.NoResetOnClose);
        Assert.All(names, name => Assert.Equal(project.Name, name));
    }
}
