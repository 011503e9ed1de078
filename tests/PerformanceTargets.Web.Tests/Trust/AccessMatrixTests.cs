using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Documents;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using System.Security.Claims;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>
/// One test per cell of <see cref="AccessMatrix"/>: a real user of the role (signed in through the login form) makes
/// the real HTTP request on a project of their own unit or of another unit, and the test checks both the answer and
/// the effect in the database (a refused write changed nothing; an allowed one did).
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    public static TheoryData<string, string, AccessScope> Cells()
    {
        var data = new TheoryData<string, string, AccessScope>();
        foreach (var cell in AccessMatrix.Cells)
        {
            data.Add(cell.Role, cell.Action.Key, cell.Scope);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_of_the_matrix_is_enforced_by_the_server(string role, string action, AccessScope scope)
    {
        var expected = AccessMatrix.Expected(role, action, scope);
        var app = await world.GetAsync();
        var client = await world.ClientAsync(role);
        var unit = scope == AccessScope.OwnUnit ? world.Own : world.Other;
        Assert.True(Probes.TryGetValue(action, out var probe), $"No probe for the matrix action '{action}': write one in {nameof(AccessMatrixTests)}.{nameof(Probes)}.");

        var (outcome, effect) = await probe(new ProbeContext(app, client, unit, world));

        Assert.Equal(expected, outcome);
        Assert.True(effect == (expected == AccessOutcome.Allowed),
            expected == AccessOutcome.Allowed ? $"{role} {action} was answered as allowed but had no effect." : $"{role} {action} was refused but the data changed or was delivered.");
    }

    [Fact]
    public void Every_action_of_the_matrix_has_a_probe_and_every_probe_an_action()
    {
        Assert.Equal(AccessMatrix.Actions.Select(a => a.Key).Order(), Probes.Keys.Order());
        Assert.Equal(AccessMatrix.MatrixRoles.Count * AccessMatrix.Actions.Count * 2, AccessMatrix.Cells.Count);
    }

    [Fact]
    public void Docs_security_md_shows_exactly_this_matrix()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "security.md")).ReplaceLineEndings("\n");
        var table = AccessMatrix.ToMarkdown();
        Assert.True(doc.Contains(table, StringComparison.Ordinal),
            "docs/security.md must contain the matrix exactly as AccessMatrix.ToMarkdown() renders it:\n\n" + table);
        foreach (var action in AccessMatrix.Actions)
        {
            Assert.Contains($"| {action.Key} | {action.Chinese} |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_access_denied_page_answers_403()
    {
        var client = await world.ClientAsync(Roles.Auditor);
        var response = await client.GetAsync("/Account/AccessDenied");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PerformanceTargets.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("PerformanceTargets.sln not found");
    }

    public sealed record ProbeContext(AppFactory App, HttpClient Client, Unit Unit, World World);

    /// <summary>The request each action makes, and how its effect is read back: (the server's answer, whether it took effect).</summary>
    private static readonly Dictionary<string, Func<ProbeContext, Task<(AccessOutcome, bool)>>> Probes = new()
    {
        [AccessMatrix.View.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id);
            var response = await c.Client.GetAsync($"/Projects/Details/{project.Id}");
            return (await ClassifyAsync(c.Client, response), response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains(project.Code, StringComparison.Ordinal));
        },
        [AccessMatrix.Create.Key] = async c =>
        {
            var code = "MX" + Guid.NewGuid().ToString("N")[..12];
            var response = await c.Client.PostAsync($"/Projects/Edit?unit={c.Unit.Id}&year={WorkbenchData.Year}",
                new FormUrlEncodedContent(ProjectForms.Valid("矩阵新建项目", await TokenAsync(c.Client), code)));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == code)));
        },
        [AccessMatrix.Edit.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id);
            var name = "矩阵修改" + Guid.NewGuid().ToString("N")[..6];
            var form = ProjectForms.Valid(name, await TokenAsync(c.Client), project.Code);
            form["Input.Version"] = project.Version.ToString();
            var response = await c.Client.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(form));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == project.Id && p.Name == name)));
        },
        [AccessMatrix.Submit.Key] = c => StepAsync(c, ProjectStatus.Draft, p => $"/Projects/Details/{p}?handler=Submit", [], ProjectStatus.Submitted),
        [AccessMatrix.Approve.Key] = c => StepAsync(c, ProjectStatus.Submitted, p => $"/Review/Decide/{p}", [new("Input.Decision", "Approve")], ProjectStatus.Approved),
        [AccessMatrix.Return.Key] = c => StepAsync(c, ProjectStatus.Submitted, p => $"/Review/Decide/{p}", [new("Input.Decision", "Return"), new("Input.Comment", "请补充测算依据")], ProjectStatus.Returned),
        [AccessMatrix.Adjust.Key] = c => StepAsync(c, ProjectStatus.Approved, p => $"/Projects/Details/{p}?handler=Adjust", [new("Adjust.Reason", "预算调整")], ProjectStatus.Draft),
        [AccessMatrix.Import.Key] = async c =>
        {
            // A JSON interchange document of the unit with one project under a new code: importing it adds that project.
            var project = await c.App.CreateProjectAsync(c.Unit.Id);
            var code = "IM" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            var json = await c.App.WithDbAsync(async db =>
            {
                var document = await new PlanExporter(db).BuildAsync(WorkbenchData.Year, c.Unit.Code, [project.Id]);
                return PlanDocuments.WriteJson(document!).Replace(project.Code, code, StringComparison.Ordinal);
            });
            var token = await TokenAsync(c.Client);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(WorkbenchData.Year.ToString(CultureInfo.InvariantCulture)), "Input.Year" },
                { new StringContent("false"), "Input.DryRun" },
            };
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(file, "Input.Files", "unit.json");
            var response = await c.Client.PostAsync("/Import", form);
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == code && p.UnitId == c.Unit.Id)));
        },
        [AccessMatrix.Export.Key] = async c =>
        {
            await c.App.CreateProjectAsync(c.Unit.Id);
            var response = await c.Client.GetAsync($"/Export?unit={c.Unit.Id}&year={WorkbenchData.Year}&format=docx");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var delivered = response.StatusCode == HttpStatusCode.OK && bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K';
            return (await ClassifyAsync(c.Client, response), delivered);
        },
        [AccessMatrix.Evaluate.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            var response = await c.Client.PostAsync($"/YearEnd/Edit/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Input.Executed"] = "1800000",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == project.Id && p.Executed == 1_800_000m)));
        },
        [AccessMatrix.RatingsExport.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            var response = await c.Client.GetAsync($"/Ratings?handler=Download&unit={c.Unit.Id}&year={WorkbenchData.Year}&format=csv");
            var delivered = response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains(project.Code, StringComparison.Ordinal);
            return (await ClassifyAsync(c.Client, response), delivered);
        },
        [AccessMatrix.ManageUsers.Key] = async c =>
        {
            var email = await c.App.CreateUserAsync(Roles.Finance, c.Unit.Id);
            var id = await UserIdAsync(c.App, email);
            var response = await c.Client.PostAsync($"/Admin/Users/Edit?id={id}&handler=Lock",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(c.Client) }));
            var locked = await c.App.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id && u.LockoutEnd != null));
            return (await ClassifyAsync(c.Client, response), locked);
        },
        [AccessMatrix.MonitorOpen.Key] = async c =>
        {
            var n = Interlocked.Increment(ref _rounds);
            var (year, month) = (2050 + (n / 12), 1 + (n % 12));
            var response = await c.Client.PostAsync("/Admin/MonitoringRounds?handler=Open", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Input.Year"] = year.ToString(CultureInfo.InvariantCulture),
                ["Input.EndMonth"] = month.ToString(CultureInfo.InvariantCulture),
                ["Input.Deadline"] = $"{year}-12-31",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.MonitoringRounds.AnyAsync(r => r.Year == year && r.EndMonth == month)));
        },
        [AccessMatrix.MonitorFill.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            var round = await MonitoringRoundAsync(c.App);
            var response = await c.Client.PostAsync($"/Monitoring/Entry/{round.Id}/{project.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Input.AnnualBudget"] = "2000000",
                ["Input.ExecutedToDate"] = "1000000",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.ProjectMonitorings.AnyAsync(m => m.ProjectId == project.Id && m.ExecutedToDate == 1_000_000m)));
        },
        [AccessMatrix.MonitorDecide.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            var round = await MonitoringRoundAsync(c.App);
            var entry = await c.App.WithDbAsync(async db =>
            {
                var tracked = await db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == project.Id);
                var created = new ProjectMonitoring(round, tracked);
                created.Record(new MonitoringFunds(2_000_000m, 1_000_000m, 2_000_000m),
                    created.Indicators.ToDictionary(i => i.Order, i => new MonitoringIndicatorFigures("达成", "达成", Domain.Rules.Likelihood.Certain, Domain.Rules.DeviationCause.None, null, null)),
                    "finance@test.local", DateTimeOffset.UtcNow);
                created.Submit(created.Lights(tracked.SpendingPlan, round.EndMonth, Domain.Rules.EvaluationSettings.National(round.Year)), "finance@test.local", DateTimeOffset.UtcNow);
                db.ProjectMonitorings.Add(created);
                await db.SaveChangesAsync();
                return created;
            });
            var response = await c.Client.PostAsync($"/Monitoring/Entry/{round.Id}/{project.Id}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Decision.Decision"] = "Approve",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.ProjectMonitorings.AnyAsync(m => m.Id == entry.Id && m.Status == MonitoringStatus.Approved)));
        },
        [AccessMatrix.DepartmentView.Key] = async c =>
        {
            await DepartmentTableAsync(c, ProjectStatus.Draft);
            var response = await c.Client.GetAsync($"/Department/Show?unit={c.Unit.Id}&year={WorkbenchData.Year}");
            return (await ClassifyAsync(c.Client, response), response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("矩阵部门职责", StringComparison.Ordinal));
        },
        [AccessMatrix.DepartmentEdit.Key] = async c =>
        {
            var table = await DepartmentTableAsync(c, ProjectStatus.Draft);
            var goal = "矩阵修改目标" + Guid.NewGuid().ToString("N")[..6];
            var response = await c.Client.PostAsync($"/Department/Edit?unit={c.Unit.Id}&year={WorkbenchData.Year}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Input.UnitName"] = c.Unit.Name,
                ["Input.OverallGoal"] = goal,
                ["Input.Version"] = table.Version.ToString(),
                ["Input.Indicators[0].Level1"] = "产出指标",
                ["Input.Indicators[0].Level2"] = "数量指标",
                ["Input.Indicators[0].Name"] = "培训人次",
                ["Input.Indicators[0].Value"] = "≥100人次",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.DepartmentTables.AnyAsync(t => t.Id == table.Id && t.OverallGoal == goal)));
        },
        [AccessMatrix.DepartmentApprove.Key] = async c =>
        {
            var table = await DepartmentTableAsync(c, ProjectStatus.Submitted);
            var response = await c.Client.PostAsync($"/Review/Department?unit={c.Unit.Id}&year={WorkbenchData.Year}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["Input.Decision"] = "Approve",
            }));
            return (await ClassifyAsync(c.Client, response), await c.App.WithDbAsync(db => db.DepartmentTables.AnyAsync(t => t.Id == table.Id && t.Status == ProjectStatus.Approved)));
        },
        [AccessMatrix.Audit.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id);
            var response = await c.Client.GetAsync($"/Audit?unit={c.Unit.Code}&project={project.Code}");
            var delivered = response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("共 1 条记录", StringComparison.Ordinal);
            return (await ClassifyAsync(c.Client, response), delivered);
        },
        [AccessMatrix.Publish.Key] = async c =>
        {
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            var response = await c.Client.PostAsync($"/Publishing?year={WorkbenchData.Year}&handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(c.Client),
                ["unit"] = c.Unit.Code,
            }));
            var published = await c.App.WithDbAsync(db => db.Publications.AnyAsync(p => p.UnitId == c.Unit.Id && p.WithdrawnAt == null && p.Content.Contains(project.Code)));
            return (await ClassifyAsync(c.Client, response), published);
        },
        [AccessMatrix.PublicView.Key] = async c =>
        {
            // Published by an admin through the one publishing step; then read by this role.
            var project = await c.App.CreateProjectAsync(c.Unit.Id, ProjectStatus.Approved);
            await using (var scope = c.App.Services.CreateAsyncScope())
            {
                var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "matrix"), new Claim(ClaimTypes.Role, Roles.Admin)], "matrix"));
                var result = await scope.ServiceProvider.GetRequiredService<Publisher>().PublishAsync(admin, c.Unit.Code, WorkbenchData.Year, withResults: false);
                Assert.Equal(PublishOutcome.Done, result.Outcome);
            }

            var response = await c.Client.GetAsync($"/public/{WorkbenchData.Year}/{c.Unit.Code}");
            var delivered = response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains(project.Code, StringComparison.Ordinal);
            return (await ClassifyAsync(c.Client, response), delivered);
        },
    };

    /// <summary>Each probe opens its own period: a year of 2050–2099 and a month, never the same twice in a run.</summary>
    private static int _rounds;

    /// <summary>The one 2031 1–6月 round the monitoring probes fill and decide in (created by the first that needs it).</summary>
    private static async Task<MonitoringRound> MonitoringRoundAsync(AppFactory app) => await app.WithDbAsync(async db =>
    {
        if (await db.MonitoringRounds.FirstOrDefaultAsync(r => r.Year == WorkbenchData.Year && r.EndMonth == 6) is { } round)
        {
            return round;
        }

        round = new MonitoringRound(WorkbenchData.Year, 6, new DateOnly(WorkbenchData.Year, 7, 15), "admin@test.local", DateTimeOffset.UtcNow);
        db.MonitoringRounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    });

    private static async Task<(AccessOutcome, bool)> StepAsync(ProbeContext c, ProjectStatus from, Func<int, string> path, KeyValuePair<string, string>[] fields, ProjectStatus to)
    {
        var project = await c.App.CreateProjectAsync(c.Unit.Id, from);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(c.Client) };
        var response = await c.Client.PostAsync(path(project.Id), new FormUrlEncodedContent(form));
        var status = await c.App.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Status).SingleAsync());
        return (await ClassifyAsync(c.Client, response), status == to);
    }

    /// <summary>A valid antiforgery token for the client's session (signed-in pages carry the logout form; the login page for anonymous).</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/Account/Logout");
        var html = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : await client.GetStringAsync("/Account/Login");
        return HttpForms.ExtractAntiforgeryToken(html) ?? throw new InvalidOperationException("no antiforgery token");
    }

    /// <summary>A fresh 部门整体 table of the unit in <paramref name="status"/> (the unit's previous one of the year is removed first: one a unit and year).</summary>
    private static async Task<Domain.Department.DepartmentTable> DepartmentTableAsync(ProbeContext c, ProjectStatus status) =>
        await c.App.WithDbAsync(async db =>
        {
            db.DepartmentTables.RemoveRange(await db.DepartmentTables.Where(t => t.UnitId == c.Unit.Id && t.Year == WorkbenchData.Year).ToListAsync());
            await db.SaveChangesAsync();
            var table = new Domain.Department.DepartmentTable(c.Unit.Id, WorkbenchData.Year, c.Unit.Name);
            table.SetContents(c.Unit.Name, "矩阵部门职责", "矩阵目标", "元", [new(0, "财政拨款", 100m)], [],
                [new Domain.Department.DepartmentIndicator("产出指标", "数量指标", "培训人次", "≥100人次")]);
            if (status != ProjectStatus.Draft)
            {
                table.Submit("setup", DateTimeOffset.UtcNow);
            }

            db.DepartmentTables.Add(table);
            await db.SaveChangesAsync();
            return table;
        });

    /// <summary>Reads the server's answer: 404, 403 (directly or the access-denied page, which must itself answer 403), sign-in, 422 refusal, or done.</summary>
    private static async Task<AccessOutcome> ClassifyAsync(HttpClient client, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return AccessOutcome.NotFound;
            case HttpStatusCode.Forbidden:
                return AccessOutcome.Forbidden;
            case HttpStatusCode.UnprocessableEntity:
                return AccessOutcome.Refused;
            case HttpStatusCode.Redirect or HttpStatusCode.SeeOther when location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase):
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(location)).StatusCode);
                return AccessOutcome.Forbidden;
            case HttpStatusCode.Redirect or HttpStatusCode.SeeOther when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase):
                return AccessOutcome.SignIn;
            case HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther:
                return AccessOutcome.Allowed;
            default:
                Assert.Fail($"Unexpected answer {(int)response.StatusCode} {location}");
                return default;
        }
    }

    private static async Task<string> UserIdAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    /// <summary>The app on a SQLite file, two units, and one signed-in client per role (Finance and DepartmentHead of the own unit).</summary>
    public sealed class World : IAsyncDisposable
    {
        private readonly SqliteAppFixture _fixture = new();
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public Unit Own { get; private set; } = null!;

        public Unit Other { get; private set; } = null!;

        public async Task<AppFactory> GetAsync()
        {
            var app = await _fixture.GetAsync();
            await _gate.WaitAsync();
            try
            {
                if (Own is null)
                {
                    Own = await app.CreateUnitAsync("矩阵本单位");
                    Other = await app.CreateUnitAsync("矩阵其他单位");
                }
            }
            finally
            {
                _gate.Release();
            }

            return app;
        }

        public async Task<HttpClient> ClientAsync(string role)
        {
            var app = await GetAsync();
            await _gate.WaitAsync();
            try
            {
                if (!_clients.TryGetValue(role, out var client))
                {
                    client = role == AccessMatrix.Anonymous
                        ? app.CreateBrowserLikeClient()
                        : await app.ClientAsAsync(role, Roles.RequiresUnit(role) ? Own.Id : null);
                    _clients[role] = client;
                }

                return client;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            await _fixture.DisposeAsync();
            _gate.Dispose();
        }
    }
}
