using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>Signs in as the test admin and drives the admin forms the way a browser does.</summary>
internal static class AdminClient
{
    public static async Task<HttpClient> SignedInAsync(AppFactory app, string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        var client = app.CreateBrowserLikeClient();
        var login = await client.LoginAsync(email, password);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login of {email} answered {(int)login.StatusCode}");
        return client;
    }

    /// <summary>A value no other test in the class uses (tests of one class share a database).</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<int> CreateUnitAsync(this HttpClient client, AppFactory app, string code, string name, int? parentId = null)
    {
        var response = await client.PostFormAsync("/Admin/Units/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = name,
            ["Input.ParentId"] = parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await DescribeAsync(response));
        Assert.Contains($"已新建单位 {code} {name}。", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        return await app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());
    }

    public static Task<HttpResponseMessage> CreateUserAsync(this HttpClient client, string email, string password, string role, int? unitId, string displayName = "测试用户") =>
        client.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
            ["Input.Role"] = role,
            ["Input.UnitId"] = unitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        });

    public static Task<HttpResponseMessage> CreateFiscalYearAsync(this HttpClient client, string year) =>
        client.PostFormAsync("/Admin/FiscalYears", new Dictionary<string, string> { ["Input.Year"] = year }, "/Admin/FiscalYears?handler=Create");

    /// <summary>Status and, for a page answered instead of a redirect, its visible error texts: for assertion messages.</summary>
    public static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var errors = System.Text.RegularExpressions.Regex.Matches(body, "<(?:li|span)[^>]*>([^<]+)</(?:li|span)>")
            .Select(m => m.Groups[1].Value.Trim())
            .Where(t => t.Length > 0);
        return $"{(int)response.StatusCode} {response.Headers.Location}: {string.Join(" | ", errors)}";
    }
}
