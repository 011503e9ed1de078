using System.Net;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>/Admin/Units: list with search, create and edit; codes are unique, the hierarchy has no loops.</summary>
public abstract class UnitsTests(AppFixture fixture)
{
    [Fact]
    public async Task The_admin_creates_a_unit_and_finds_it_in_the_list()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var code = AdminClient.Unique("63");

        var id = await client.CreateUnitAsync(app, code, "秦皇岛市某某中心本级");

        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == id));
        Assert.Equal("秦皇岛市某某中心本级", unit.Name);
        Assert.Null(unit.ParentId);
        var list = await client.GetStringAsync("/Admin/Units?q=" + code);
        Assert.Contains(code, list, StringComparison.Ordinal);
        Assert.Contains("秦皇岛市某某中心本级", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_unit_code_is_refused_with_a_Chinese_message()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var code = AdminClient.Unique("dup");
        await client.CreateUnitAsync(app, code, "第一个单位");

        var response = await client.PostFormAsync("/Admin/Units/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "第二个单位",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"单位编码 {code} 已被使用。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Units.CountAsync(u => u.Code == code)));
    }

    [Fact]
    public async Task A_unit_without_code_or_name_is_refused()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);

        var response = await client.PostFormAsync("/Admin/Units/Edit", new Dictionary<string, string> { ["Input.Code"] = " ", ["Input.Name"] = string.Empty });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请输入单位编码。", html, StringComparison.Ordinal);
        Assert.Contains("请输入单位名称。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_finds_units_by_part_of_their_name_only()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var marker = AdminClient.Unique("标记");
        var hit = AdminClient.Unique("s");
        var miss = AdminClient.Unique("s");
        await client.CreateUnitAsync(app, hit, $"{marker}教育局");
        await client.CreateUnitAsync(app, miss, "卫生健康局");

        var html = await client.GetStringAsync("/Admin/Units?q=" + Uri.EscapeDataString(marker));

        Assert.Contains(hit, html, StringComparison.Ordinal);
        Assert.DoesNotContain(miss, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_renames_and_moves_a_unit_but_keeps_its_code()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var parent = await client.CreateUnitAsync(app, AdminClient.Unique("p"), "上级局");
        var code = AdminClient.Unique("c");
        var child = await client.CreateUnitAsync(app, code, "旧名称");

        var response = await client.PostFormAsync($"/Admin/Units/Edit?id={child}", new Dictionary<string, string>
        {
            ["Input.Code"] = "changed-code",
            ["Input.Name"] = "新名称",
            ["Input.ParentId"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(response));
        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == child));
        Assert.Equal((code, "新名称", (int?)parent), (unit.Code, unit.Name, unit.ParentId));
    }

    [Fact]
    public async Task A_unit_cannot_be_placed_under_its_own_descendant()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var top = await client.CreateUnitAsync(app, AdminClient.Unique("t"), "市级");
        var middle = await client.CreateUnitAsync(app, AdminClient.Unique("m"), "区级", top);
        var bottom = await client.CreateUnitAsync(app, AdminClient.Unique("b"), "本级", middle);

        var response = await client.PostFormAsync($"/Admin/Units/Edit?id={top}", new Dictionary<string, string>
        {
            ["Input.Name"] = "市级",
            ["Input.ParentId"] = bottom.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能把本单位或其下级单位设为上级单位。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Units.Where(u => u.Id == top).Select(u => u.ParentId).SingleAsync()));
    }
}

public sealed class SqliteUnitsTests(SqliteAppFixture fixture) : UnitsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUnitsTests(PostgresAppFixture fixture) : UnitsTests(fixture), IClassFixture<PostgresAppFixture>;
