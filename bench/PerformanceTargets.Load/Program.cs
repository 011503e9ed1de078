using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

// bench/load.sh runs this against a running server:
//   --url U (--db SQLITEFILE | --pg CONNECTIONSTRING) --clients N --seconds S --email E --password P [--outage-ok true]
// With --outage-ok the server may be killed and started again during the run: a request that fails in transport is
// counted as interrupted (not an error), the write it carried is "maybe done", and the client re-reads its project
// when the server is back; every write the server acknowledged must still be there.
var options = Args.Parse(args);
var outageOk = options.GetValueOrDefault("outage-ok") == "true";
var url = new Uri(options["url"]);
var clients = int.Parse(options.GetValueOrDefault("clients", "32"), CultureInfo.InvariantCulture);
var seconds = int.Parse(options.GetValueOrDefault("seconds", "60"), CultureInfo.InvariantCulture);
var year = int.Parse(options.GetValueOrDefault("year", "2031"), CultureInfo.InvariantCulture);
var stats = new Stats();

// Set-up (not measured): every client signs in and creates its own project and unit-less work set.
var workers = await Task.WhenAll(Enumerable.Range(0, clients).Select(k => Worker.StartAsync(k, url, options["email"], options["password"], year, stats, outageOk)));
Console.WriteLine($"set-up: {clients} clients signed in, {clients} projects created");
stats.Reset();

var stopwatch = Stopwatch.StartNew();
var deadline = DateTime.UtcNow.AddSeconds(seconds);
await Task.WhenAll(workers.Select(w => w.RunAsync(deadline)));
stopwatch.Stop();

// The check: every acknowledged write is in the database.
var lost = new List<string>();
await using (DbConnection db = options.TryGetValue("pg", out var pg)
    ? new NpgsqlConnection(pg)
    : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options["db"], Mode = SqliteOpenMode.ReadOnly }.ToString()))
{
    await db.OpenAsync();
    foreach (var worker in workers)
    {
        lost.AddRange(await worker.CheckAsync(db));
    }
}

var latencies = stats.Latencies.ToArray();
Array.Sort(latencies);
double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine($"clients={clients} seconds={stopwatch.Elapsed.TotalSeconds:F1}");
Console.WriteLine($"requests={latencies.Length} rps={latencies.Length / stopwatch.Elapsed.TotalSeconds:F1}");
Console.WriteLine($"by kind: {string.Join(", ", stats.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}");
Console.WriteLine($"acknowledged writes={workers.Sum(w => w.AcknowledgedWrites)}");
Console.WriteLine($"interrupted={stats.Interrupted} (requests cut by a server restart; their writes counted as maybe-done)");
Console.WriteLine($"errors={stats.Errors.Count}");
Console.WriteLine($"lost writes={lost.Count}");
Console.WriteLine($"p50_ms={Percentile(0.50):F1} p99_ms={Percentile(0.99):F1} max_ms={(latencies.Length == 0 ? 0 : latencies[^1]):F1}");
foreach (var error in stats.Errors.Take(20))
{
    Console.WriteLine("  error: " + error);
}

foreach (var missing in lost.Take(20))
{
    Console.WriteLine("  lost: " + missing);
}

return stats.Errors.IsEmpty && lost.Count == 0 ? 0 : 1;

internal sealed class Stats
{
    public ConcurrentBag<double> Latencies { get; private set; } = [];

    public ConcurrentBag<string> Errors { get; private set; } = [];

    public ConcurrentDictionary<string, int> ByKind { get; private set; } = new();

    private int _interrupted;

    public int Interrupted => _interrupted;

    public void CountInterrupted() => Interlocked.Increment(ref _interrupted);

    public void Reset()
    {
        Latencies = [];
        Errors = [];
        ByKind = new();
        _interrupted = 0;
    }
}

/// <summary>One signed-in client working on its own project: reads, edits, submit + return, imports, exports.</summary>
internal sealed partial class Worker
{
    private readonly int _number;
    private readonly HttpClient _http;
    private readonly Stats _stats;
    private readonly int _year;
    private readonly Random _random;
    private readonly bool _outageOk;
    private readonly List<(string Name, string Status)> _maybe = [];
    private readonly List<string> _lost = [];
    private int _projectId;
    private string _code = string.Empty;
    private string? _lastName;
    private string _lastStatus = "Draft";
    private int _steps;

    private Worker(int number, HttpClient http, Stats stats, int year, bool outageOk)
    {
        _number = number;
        _http = http;
        _stats = stats;
        _year = year;
        _outageOk = outageOk;
        _random = new Random(number);
    }

    public int AcknowledgedWrites { get; private set; }

    public static async Task<Worker> StartAsync(int number, Uri url, string email, string password, int year, Stats stats, bool outageOk)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var worker = new Worker(number, http, stats, year, outageOk);
        var token = await worker.TokenAsync("/Account/Login");
        var login = await http.PostAsync("/Account/Login", Form(token, ("Input.Email", email), ("Input.Password", password)));
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"client {number}: sign-in answered {(int)login.StatusCode}");
        }

        await worker.CreateProjectAsync();
        return worker;
    }

    public async Task RunAsync(DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            var dice = _random.Next(100);
            try
            {
                if (dice < 40)
                {
                    await ReadAsync();
                }
                else if (dice < 70)
                {
                    await EditAsync();
                }
                else if (dice < 80)
                {
                    await SubmitAndReturnAsync();
                }
                else if (dice < 90)
                {
                    await ImportAsync();
                }
                else
                {
                    await ExportAsync();
                }
            }
            catch (Exception ex) when (_outageOk && IsTransport(ex))
            {
                _stats.CountInterrupted();
                try
                {
                    await RecoverAsync();
                }
                catch (Exception failed)
                {
                    _stats.Errors.Add($"client {_number}: recovery after the restart: {failed.GetType().Name}: {failed.Message}");
                }
            }
            catch (Exception ex)
            {
                _stats.Errors.Add($"client {_number}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static bool IsTransport(Exception ex) => ex is HttpRequestException or TaskCanceledException or IOException;

    /// <summary>
    /// After a request was cut (the server was killed): wait until it answers again, then read the project. It must hold
    /// the last acknowledged write or one of the writes sent since whose answer never came; anything else is a lost write.
    /// </summary>
    private async Task RecoverAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync($"/api/v1/projects/{_projectId}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    var name = detail["project"]!["name"]!.GetValue<string>();
                    var status = detail["status"]!.GetValue<string>();
                    if ((name, status) != (_lastName, _lastStatus) && !_maybe.Contains((name, status)))
                    {
                        _lost.Add($"client {_number}: after the restart project {_projectId} is '{name}' {status}, last acknowledged '{_lastName}' {_lastStatus}");
                    }

                    _lastName = name;
                    _lastStatus = status;
                    _maybe.Clear();
                    if (status == "Submitted")
                    {
                        // The submit landed but its return did not: return it, so the next edit is allowed.
                        // A submitted project's page has no form of the filler's; the reviewer's decision page has one.
                        var html = await TimedTextAsync("read", () => _http.GetAsync($"/Review/Decide/{_projectId}"));
                        await TimedAsync("return", () => _http.PostAsync($"/Review/Decide/{_projectId}", Form(Token(html), ("Input.Decision", "Return"), ("Input.Comment", "压测退回"))), HttpStatusCode.Redirect);
                        _lastStatus = "Returned";
                        AcknowledgedWrites++;
                    }

                    return;
                }

                throw new InvalidOperationException($"recovery read answered {(int)response.StatusCode}");
            }
            catch (Exception ex) when (IsTransport(ex) && attempt < 300)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A write is about to be sent: if its answer never comes, the project may hold it.</summary>
    private void Sending(string name, string status) => _maybe.Add((name, status));

    /// <summary>The server acknowledged the write: it must be there from now on.</summary>
    private void Acknowledged(string name, string status)
    {
        _lastName = name;
        _lastStatus = status;
        _maybe.Clear();
        AcknowledgedWrites++;
    }

    /// <summary>What the database must hold for this client's project after the run.</summary>
    public async Task<IEnumerable<string>> CheckAsync(DbConnection db)
    {
        var problems = new List<string>(_lost);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT \"Name\", \"Status\" FROM \"Projects\" WHERE \"Id\" = @id";
        AddParameter(command, "@id", _projectId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return [$"client {_number}: project {_projectId} missing"];
        }

        var maybe = _maybe.Any(m => m.Name == reader.GetString(0) && m.Status == reader.GetString(1));
        if (_lastName is not null && reader.GetString(0) != _lastName && !maybe)
        {
            problems.Add($"client {_number}: project {_projectId} is named '{reader.GetString(0)}', last acknowledged '{_lastName}'");
        }

        if (reader.GetString(1) != _lastStatus && !maybe)
        {
            problems.Add($"client {_number}: project {_projectId} is {reader.GetString(1)}, last acknowledged {_lastStatus}");
        }

        await reader.CloseAsync();
        await using var audit = db.CreateCommand();
        audit.CommandText = "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"ProjectCode\" = @code AND \"EntityType\" = 'BudgetProject'";
        AddParameter(audit, "@code", _code);
        var entries = Convert.ToInt32(await audit.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (entries < AcknowledgedWrites + 1)
        {
            problems.Add($"client {_number}: {entries} audit entries for {AcknowledgedWrites + 1} acknowledged writes");
        }

        return problems;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task CreateProjectAsync()
    {
        _code = $"LOAD{_number:D3}{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        // The token from the form the post belongs to: pages without a form (the home page) carry none.
        var token = await TokenAsync($"/Projects/Edit?year={_year}");
        var response = await _http.PostAsync($"/Projects/Edit?year={_year}", Form(token, ProjectFields(_code, $"压测项目{_number}")));
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var match = DetailsPath().Match(location);
        if (response.StatusCode != HttpStatusCode.Redirect || !match.Success)
        {
            throw new InvalidOperationException($"client {_number}: create answered {(int)response.StatusCode} {location}");
        }

        _projectId = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        _lastName = $"压测项目{_number}";
    }

    private async Task ReadAsync()
    {
        var path = _random.Next(3) switch
        {
            0 => $"/?year={_year}",
            1 => $"/Projects/Details/{_projectId}",
            _ => $"/GoalTables/Show/{_projectId}",
        };
        await TimedAsync("read", () => _http.GetAsync(path), HttpStatusCode.OK);
    }

    private async Task EditAsync()
    {
        var html = await TimedTextAsync("read", () => _http.GetAsync($"/Projects/Edit/{_projectId}"));
        var match = VersionField().Match(html);
        var version = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        var name = $"压测{_number}-编辑{++_steps}";
        var fields = ProjectFields(_code, name).Append(("Input.Version", version)).ToArray();
        Sending(name, "Draft");
        await TimedAsync("edit", () => _http.PostAsync($"/Projects/Edit/{_projectId}", Form(Token(html), fields)), HttpStatusCode.Redirect);
        Acknowledged(name, "Draft"); // a change to a returned project makes it a draft again
    }

    private async Task SubmitAndReturnAsync()
    {
        var html = await TimedTextAsync("read", () => _http.GetAsync($"/Projects/Details/{_projectId}"));
        Sending(_lastName!, "Submitted");
        await TimedAsync("submit", () => _http.PostAsync($"/Projects/Details/{_projectId}?handler=Submit", Form(Token(html))), HttpStatusCode.Redirect);
        Acknowledged(_lastName!, "Submitted");
        Sending(_lastName!, "Returned");
        await TimedAsync("return", () => _http.PostAsync($"/Review/Decide/{_projectId}", Form(Token(html), ("Input.Decision", "Return"), ("Input.Comment", "压测退回"))), HttpStatusCode.Redirect);
        Acknowledged(_lastName!, "Returned");
    }

    private async Task ImportAsync()
    {
        var json = JsonNode.Parse(await TimedTextAsync("export", () => _http.GetAsync($"/Export?project={_projectId}&year={_year}&format=json")))!;
        var name = $"压测{_number}-导入{++_steps}";
        json["units"]![0]!["projects"]![0]!["name"] = name;
        var token = Token(await TimedTextAsync("read", () => _http.GetAsync("/Import")));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(_year.ToString(CultureInfo.InvariantCulture)), "Input.Year" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json.ToJsonString())), "Input.Files", $"load-{_number}.json" },
        };
        Sending(name, "Draft");
        var html = await TimedTextAsync("import", () => _http.PostAsync("/Import", form));
        if (!html.Contains("导入完成", StringComparison.Ordinal) || !html.Contains("修改 1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"import not acknowledged: {Regex.Match(html, "导入[^<]{0,120}").Value}");
        }

        Acknowledged(name, "Draft");
    }

    private Task ExportAsync() =>
        TimedAsync("export", () => _http.GetAsync($"/Export?project={_projectId}&year={_year}&format=docx"), HttpStatusCode.OK);

    private async Task TimedAsync(string kind, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        using var response = await SendAsync(kind, send);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode} {response.Headers.Location}, expected {(int)expected}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<string> TimedTextAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await SendAsync(kind, send);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        _stats.Latencies.Add(watch.Elapsed.TotalMilliseconds);
        _stats.ByKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return response;
    }

    private async Task<string> TokenAsync(string path) => Token(await _http.GetStringAsync(path));

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token"));

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    private static (string, string)[] ProjectFields(string code, string name) =>
    [
        ("Input.Code", code), ("Input.Name", name), ("Input.Budget", "1500000"), ("Input.FiscalFunds", "1000000"), ("Input.OtherFunds", "500000"),
        ("Input.Purpose", "压测用途"), ("Input.Plan[0]", "20"), ("Input.Plan[1]", "50"), ("Input.Plan[2]", "80"), ("Input.Plan[3]", "100"),
        ("Input.Goals[0]", "保障日常运转。"),
        ("Input.Indicators[0].Level1", "产出指标"), ("Input.Indicators[0].Level2", "数量指标"), ("Input.Indicators[0].Name", "培训人数"),
        ("Input.Indicators[0].Description", "参加培训的人数"), ("Input.Indicators[0].Value", "≥2人"), ("Input.Indicators[0].Basis", "年度工作计划"),
    ];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Input.Version\" value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"Input.Version\"")]
    private static partial Regex VersionField();

    [GeneratedRegex(@"/Projects/Details/(\d+)")]
    private static partial Regex DetailsPath();
}

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k + 1 < args.Length; k += 2)
        {
            result[args[k].TrimStart('-')] = args[k + 1];
        }

        foreach (var required in new[] { "url", "email", "password" })
        {
            if (!result.ContainsKey(required))
            {
                throw new ArgumentException($"--{required} is required");
            }
        }

        if (!result.ContainsKey("db") && !result.ContainsKey("pg"))
        {
            throw new ArgumentException("--db SQLITEFILE or --pg CONNECTIONSTRING is required");
        }

        return result;
    }
}
