using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>/Admin/FiscalYears: create (2000–2100, unique), close and reopen. Each test uses its own years.</summary>
public abstract class FiscalYearsTests(AppFixture fixture)
{
    [Fact]
    public async Task The_admin_creates_a_year_once()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);

        var created = await client.CreateFiscalYearAsync("2031");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(created));
        var list = await client.GetStringAsync("/Admin/FiscalYears");
        Assert.Contains("2031 年", list, StringComparison.Ordinal);
        Assert.Contains("全国默认值", list, StringComparison.Ordinal);

        var again = await client.CreateFiscalYearAsync("2031");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("2031 年度已存在。", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.FiscalYears.CountAsync(y => y.Year == 2031)));
    }

    [Theory]
    [InlineData("1999", "年度应在 2000–2100 之间。")]
    [InlineData("2101", "年度应在 2000–2100 之间。")]
    [InlineData("", "请输入年度。")]
    [InlineData("二〇二六", "“二〇二六”不是有效的值。")]
    public async Task A_year_outside_2000_to_2100_or_not_a_number_is_refused(string year, string message)
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var before = await app.WithDbAsync(db => db.FiscalYears.CountAsync());

        var response = await client.CreateFiscalYearAsync(year);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.FiscalYears.CountAsync()));
    }

    [Fact]
    public async Task A_year_is_closed_and_reopened()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        await client.CreateFiscalYearAsync("2032");
        var id = await app.WithDbAsync(db => db.FiscalYears.Where(y => y.Year == 2032).Select(y => y.Id).SingleAsync());
        var form = new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var closed = await client.PostFormAsync("/Admin/FiscalYears", form, "/Admin/FiscalYears?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.FiscalYears.Where(y => y.Id == id).Select(y => y.IsOpen).SingleAsync()));

        var reopened = await client.PostFormAsync("/Admin/FiscalYears", form, "/Admin/FiscalYears?handler=Reopen");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.FiscalYears.Where(y => y.Id == id).Select(y => y.IsOpen).SingleAsync()));
    }
}

public sealed class SqliteFiscalYearsTests(SqliteAppFixture fixture) : FiscalYearsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFiscalYearsTests(PostgresAppFixture fixture) : FiscalYearsTests(fixture), IClassFixture<PostgresAppFixture>;
