using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Security;

/// <summary>Issue 15 finding 3: an .xlsx 自评表 whose worksheet carries a DOCTYPE is a located 422, and nothing is written.</summary>
public sealed class XlsxDoctypeTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", 0)]
    [InlineData("<!doctype worksheet>", 0)]
    [InlineData("<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>", 5000)]
    public async Task A_worksheet_with_a_doctype_is_a_located_422_and_nothing_is_written(string doctype, int commentLength)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);
        var xlsx = Workbook(project.Code, doctype, commentLength);

        var response = await finance.PostAsync($"/api/v1/imports/actuals?year={WorkbenchData.Year}", ApiClients.Files(("自评表.xlsx", xlsx)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal("自评表.xlsx", errors[0].GetProperty("location").GetString());
        Assert.Contains("DTD", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }

    [Fact]
    public async Task The_same_workbook_without_the_doctype_is_imported()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var finance = await app.BearerClientAsync(Roles.Finance, unit.Id);

        var response = await finance.PostAsync($"/api/v1/imports/actuals?year={WorkbenchData.Year}", ApiClients.Files(("自评表.xlsx", Workbook(project.Code, null, 0))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1_500_000m, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Executed).SingleAsync()));
    }

    /// <summary>A 自评表 with 全年执行数 1,500,000 for the project; with a DOCTYPE (after a comment of the given length) in every worksheet.</summary>
    private static byte[] Workbook(string code, string? doctype, int commentLength)
    {
        using var written = new MemoryStream();
        ActualsWorkbook.Write(written, WorkbenchData.Year,
            [new() { [ActualsWorkbook.UnitCode] = null, [ActualsWorkbook.UnitName] = null, [ActualsWorkbook.ProjectCode] = code, [ActualsWorkbook.ProjectName] = "x", [ActualsWorkbook.Budget] = 2_000_000m, [ActualsWorkbook.Executed] = 1_500_000m }],
            [], [], []);
        if (doctype is null)
        {
            return written.ToArray();
        }

        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(written.ToArray()), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                var text = reader.ReadToEnd();
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
                {
                    var declarationEnd = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
                    var comment = commentLength > 0 ? "<!--" + new string('x', commentLength) + "-->" : string.Empty;
                    text = text[..declarationEnd] + comment + doctype + text[declarationEnd..];
                }

                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return output.ToArray();
    }
}
