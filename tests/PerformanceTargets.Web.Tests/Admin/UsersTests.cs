using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Admin;

/// <summary>/Admin/Users: create with role and unit, edit, lock and unlock, reset the password.</summary>
public abstract class UsersTests(AppFixture fixture)
{
    private const string Password = "Finance-Passw0rd";

    [Fact]
    public async Task The_admin_creates_a_Finance_user_of_a_unit_who_can_then_log_in()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var unitId = await client.CreateUnitAsync(app, AdminClient.Unique("u"), "财政局本级");
        var email = AdminClient.Unique("finance") + "@test.local";

        var response = await client.CreateUserAsync(email, Password, Roles.Finance, unitId, "张会计");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(response));
        var user = await FindAsync(app, email);
        Assert.Equal((unitId, "张会计"), (user.UnitId, user.DisplayName));
        Assert.Equal([Roles.Finance], await RolesOfAsync(app, email));
        var list = await client.GetStringAsync("/Admin/Users");
        Assert.Contains(email, list, StringComparison.Ordinal);
        Assert.Contains("财务人员", list, StringComparison.Ordinal);

        var login = await app.CreateBrowserLikeClient().LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(Roles.Finance, "财务人员必须选择所属单位。")]
    [InlineData(Roles.DepartmentHead, "部门负责人必须选择所属单位。")]
    public async Task A_Finance_or_DepartmentHead_user_without_a_unit_is_refused(string role, string message)
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var email = AdminClient.Unique("nounit") + "@test.local";

        var response = await client.CreateUserAsync(email, Password, role, unitId: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_Auditor_with_a_unit_is_refused_and_without_one_is_created()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var unitId = await client.CreateUnitAsync(app, AdminClient.Unique("u"), "审计对象");
        var email = AdminClient.Unique("auditor") + "@test.local";

        var refused = await client.CreateUserAsync(email, Password, Roles.Auditor, unitId);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("审计人员不属于任何单位，请将所属单位留空。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.CreateUserAsync(email, Password, Roles.Auditor, unitId: null);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(created));
        Assert.Null((await FindAsync(app, email)).UnitId);
    }

    [Fact]
    public async Task Identity_refuses_a_weak_password_and_a_duplicate_email_in_Chinese()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);

        var weak = await client.CreateUserAsync(AdminClient.Unique("weak") + "@test.local", "short", Roles.Auditor, unitId: null);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("密码至少需要 10 个字符。", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var duplicate = await client.CreateUserAsync(AppFactory.AdminEmail, Password, Roles.Auditor, unitId: null);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains($"邮箱 {AppFactory.AdminEmail} 已被使用。", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_changes_role_unit_and_display_name()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var first = await client.CreateUnitAsync(app, AdminClient.Unique("u"), "甲单位");
        var second = await client.CreateUnitAsync(app, AdminClient.Unique("u"), "乙单位");
        var email = AdminClient.Unique("edit") + "@test.local";
        await client.CreateUserAsync(email, Password, Roles.Finance, first);
        var id = (await FindAsync(app, email)).Id;

        var response = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "李主任",
            ["Input.Role"] = Roles.DepartmentHead,
            ["Input.UnitId"] = second.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(response));
        var user = await FindAsync(app, email);
        Assert.Equal(("李主任", (int?)second), (user.DisplayName, user.UnitId));
        Assert.Equal([Roles.DepartmentHead], await RolesOfAsync(app, email));
    }

    [Fact]
    public async Task The_admin_cannot_take_away_their_own_admin_role()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var id = (await FindAsync(app, AppFactory.AdminEmail)).Id;

        var response = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>
        {
            ["Input.Role"] = Roles.Auditor,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能取消自己的系统管理员角色", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.Admin], await RolesOfAsync(app, AppFactory.AdminEmail));
    }

    [Fact]
    public async Task A_locked_user_cannot_log_in_until_unlocked()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var email = AdminClient.Unique("lock") + "@test.local";
        await client.CreateUserAsync(email, Password, Roles.Auditor, unitId: null);
        var id = (await FindAsync(app, email)).Id;

        var locked = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>(), $"/Admin/Users/Edit?id={id}&handler=Lock");
        Assert.True(locked.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(locked));
        var refused = await app.CreateBrowserLikeClient().LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<strong>已锁定</strong>", await client.GetStringAsync($"/Admin/Users/Edit?id={id}"), StringComparison.Ordinal);

        var unlocked = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>(), $"/Admin/Users/Edit?id={id}&handler=Unlock");
        Assert.True(unlocked.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(unlocked));
        var login = await app.CreateBrowserLikeClient().LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task The_admin_cannot_lock_their_own_account()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var id = (await FindAsync(app, AppFactory.AdminEmail)).Id;

        var response = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string>(), $"/Admin/Users/Edit?id={id}&handler=Lock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能锁定自己的账户。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await FindAsync(app, AppFactory.AdminEmail)).LockoutEnd);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one()
    {
        var app = await fixture.GetAsync();
        var client = await AdminClient.SignedInAsync(app);
        var email = AdminClient.Unique("reset") + "@test.local";
        await client.CreateUserAsync(email, Password, Roles.Auditor, unitId: null);
        var id = (await FindAsync(app, email)).Id;
        const string newPassword = "Brand-new-passw0rd";

        var tooShort = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string> { ["Reset.NewPassword"] = "abc1" }, $"/Admin/Users/Edit?id={id}&handler=ResetPassword");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("密码至少需要 10 个字符。", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reset = await client.PostFormAsync($"/Admin/Users/Edit?id={id}", new Dictionary<string, string> { ["Reset.NewPassword"] = newPassword }, $"/Admin/Users/Edit?id={id}&handler=ResetPassword");
        Assert.True(reset.StatusCode == HttpStatusCode.Redirect, await AdminClient.DescribeAsync(reset));

        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserLikeClient().LoginAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserLikeClient().LoginAsync(email, newPassword)).StatusCode);
    }

    private static async Task<AppUser> FindAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no user {email}");
    }

    private static async Task<string[]> RolesOfAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no user {email}");
        return [.. await users.GetRolesAsync(user)];
    }
}

public sealed class SqliteUsersTests(SqliteAppFixture fixture) : UsersTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresUsersTests(PostgresAppFixture fixture) : UsersTests(fixture), IClassFixture<PostgresAppFixture>;
