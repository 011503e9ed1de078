using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>
/// The published program in Production, started from another working directory, as an operator runs it (issue 13):
/// (a) plain HTTP with <c>Security:RequireHttps=false</c>; (b) HTTPS with a certificate made here; (c) plain HTTP with
/// HTTPS required: redirected when the app knows its HTTPS port, otherwise an explanatory page, never 500; (d) plain
/// HTTP from loopback behind a TLS-terminating proxy's <c>X-Forwarded-Proto</c>. In each, the CSS is served, a user
/// signs in, imports the sample and downloads a goal table .docx, and the server logs no error.
/// </summary>
[Collection(PublishedApp.Collection)]
public sealed partial class PublishedAppSmokeTests(PublishedApp published)
{
    private const string Email = "operator@smoke.local";
    private const string Password = "Smoke-Passw0rd-1";

    [Fact]
    public async Task A_plain_http_with_https_not_required()
    {
        var port = PublishedApp.FreePort();
        var environment = Environment(("Security__RequireHttps", "false"));
        await using var server = published.Start(published.NewWorkingDirectory(), environment, $"http://127.0.0.1:{port}");
        using var client = Client($"http://127.0.0.1:{port}");

        await server.WaitUntilHealthyAsync(client, TimeSpan.FromSeconds(60));
        await JourneyAsync(client);

        Assert.Contains("Security:RequireHttps is false", server.Output, StringComparison.Ordinal);
        AssertNoErrors(server);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(published.Folder, "logs"), "*.log"));

        // A verb started from yet another folder reads the program's appsettings and the same database.
        var (exit, output) = await published.RunVerbAsync(published.NewWorkingDirectory(), environment, "export", "projects", "--year", "2021", "--format", "json", "--out", "-");
        Assert.True(exit == 0, output);
        Assert.Contains("1303032113FG3ZE1SGQAM", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B_https_with_a_certificate()
    {
        var port = PublishedApp.FreePort();
        var certificate = published.CreateCertificate();
        var environment = Environment(
            ("Kestrel__Certificates__Default__Path", certificate.Path),
            ("Kestrel__Certificates__Default__Password", certificate.Password));
        await using var server = published.Start(published.NewWorkingDirectory(), environment, $"https://127.0.0.1:{port}");
        using var client = Client($"https://127.0.0.1:{port}", certificate.Thumbprint);

        await server.WaitUntilHealthyAsync(client, TimeSpan.FromSeconds(60));
        // HSTS is never sent for loopback host names; the app's own name gets it.
        using var named = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { Host = "pt.example.gov.cn" } };
        var login = await client.SendAsync(named);
        Assert.Contains("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        await JourneyAsync(client, expectSecureCookies: true);

        AssertNoErrors(server);
    }

    [Fact]
    public async Task C_plain_http_with_https_required_is_redirected_or_explained_never_500()
    {
        var http = PublishedApp.FreePort();
        var https = PublishedApp.FreePort();
        var certificate = published.CreateCertificate();
        var environment = Environment(
            ("Kestrel__Certificates__Default__Path", certificate.Path),
            ("Kestrel__Certificates__Default__Password", certificate.Password));
        await using (var server = published.Start(published.NewWorkingDirectory(), environment, $"http://127.0.0.1:{http};https://127.0.0.1:{https}"))
        {
            using var plain = Client($"http://127.0.0.1:{http}");
            await server.WaitUntilHealthyAsync(plain, TimeSpan.FromSeconds(60));

            var redirect = await plain.GetAsync("/Account/Login?ReturnUrl=%2F");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
            Assert.Equal($"https://127.0.0.1:{https}/Account/Login?ReturnUrl=%2F", redirect.Headers.Location?.ToString());

            using var secure = Client($"https://127.0.0.1:{https}", certificate.Thumbprint);
            await JourneyAsync(secure, expectSecureCookies: true);
            AssertNoErrors(server);
        }

        // The same setting with no HTTPS endpoint the app knows of: a Chinese explanation, problem+json under /api.
        var only = PublishedApp.FreePort();
        await using var alone = published.Start(published.NewWorkingDirectory(), Environment(), $"http://127.0.0.1:{only}");
        using var client = Client($"http://127.0.0.1:{only}");
        await alone.WaitUntilHealthyAsync(client, TimeSpan.FromSeconds(60));
        foreach (var path in new[] { "/Account/Login", "/Error", "/", "/css/site.css" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Security__RequireHttps=false", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var api = await client.GetAsync("/api/v1/auth/antiforgery");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HTTPS", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNoErrors(alone);
    }

    [Fact]
    public async Task D_plain_http_behind_a_tls_terminating_proxy()
    {
        var port = PublishedApp.FreePort();
        var environment = Environment(("ForwardedHeaders__Enabled", "true"));
        await using var server = published.Start(published.NewWorkingDirectory(), environment, $"http://127.0.0.1:{port}");
        using var client = Client($"http://127.0.0.1:{port}", forwardedProto: "https");

        await server.WaitUntilHealthyAsync(client, TimeSpan.FromSeconds(60));
        await JourneyAsync(client, expectSecureCookies: true);

        AssertNoErrors(server);
    }

    /// <summary>The CSS, sign-in, import of the sample, and one goal table as .docx, opened by the OpenXML SDK.</summary>
    private static async Task JourneyAsync(HttpClient client, bool expectSecureCookies = false)
    {
        var css = await client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);

        var login = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pt.auth=", StringComparison.Ordinal));
        Assert.Equal(expectSecureCookies, auth.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var token = await TokenAsync(client, "/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("2021"), "Input.Year" },
            { new StringContent("false"), "Input.DryRun" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Seed.Path));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Input.Files", "631001-2021-goals.txt");
        var import = await client.PostAsync("/Import", form);
        var report = await import.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Contains("导入完成", report, StringComparison.Ordinal);

        var home = await client.GetStringAsync("/?year=2021");
        var id = ProjectLink().Match(home).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(id), "no project on the home page:\n" + home);
        var docx = await client.GetAsync($"/GoalTables/Show/{id}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        await using var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        Assert.Contains("绩效目标", document.MainDocumentPart!.Document!.InnerText, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return HttpForms.ExtractAntiforgeryToken(await page.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException($"{path} has no antiforgery token");
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static void AssertNoErrors(RunningServer server)
    {
        Assert.False(server.HasExited, server.Output);
        Assert.DoesNotMatch(ErrorLine(), server.Output);
    }

    private Dictionary<string, string> Environment(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(published.Root, $"smoke-{Guid.NewGuid():N}.db")}",
            ["Database__MigrateOnStartup"] = "true",
            ["Admin__Email"] = Email,
            ["Admin__Password"] = Password,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>A client that keeps cookies itself (Secure ones too, as a browser behind the TLS proxy would) and never follows redirects.</summary>
    private static HttpClient Client(string baseAddress, string? thumbprint = null, string? forwardedProto = null)
    {
        var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        if (thumbprint is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint;
        }

        return new HttpClient(new CookieJar(forwardedProto) { InnerHandler = handler }) { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
    }

    private sealed class CookieJar(string? forwardedProto) : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            }

            lock (_cookies)
            {
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (_cookies)
                {
                    foreach (var pair in values.Select(v => v.Split(';')[0]))
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        _cookies[pair[..equals]] = pair[(equals + 1)..];
                    }
                }
            }

            return response;
        }
    }

    [GeneratedRegex(@"/Projects/Details/(\d+)")]
    private static partial Regex ProjectLink();

    [GeneratedRegex(@"\[\d{2}:\d{2}:\d{2} (ERR|FTL)\]")]
    private static partial Regex ErrorLine();
}
