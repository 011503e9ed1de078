using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// The web project published in Release (<c>dotnet publish</c>, once per test run) into a temporary folder outside the
/// repository, as an operator gets it. <c>PT_TEST_PUBLISHED</c> may name an existing publish folder to reuse.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public const string Dll = "PerformanceTargets.Web.dll";

    /// <summary>The test collection that shares one publish (<see cref="PublishedAppCollection"/>).</summary>
    public const string Collection = "published app";

    public string Folder { get; private set; } = "";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pt-published", Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("PerformanceTargets.sln not found above the test folder");
        }
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        if (Environment.GetEnvironmentVariable("PT_TEST_PUBLISHED") is { Length: > 0 } given && File.Exists(Path.Combine(given, Dll)))
        {
            Folder = given;
            return;
        }

        Folder = Path.Combine(Root, "app");
        var project = Path.Combine(RepositoryRoot, "src", "PerformanceTargets.Web", "PerformanceTargets.Web.csproj");
        var (exit, output) = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "-nologo", "-v", "quiet"], Root, TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, "dotnet publish failed:\n" + output);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A new empty folder to start the program from: never the program's own folder.</summary>
    public string NewWorkingDirectory()
    {
        var folder = Path.Combine(Root, "cwd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs the published program once (a verb) and returns its exit code and output.</summary>
    public async Task<(int Exit, string Output)> RunVerbAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = await RunVerbProcessAsync(workingDirectory, environment, args);
        return (run.Exit, run.Output);
    }

    /// <summary>As <see cref="RunVerbAsync"/>, with the id of the process started.</summary>
    public Task<ProcessRun> RunVerbProcessAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessAsync("dotnet", [Path.Combine(Folder, Dll), .. args], workingDirectory, TimeSpan.FromMinutes(2), environment);

    /// <summary>Starts the published program as a server; it is stopped when the result is disposed.</summary>
    public RunningServer Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string urls) =>
        RunningServer.Start(Path.Combine(Folder, Dll), workingDirectory, environment, urls);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A self-signed certificate for 127.0.0.1/localhost, written as a .pfx under <see cref="Root"/>.</summary>
    public (string Path, string Password, string Thumbprint) CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(Root, $"cert-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password, certificate.Thumbprint);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = await RunProcessAsync(file, args, workingDirectory, timeout, environment);
        return (run.Exit, run.Output);
    }

    private static async Task<ProcessRun> RunProcessAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        output.Append(await stdout).Append(await stderr);
        return new ProcessRun(process.ExitCode, output.ToString(), process.Id);
    }
}

/// <summary>The classes that run the published program share one publish (a minute of a test run each otherwise).</summary>
[CollectionDefinition(PublishedApp.Collection)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>;

/// <summary>A finished run of a program: its exit code, its standard output then error, and its process id.</summary>
public sealed record ProcessRun(int Exit, string Output, int ProcessId);

/// <summary>The published program running as a server, with its console output kept for the log check.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningServer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static RunningServer Start(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, string urls)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(urls);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new RunningServer(Process.Start(info)!);
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 through <paramref name="client"/>.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "The server stopped:\n" + Output);
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail("The server did not become healthy:\n" + Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
