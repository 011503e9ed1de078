using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

[assembly: AssemblyFixture(typeof(PerformanceTargets.Browser.Tests.Infrastructure.BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PerformanceTargets.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, over a fresh SQLite file, and one shared Chromium
/// (<c>/usr/bin/chromium</c> or <c>PT_TEST_CHROMIUM</c>). Without Chromium every journey is skipped with the reason.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PT_TEST_CHROMIUM";
    public const string Password = "Browser-Passw0rd-1";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _database = Path.Combine(Path.GetTempPath(), "pt-tests", $"pt-browser-{Guid.NewGuid():N}.db");
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string? SkipReason { get; private set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium not found at {ChromiumPath}: install it (bash .ci/run does) or set {ChromiumVariable}.";
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        var port = FreePort();
        _factory = new Factory($"Data Source={_database}");
        _factory.UseKestrel(port);
        _factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser context (own cookies) at 1366×768, unless another viewport is given.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task<Unit> CreateUnitAsync(string code, string name) => await WithDbAsync(async db =>
    {
        var unit = new Unit(code, name);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    });

    public async Task<string> CreateUserAsync(string email, string role, int? unitId)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, UnitId = unitId, DisplayName = Roles.ToChinese(role) };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return email;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<BudgetProject> AddProjectAsync(BudgetProject project) => await WithDbAsync(async db =>
    {
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    });

    public async Task<ProjectStatus> StatusOfAsync(int projectId) =>
        await WithDbAsync(db => Task.FromResult(db.Projects.Where(p => p.Id == projectId).Select(p => p.Status).Single()));

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(_database + suffix);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Admin:Email", "admin@browser.local");
            builder.UseSetting("Admin:Password", Password);
            builder.UseSetting("Serilog:WriteTo:1:Name", "Console");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

            // Every journey signs in from 127.0.0.1, and on a fast machine the suite signs in more than the shipped 20
            // times a minute per client. The limit itself is tested in the web suite (LoginRateLimitTests).
            builder.UseSetting("Security:Login:PerClient", "100000");
            builder.UseSetting("Security:Login:PerAccount", "100000");
        }
    }
}
