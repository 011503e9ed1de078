using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>A host with a 4 KB upload limit, to see the 413.</summary>
public sealed class SmallUploadsFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void Customize(IWebHostBuilder builder) => builder.UseSetting("Uploads:MaxBytes", "4096");
}

/// <summary>
/// Issue 15 findings 6 and 9: under /api, 404, 405, 413 and 415 are Chinese problem+json; 401 only for missing or
/// invalid credentials, with a body; API answers carry Cache-Control: no-store; Kestrel sends no Server header.
/// </summary>
public sealed class ApiErrorTests(SqliteAppFixture fixture, SmallUploadsFixture small) : IClassFixture<SqliteAppFixture>, IClassFixture<SmallUploadsFixture>
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/units")]
    [InlineData("/api/v1/projects/not-a-number")]
    [InlineData("/api/v1/projects/999999999")]
    public async Task With_a_valid_token_an_unknown_route_or_id_is_a_404(string path)
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();

        await AssertProblemAsync(await admin.GetAsync(path), HttpStatusCode.NotFound, "未找到");
    }

    [Fact]
    public async Task With_a_valid_token_an_unsupported_method_is_a_405_with_allow()
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();

        var response = await admin.DeleteAsync("/api/v1/units");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "不支持该请求方法");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task With_a_valid_token_a_wrong_content_type_is_a_415()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);

        var response = await finance.PostAsync($"/api/v1/units/{unit.Id}/years/{WorkbenchData.Year}/projects", new StringContent("{}", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "不支持的内容类型");
    }

    [Theory]
    [InlineData(null, "/api/v1/units")]
    [InlineData(null, "/api/v1/nothing-here")]
    [InlineData("not-a-token", "/api/v1/units")]
    [InlineData("not-a-token", "/api/v1/nothing-here")]
    public async Task Missing_or_invalid_credentials_are_a_401_with_a_body(string? token, string path)
    {
        var app = await fixture.GetAsync();
        var client = app.CreateApiClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.Unauthorized, "未登录");
    }

    [Fact]
    public async Task A_wrong_role_is_a_403_with_a_body()
    {
        var app = await fixture.GetAsync();
        var auditor = await app.BearerClientAsync(Roles.Auditor, null);

        await AssertProblemAsync(await auditor.PostAsync("/api/v1/imports?year=2031", ApiClients.Files(("x.txt", [1]))), HttpStatusCode.Forbidden, "无权操作");
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_a_413_with_a_body()
    {
        var app = await small.GetAsync();
        var admin = await app.AdminBearerClientAsync();

        var response = await admin.PostAsync("/api/v1/imports?year=2031", ApiClients.Files(("big.txt", new byte[64 * 1024])));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "请求体过大");
    }

    [Fact]
    public async Task Api_answers_with_data_or_errors_are_not_stored_by_caches()
    {
        var app = await fixture.GetAsync();
        var admin = await app.AdminBearerClientAsync();

        foreach (var path in new[] { "/api/v1/units", "/api/v1/me", "/api/v1/nothing-here" })
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.Headers.CacheControl?.NoStore == true, path);
        }

        var login = await app.CreateApiClient().PostAsync("/api/v1/auth/login",
            new StringContent($$"""{"email":"{{AppFactory.AdminEmail}}","password":"{{AppFactory.AdminPassword}}"}""", Encoding.UTF8, "application/json"));
        Assert.True(login.Headers.CacheControl?.NoStore == true, "token response");
    }

    [Fact]
    public async Task Kestrel_sends_no_server_header()
    {
        var app = await fixture.GetAsync();

        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}
