using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Posts real forms the way a browser does: fetch the page, take its antiforgery token, post.</summary>
public static partial class HttpForms
{
    public static HttpClient CreateBrowserLikeClient(this AppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return ExtractAntiforgeryToken(html) ?? throw new InvalidOperationException($"{path} has no antiforgery token");
    }

    public static string? ExtractAntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, IDictionary<string, string> fields, string? postPath = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(pagePath);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
