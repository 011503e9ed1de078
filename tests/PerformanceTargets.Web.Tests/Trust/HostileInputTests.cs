using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>
/// Hostile and broken documents: zip bombs and DTDs are refused before parsing; a bounded, seeded fuzz run mutates the
/// seed's text and a .docx and imports each through <see cref="PlanImporter"/> on a real SQLite file (and a handful
/// through the upload page): never an exception or a 500; a located error with the database unchanged, or a clean import.
/// </summary>
public sealed class HostileInputTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const int Year = 2051;
    private const int RandomSeed = 20261124;
    private const int TextMutations = 240;
    private const int DocxMutations = 60;

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        var app = await fixture.GetAsync();
        var bomb = Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", new byte[100 * 1024 * 1024]));
        Assert.True(bomb.Length < 1024 * 1024, "the bomb must be small on the wire");

        var blocks = DocxBlocks.TryRead(bomb, out var error);
        Assert.Null(blocks);
        Assert.Contains("压缩炸弹", error, StringComparison.Ordinal);

        var before = await FingerprintAsync(app);
        var report = await ImportAsync(app, "bomb.docx", bomb);
        Assert.False(report.Succeeded);
        Assert.Equal("bomb.docx", Assert.Single(report.Errors).File);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task A_package_with_too_many_entries_is_refused()
    {
        await fixture.GetAsync();
        var entries = Enumerable.Range(0, DocxBlocks.MaxEntries + 1).Select(k => ($"word/media/{k}.bin", new byte[] { 1 })).ToArray();
        Assert.Null(DocxBlocks.TryRead(Zip(entries), out var error));
        Assert.Contains("压缩条目", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public async Task A_document_with_an_external_entity_is_refused_and_the_entity_never_read(string encoding)
    {
        await fixture.GetAsync();
        var secret = Path.Combine(Path.GetTempPath(), $"pt-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"<?xml version=\"1.0\" encoding=\"{encoding}\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://{secret}\">]>" +
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
            var docx = MinimalDocx(Encoding.GetEncoding(encoding).GetPreamble().Concat(Encoding.GetEncoding(encoding).GetBytes(xml)).ToArray());

            var result = PlanDocuments.ReadDocx(docx, "xxe.docx", Year);

            Assert.False(result.Succeeded);
            Assert.DoesNotContain("TOP-SECRET-CONTENT", string.Join(" ", result.Errors), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task Hundreds_of_mutated_documents_never_throw_and_a_refused_one_changes_nothing()
    {
        var app = await fixture.GetAsync();
        var seedText = await File.ReadAllTextAsync(Seed.Path);
        var first = await ImportAsync(app, "seed.txt", Encoding.UTF8.GetBytes(seedText));
        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        var seedDocx = PlanDocuments.WriteDocx(PlanDocuments.ReadText(seedText, "seed.txt", Year).Document!);

        var random = new Random(RandomSeed);
        var failures = new List<string>();
        int refused = 0, imported = 0, located = 0;
        var mutations = Enumerable.Range(0, TextMutations).Select(k => MutateText(seedText, random, k))
            .Concat(Enumerable.Range(0, DocxMutations).Select(k => MutateDocx(seedDocx, random, k)));
        foreach (var (name, description, bytes) in mutations)
        {
            var before = await FingerprintAsync(app);
            ImportReport report;
            try
            {
                report = await ImportAsync(app, name, bytes);
            }
            catch (Exception ex)
            {
                failures.Add($"{description}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (report.Succeeded)
            {
                imported++;
                continue;
            }

            refused++;
            if (report.Errors.Any(e => e.File != name || string.IsNullOrWhiteSpace(e.Message) || !e.Message.Any(c => c >= '\u4e00' && c <= '\u9fff')))
            {
                failures.Add($"{description}: an error without the file or a Chinese message: {string.Join(" | ", report.Errors)}");
            }

            if (report.Errors.All(e => e.Table is not null || e.Row is not null || e.Line is not null || e.Paragraph is not null || e.Field is not null))
            {
                located++;
            }

            if (await FingerprintAsync(app) != before)
            {
                failures.Add($"{description}: refused, but the database changed");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(TextMutations + DocxMutations, refused + imported);
        Assert.True(refused > TextMutations / 4, $"only {refused} of the mutations were refused: the mutations are too gentle");
        Assert.True(located > refused / 3, $"only {located} of {refused} refusals named a table, row, line or field");
        Assert.True(imported > 0, "no mutation stayed valid (GBK re-encoding at least should)");
    }

    [Fact]
    public async Task Broken_uploads_through_the_import_page_answer_422_or_200_never_500()
    {
        var app = await fixture.GetAsync();
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var seedText = await File.ReadAllTextAsync(Seed.Path);
        var random = new Random(RandomSeed + 1);
        var uploads = Enumerable.Range(0, 6).Select(k => MutateText(seedText, random, k))
            .Append(("bomb.docx", "zip bomb", Zip(("word/document.xml", new byte[80 * 1024 * 1024]))))
            .Append(("empty.docx", "empty file", Array.Empty<byte>()))
            .Append(("x.exe", "wrong extension", [0x4D, 0x5A, 0x90]));
        foreach (var (name, description, bytes) in uploads)
        {
            var before = await FingerprintAsync(app);
            var token = await admin.GetAntiforgeryTokenAsync("/Import");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Year" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "Input.Files", name);

            var response = await admin.PostAsync("/Import", form);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{description}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || !(await response.Content.ReadAsStringAsync()).Contains("导入完成", StringComparison.Ordinal))
            {
                Assert.Equal(before, await FingerprintAsync(app));
            }
        }
    }

    [Fact]
    public async Task A_body_over_the_configured_upload_limit_is_refused_without_a_500()
    {
        var app = await fixture.GetAsync();
        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var limit = PerformanceTargets.Web.Infrastructure.Security.UploadLimits.DefaultMaxBytes;
        Assert.Equal(limit, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Features.FormOptions>>().Value.MultipartBodyLengthLimit);

        var token = await admin.GetAntiforgeryTokenAsync("/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Year" },
            { new ByteArrayContent(new byte[limit + 1024]), "Input.Files", "huge.txt" },
        };
        var response = await admin.PostAsync("/Import", form);

        Assert.True((int)response.StatusCode is 400 or 413, $"answered {(int)response.StatusCode}");
    }

    private static (string Name, string Description, byte[] Bytes) MutateText(string text, Random random, int k)
    {
        var kind = k % 10;
        var lines = text.Split('\n').ToList();
        var cells = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith('\t')).ToList();
        string description;
        byte[] bytes;
        switch (kind)
        {
            case 0:
                var cut = random.Next(text.Length);
                description = $"truncated at {cut}";
                bytes = Encoding.UTF8.GetBytes(text[..cut]);
                break;
            case 1:
                bytes = Encoding.UTF8.GetBytes(text);
                var flips = random.Next(1, 20);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                description = $"{flips} random bytes";
                break;
            case 2:
                var (a, b) = (cells[random.Next(cells.Count)], cells[random.Next(cells.Count)]);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                description = $"cells on lines {a} and {b} swapped";
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                break;
            case 3:
                var huge = cells[random.Next(cells.Count)];
                lines[huge] = "\t" + new string('测', random.Next(5_000, 200_000));
                description = $"huge cell on line {huge}";
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                break;
            case 4:
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                bytes = Encoding.GetEncoding("GBK").GetBytes(text);
                description = "re-encoded as GBK";
                break;
            case 5:
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                bytes = Encoding.GetEncoding("GBK").GetBytes(text);
                bytes = bytes[..random.Next(bytes.Length)];
                description = "GBK, truncated";
                break;
            case 6:
                var removed = random.Next(1, 30);
                for (var r = 0; r < removed; r++)
                {
                    lines.RemoveAt(random.Next(lines.Count));
                }

                description = $"{removed} lines deleted";
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                break;
            case 7:
                var at = random.Next(lines.Count);
                var copies = random.Next(1, 10);
                lines.InsertRange(at, Enumerable.Repeat(lines[random.Next(lines.Count)], copies));
                description = $"a line duplicated {copies}× at {at}";
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                break;
            case 8:
                var target = cells[random.Next(cells.Count)];
                string[] junk = ["\t-1", "\t9999999999999999999999999", "\t1e308", "\t≥≤%%", "\t\0\0\u0001", "\t=CMD|' /C calc'!A0", "\t<script>alert(1)</script>", "\t\u202Eabc"];
                lines[target] = junk[random.Next(junk.Length)];
                description = $"junk in the cell on line {target}";
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
                break;
            default:
                bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                description = "random bytes only";
                break;
        }

        return ($"m{k}.txt", $"text mutation {k} ({description})", bytes);
    }

    private static (string Name, string Description, byte[] Bytes) MutateDocx(byte[] docx, Random random, int k)
    {
        var bytes = (byte[])docx.Clone();
        string description;
        switch (k % 5)
        {
            case 0:
                var cut = random.Next(bytes.Length);
                bytes = bytes[..cut];
                description = $"truncated at {cut}";
                break;
            case 1:
                var flips = random.Next(1, 50);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                description = $"{flips} random bytes";
                break;
            case 2:
                bytes = RewriteDocument(docx, xml =>
                {
                    var texts = System.Text.RegularExpressions.Regex.Matches(xml, "<w:t(?: [^>]*)?>([^<]*)</w:t>").ToList();
                    var (a, b) = (texts[random.Next(texts.Count)], texts[random.Next(texts.Count)]);
                    return a.Index == b.Index ? xml : Swap(xml, a, b);
                });
                description = "two cell texts swapped";
                break;
            case 3:
                bytes = RewriteDocument(docx, xml =>
                {
                    var at = xml.IndexOf("<w:t>", random.Next(xml.Length / 2), StringComparison.Ordinal);
                    return at < 0 ? xml : xml.Insert(at + 5, new string('额', random.Next(10_000, 300_000)));
                });
                description = "a huge cell";
                break;
            default:
                bytes = RewriteDocument(docx, xml => xml[..random.Next(xml.Length)]);
                description = "document.xml cut short inside the zip";
                break;
        }

        return ($"d{k}.docx", $"docx mutation {k} ({description})", bytes);
    }

    private static string Swap(string xml, System.Text.RegularExpressions.Match a, System.Text.RegularExpressions.Match b)
    {
        var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
        var ga = first.Groups[1];
        var gb = second.Groups[1];
        return xml[..ga.Index] + gb.Value + xml[(ga.Index + ga.Length)..gb.Index] + ga.Value + xml[(gb.Index + gb.Length)..];
    }

    private static byte[] RewriteDocument(byte[] docx, Func<string, string> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var content = reader.ReadToEnd();
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(entry.FullName == "word/document.xml" ? change(content) : content);
            }
        }

        return output.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static byte[] MinimalDocx(byte[] documentXml) => Zip(
        ("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")),
        ("_rels/.rels", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")),
        ("word/document.xml", documentXml));

    private static async Task<ImportReport> ImportAsync(AppFactory app, string name, byte[] bytes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("fuzz@test.local");
        return await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync([new ImportFile(name, bytes)], Year, dryRun: false);
    }

    /// <summary>Row counts of every table an import writes, and every project's version (renewed on any change to it).</summary>
    private static Task<string> FingerprintAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var versions = await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version).ToListAsync();
        var plans = await db.UnitPlans.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version).ToListAsync();
        return string.Join(",",
            await db.Units.CountAsync(), await db.FiscalYears.CountAsync(), await db.Indicators.CountAsync(), await db.AuditEntries.CountAsync(),
            string.Join(";", versions), string.Join(";", plans));
    });
}
