using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Import;

/// <summary>
/// The import preview lives in the database (table ImportPreviews): it survives a restart and is found by another
/// instance; only the user who uploaded it can confirm it; expired previews are never read and are deleted by the next upload.
/// </summary>
public sealed class ImportPreviewPersistenceTests
{
    private const int Year = 2041;

    [Fact]
    public async Task A_preview_survives_a_restart_and_only_its_owner_can_confirm_it()
    {
        await using var database = TestDatabase.CreateSqlite();
        string previewToken;
        await using (var before = new AppFactory(database))
        {
            var admin = before.CreateBrowserLikeClient();
            await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
            var preview = await UploadAsync(admin, ("坝塘镇.txt", await File.ReadAllBytesAsync(Seed.Province("hunan-ningxiang-2021"))));
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            previewToken = System.Text.RegularExpressions.Regex.Match(await preview.Content.ReadAsStringAsync(), "name=\"Input.Token\" value=\"([0-9A-F]+)\"").Groups[1].Value;
            Assert.NotEmpty(previewToken);
        }

        // A new process on the same database (a restart, or another instance behind the proxy).
        await using var after = new AppFactory(database);
        var stored = await after.WithDbAsync(db => db.ImportPreviews.AsNoTracking().SingleAsync());
        Assert.Equal(previewToken, stored.Id);
        Assert.Equal(ImportPreviewStore.Lifetime, stored.ExpiresAt - stored.CreatedAt);

        var otherAdminEmail = await after.CreateUserAsync(Roles.Admin, null);
        var otherAdmin = after.CreateBrowserLikeClient();
        await otherAdmin.LoginAsync(otherAdminEmail, WorkbenchData.Password);
        var stolen = await ConfirmAsync(otherAdmin, previewToken);
        Assert.Contains("预览已过期或不存在", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await after.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == Year)));

        var owner = after.CreateBrowserLikeClient();
        await owner.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var written = await ConfirmAsync(owner, previewToken);
        Assert.Contains("导入完成", await written.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await after.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == Year)));
        Assert.Equal(0, await after.WithDbAsync(db => db.ImportPreviews.CountAsync()));
    }

    [Fact]
    public async Task Expired_previews_are_not_read_and_are_deleted_by_the_next_upload_and_a_user_keeps_at_most_ten()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var app = new AppFactory(database);
        _ = app.Server;
        var store = app.Services.GetRequiredService<ImportPreviewStore>();
        var files = new List<ImportFile> { new("a.txt", [1, 2, 3]), new("名称.json", []) };

        var token = await store.PutAsync("user-1", files);
        var read = await store.GetAsync(token, "user-1");
        Assert.Equal(["a.txt:1,2,3", "名称.json:"], read!.Select(f => f.Name + ":" + string.Join(',', f.Content)));
        Assert.Null(await store.GetAsync(token, "user-2"));
        Assert.Null(await store.GetAsync(token, null));
        Assert.Null(await store.GetAsync("not-a-token", "user-1"));

        // Expire it by hand: it is not read, and the next upload (anyone's) deletes it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"ImportPreviews\" SET \"ExpiresAt\" = {0}", DateTime.UtcNow.AddMinutes(-1)));
        Assert.Null(await store.GetAsync(token, "user-1"));
        await store.PutAsync("user-2", files);
        Assert.False(await app.WithDbAsync(db => db.ImportPreviews.AnyAsync(p => p.Id == token)));

        for (var k = 0; k < ImportPreviewStore.MaxPerOwner + 3; k++)
        {
            await store.PutAsync("user-3", files);
        }

        Assert.Equal(ImportPreviewStore.MaxPerOwner, await app.WithDbAsync(db => db.ImportPreviews.CountAsync(p => p.OwnerUserId == "user-3")));
    }

    [Fact]
    public void The_payload_keeps_names_and_contents()
    {
        var files = new List<ImportFile> { new("表.docx", [0, 255, 7]), new(string.Empty, []) };
        Assert.Equal(
            files.Select(f => (f.Name, Convert.ToHexString(f.Content))),
            ImportPreviewStore.Unpack(ImportPreviewStore.Pack(files)).Select(f => (f.Name, Convert.ToHexString(f.Content))));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, (string Name, byte[] Content) file)
    {
        var token = await client.GetAntiforgeryTokenAsync("/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(Year.ToString(CultureInfo.InvariantCulture)), "Input.Year" },
            { new StringContent("true"), "Input.DryRun" },
            { new StringContent("430182001"), "Input.UnitCode" },
            { new StringContent("宁乡市坝塘镇人民政府"), "Input.UnitName" },
        };
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "Input.Files", file.Name);
        return await client.PostAsync("/Import", form);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string previewToken)
    {
        var token = await client.GetAntiforgeryTokenAsync("/Import");
        return await client.PostAsync("/Import?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Token"] = previewToken,
            ["Input.Year"] = Year.ToString(CultureInfo.InvariantCulture),
            ["Input.UnitCode"] = "430182001",
            ["Input.UnitName"] = "宁乡市坝塘镇人民政府",
        }));
    }
}
