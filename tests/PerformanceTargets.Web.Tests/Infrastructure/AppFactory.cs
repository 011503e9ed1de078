using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>The real app on a real database (see <see cref="TestDatabase"/>), with a known admin.</summary>
public sealed class AppFactory(TestDatabase database, string environment = "Development") : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Passw0rd-1";

    public TestDatabase Database => database;

    /// <summary>Extra host settings or test services for one fixture (e.g. a production-like host).</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Serilog:WriteTo:1:Name", "Console");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // Tests sign in many times a minute from one test client; LoginRateLimitTests use the shipped limits.
        builder.UseSetting("Security:Login:PerClient", "100000");
        builder.UseSetting("Security:Login:PerAccount", "100000");

        // The same for the public pages' limit (per client address; test requests have none); PublicPagesTests lower it.
        builder.UseSetting("Public:PermitLimit", "100000");
        Customize?.Invoke(builder);
    }

    /// <summary>Runs <paramref name="work"/> with a scoped <see cref="AppDbContext"/>.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
