using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>
/// Issue 15 finding 1: every amount is bounded to decimal(18,2) (<see cref="Amounts"/>) at every entrance — the API, the
/// project form, the JSON import — and pages and totals never fail on stored data.
/// </summary>
public abstract class AmountBoundsTests(AppFixture fixture)
{
    private static string NewCode() => "B" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("10000000000000000")]
    [InlineData("1.005")]
    public async Task An_api_budget_outside_decimal_18_2_is_a_400_with_the_bound_and_nothing_is_stored(string budget)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var client = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var code = NewCode();
        var body = JsonSerializerNode(ApiClients.ProjectBody(code));
        body["budget"] = JsonNode.Parse(budget);
        body["fiscalFunds"] = JsonNode.Parse(budget);
        body["otherFunds"] = 0;

        var response = await client.PostAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains("超出允许范围", errors.GetProperty("budget")[0].GetString());
        Assert.Contains("9,999,999,999,999,999.99", errors.GetProperty("budget")[0].GetString());
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == code)));
    }

    [Fact]
    public async Task The_largest_amount_is_stored_and_read_back_exactly()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var client = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var code = NewCode();

        var created = await client.PostAsJsonAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects",
            ApiClients.ProjectBody(code, budget: Amounts.Max, fiscal: Amounts.Max, other: 0m));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Amounts.Max, await app.WithDbAsync(db => db.Projects.Where(p => p.Code == code).Select(p => p.Budget).SingleAsync()));

        var list = await client.GetAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(Amounts.Max, (await list.JsonAsync()).GetProperty("budgetTotal").GetDecimal());
    }

    [Fact]
    public async Task The_project_form_refuses_an_amount_over_the_bound_with_the_chinese_message()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var browser = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var path = $"/Projects/Edit?unit={unit.Id}&year={WorkbenchData.Year}";
        var token = await browser.GetAntiforgeryTokenAsync(path);
        var fields = ProjectForms.Valid("超大预算", token);
        fields["Input.Budget"] = "79228162514264337593543950335";
        fields["Input.FiscalFunds"] = "79228162514264337593543950335";
        fields["Input.OtherFunds"] = "0";

        var response = await browser.PostFormAsync(path, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("预算数超出允许范围", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Code == fields["Input.Code"])));
    }

    [Fact]
    public async Task A_json_import_with_an_amount_over_the_bound_is_a_located_422_and_nothing_changes()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var admin = await app.AdminBearerClientAsync();
        var exported = await admin.GetStringAsync($"/api/v1/exports/projects?year={WorkbenchData.Year}&format=json&unit={unit.Code}");
        var document = JsonNode.Parse(exported)!;
        var item = document["units"]![0]!["projects"]![0]!;
        item["budget"] = JsonNode.Parse("79228162514264337593543950335");
        item["fiscalFunds"] = JsonNode.Parse("79228162514264337593543950335");
        item["otherFunds"] = 0;

        var response = await admin.PostAsync($"/api/v1/imports?year={WorkbenchData.Year}",
            ApiClients.Files(("big.json", Encoding.UTF8.GetBytes(document.ToJsonString()))));

        Assert.True(HttpStatusCode.UnprocessableEntity == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains("超出允许范围", await response.Content.ReadAsStringAsync());
        Assert.Equal(2_000_000m, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Budget).SingleAsync()));
    }

    [Fact]
    public void The_domain_rule_is_the_column()
    {
        Assert.False(Amounts.IsValid(decimal.MaxValue));
        Assert.False(Amounts.IsValid(10_000_000_000_000_000.00m));
        Assert.True(Amounts.IsValid(9_999_999_999_999_999.99m));
        Assert.True(Amounts.IsValid(0.010m));
        Assert.False(Amounts.IsValid(0.001m));
        Assert.Equal(decimal.MaxValue, Amounts.Sum([decimal.MaxValue, decimal.MaxValue]));
    }

    protected static JsonObject JsonSerializerNode(object body) => (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!;
}

public sealed class SqliteAmountBoundsTests(SqliteAppFixture fixture) : AmountBoundsTests(fixture), IClassFixture<SqliteAppFixture>
{
    private readonly SqliteAppFixture _fixture = fixture;

    /// <summary>
    /// Data stored before the bound (SQLite keeps decimals as text, so it could hold decimal.MaxValue): the list, the
    /// home page and the dashboard still answer, their totals saturate instead of overflowing.
    /// </summary>
    [Fact]
    public async Task Pages_and_totals_answer_on_stored_amounts_that_overflow_a_sum()
    {
        var app = await _fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var first = await app.CreateProjectAsync(unit.Id);
        var second = await app.CreateProjectAsync(unit.Id);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE Projects SET Budget = '79228162514264337593543950335', FiscalFunds = '79228162514264337593543950335', OtherFunds = '0' WHERE Id IN ({0}, {1})",
            first.Id, second.Id));
        var admin = await app.AdminBearerClientAsync();
        var browser = await app.ClientAsAsync(Roles.Admin, null);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/?unit={unit.Id}&year={WorkbenchData.Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Dashboard?unit={unit.Id}&year={WorkbenchData.Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Dashboard?year={WorkbenchData.Year}")).StatusCode);
    }
}

public sealed class PostgresAmountBoundsTests(PostgresAppFixture fixture) : AmountBoundsTests(fixture), IClassFixture<PostgresAppFixture>;
