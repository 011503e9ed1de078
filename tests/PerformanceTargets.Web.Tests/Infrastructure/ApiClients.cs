using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>API clients as scripts use them: a bearer token from <c>POST /api/v1/auth/login</c>, no cookies.</summary>
public static class ApiClients
{
    public static HttpClient CreateApiClient(this AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static async Task<JsonElement> LoginForTokensAsync(this HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A client carrying the bearer token of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> BearerClientForAsync(this AppFactory app, string email, string password)
    {
        var client = app.CreateApiClient();
        var tokens = await client.LoginForTokensAsync(email, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A bearer client for a new user of <paramref name="role"/> in <paramref name="unitId"/>.</summary>
    public static async Task<HttpClient> BearerClientAsync(this AppFactory app, string role, int? unitId) =>
        await app.BearerClientForAsync(await app.CreateUserAsync(role, unitId), WorkbenchData.Password);

    public static Task<HttpClient> AdminBearerClientAsync(this AppFactory app) =>
        app.BearerClientForAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A project body as the API takes it: the interchange shape's editable fields.</summary>
    public static Dictionary<string, object?> ProjectBody(string code, string name = "培训项目", decimal budget = 1_500_000m, decimal fiscal = 1_000_000m, decimal other = 500_000m) => new()
    {
        ["code"] = code,
        ["name"] = name,
        ["budget"] = budget,
        ["fiscalFunds"] = fiscal,
        ["otherFunds"] = other,
        ["purpose"] = "日常办公",
        ["spendingPlan"] = new[] { new { month = 3, cumulativePercent = 20m }, new { month = 6, cumulativePercent = 50m }, new { month = 10, cumulativePercent = 80m }, new { month = 12, cumulativePercent = 100m } },
        ["goals"] = new[] { "保障日常运转。" },
        ["indicators"] = new[]
        {
            new { level1 = "产出指标", level2 = "数量指标", name = "培训人数", description = "参加培训的人数", value = "≥2人", basis = "年度工作计划" },
            new { level1 = "满意度指标", level2 = "服务对象满意度指标", name = "服务对象满意度", description = "问卷调查", value = "≥90%", basis = "年度工作计划" },
        },
    };

    public static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }
}
