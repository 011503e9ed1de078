using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Pages.Account;
using PerformanceTargets.Web.Pages.Admin.Units;
using PerformanceTargets.Web.Pages.Admin.Users;
using PerformanceTargets.Web.Pages.Projects;
using PerformanceTargets.Web.Pages.UnitPlans;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Trust;

/// <summary>
/// Every text field a form accepts has a length limit, and that limit fits the database column (read from the EF model);
/// an over-long value gets the Chinese message, never a 500; an over-long value in an imported document is a located error.
/// </summary>
public abstract class FieldLengthTests(AppFixture fixture)
{
    /// <summary>Form field → the column it is stored in.</summary>
    public static TheoryData<Type, string, Type, string> FieldsAndColumns() => new()
    {
        { typeof(ProjectInputValidator), nameof(ProjectInput.Code), typeof(BudgetProject), nameof(BudgetProject.Code) },
        { typeof(ProjectInputValidator), nameof(ProjectInput.Name), typeof(BudgetProject), nameof(BudgetProject.Name) },
        { typeof(ProjectInputValidator), nameof(ProjectInput.Purpose), typeof(BudgetProject), nameof(BudgetProject.Purpose) },
        { typeof(ProjectInputValidator), nameof(ProjectInput.Goals), typeof(ProjectGoal), nameof(ProjectGoal.Text) },
        { typeof(IndicatorInputValidator), nameof(IndicatorInput.Name), typeof(Indicator), nameof(Indicator.Name) },
        { typeof(IndicatorInputValidator), nameof(IndicatorInput.Description), typeof(Indicator), nameof(Indicator.Description) },
        { typeof(IndicatorInputValidator), nameof(IndicatorInput.Value), typeof(Indicator), nameof(Indicator.Value) },
        { typeof(IndicatorInputValidator), nameof(IndicatorInput.Basis), typeof(Indicator), nameof(Indicator.Basis) },
        { typeof(AdjustInputValidator), nameof(AdjustInput.Reason), typeof(ProjectHistoryEntry), nameof(ProjectHistoryEntry.Comment) },
        { typeof(DecisionInputValidator), nameof(DecisionInput.Comment), typeof(ProjectHistoryEntry), nameof(ProjectHistoryEntry.Comment) },
        { typeof(UnitPlanInputValidator), nameof(UnitPlanInput.OverallGoal), typeof(UnitPlan), nameof(UnitPlan.OverallGoal) },
        { typeof(UnitPlanInputValidator), nameof(UnitPlanInput.AnnualTargets), typeof(UnitPlan), nameof(UnitPlan.AnnualTargets) },
        { typeof(UnitPlanInputValidator), nameof(UnitPlanInput.GuaranteeMeasures), typeof(UnitPlan), nameof(UnitPlan.GuaranteeMeasures) },
        { typeof(SubGoalInputValidator), nameof(SubGoalInput.Area), typeof(SubGoal), nameof(SubGoal.Area) },
        { typeof(SubGoalInputValidator), nameof(SubGoalInput.Activity), typeof(SubGoal), nameof(SubGoal.Activity) },
        { typeof(SubGoalInputValidator), nameof(SubGoalInput.Goal), typeof(SubGoal), nameof(SubGoal.Goal) },
        { typeof(SubGoalInputValidator), nameof(SubGoalInput.Indicator), typeof(SubGoal), nameof(SubGoal.Indicator) },
        { typeof(SubGoalInputValidator), nameof(SubGoalInput.Standard), typeof(SubGoal), nameof(SubGoal.Standard) },
        { typeof(CreateUserInputValidator), nameof(CreateUserInput.Email), typeof(AppUser), nameof(AppUser.Email) },
        { typeof(CreateUserInputValidator), nameof(CreateUserInput.DisplayName), typeof(AppUser), nameof(AppUser.DisplayName) },
        { typeof(EditUserInputValidator), nameof(EditUserInput.DisplayName), typeof(AppUser), nameof(AppUser.DisplayName) },
        { typeof(LoginModel.LoginInputValidator), nameof(LoginModel.LoginInput.Email), typeof(AppUser), nameof(AppUser.Email) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Level1), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Level1) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Level2), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Level2) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Name), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Name) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Description), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Description) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Comparator), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Comparator) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.MeasureUnit), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.MeasureUnit) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.TypicalValue), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.TypicalValue) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Basis), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Basis) },
        { typeof(PerformanceTargets.Web.Pages.Library.LibraryEntryInputValidator), nameof(PerformanceTargets.Web.Pages.Library.LibraryEntryInput.Fields), typeof(PerformanceTargets.Domain.Library.LibraryIndicator), nameof(PerformanceTargets.Domain.Library.LibraryIndicator.Fields) },
    };

    /// <summary>Text fields bounded by a closed list instead of a length (the validator only accepts known names).</summary>
    private static readonly HashSet<string> ClosedListFields = ["CreateUserInput.Role", "EditUserInput.Role", "IRoleAndUnit.Role", "IndicatorInput.Level1", "IndicatorInput.Level2",
        // The unit form limits the trimmed value with a Must rule (not visible to the descriptor); posted over-long below.
        "UnitInput.Code", "UnitInput.Name"];

    [Theory]
    [MemberData(nameof(FieldsAndColumns))]
    public async Task A_form_fields_limit_fits_its_column(Type validatorType, string field, Type entity, string column)
    {
        var app = await fixture.GetAsync();
        var limit = MaximumLength(validatorType, field);
        var columnLength = await app.WithDbAsync(db => Task.FromResult(ColumnLength(db, entity, column)));

        Assert.NotNull(limit);
        Assert.NotNull(columnLength);
        Assert.True(limit <= columnLength, $"{validatorType.Name}.{field} allows {limit} characters but {entity.Name}.{column} holds {columnLength}.");
    }

    [Fact]
    public void Every_text_field_of_every_validated_form_has_a_length_limit()
    {
        var missing = new List<string>();
        foreach (var validatorType in typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>)))
        {
            var input = validatorType.BaseType!.GetGenericArguments()[0];
            foreach (var property in input.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsText(p.PropertyType)))
            {
                if (!ClosedListFields.Contains($"{input.Name}.{property.Name}") && MaximumLength(validatorType, property.Name) is null)
                {
                    missing.Add($"{validatorType.Name}: {input.Name}.{property.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Input.Name", "项目名称不能超过 200 个字符")]
    [InlineData("Input.Code", "项目编码不能超过 64 个字符")]
    [InlineData("Input.Purpose", "资金用途不能超过 4000 个字符")]
    [InlineData("Input.Goals[0]", "每条绩效目标不能超过 2000 个字符")]
    [InlineData("Input.Indicators[0].Value", "指标值不能超过 200 个字符")]
    [InlineData("Input.Indicators[0].Description", "绩效指标描述不能超过 2000 个字符")]
    public async Task An_over_long_project_field_gets_the_chinese_message(string field, string message)
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var project = await app.CreateProjectAsync(unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var form = ProjectForms.Valid("正常名称", HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync("/Account/Logout"))!, project.Code);
        form["Input.Version"] = project.Version.ToString();
        form[field] = new string('长', 5000);

        var response = await finance.PostAsync($"/Projects/Edit/{project.Id}", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("综合政务管理业务费", await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Over_long_review_comment_adjust_reason_and_unit_plan_text_get_the_chinese_message()
    {
        var app = await fixture.GetAsync();
        var unit = await app.CreateUnitAsync();
        var submitted = await app.CreateProjectAsync(unit.Id, ProjectStatus.Submitted);
        var approved = await app.CreateProjectAsync(unit.Id, ProjectStatus.Approved);
        var head = await app.ClientAsAsync(Roles.DepartmentHead, unit.Id);
        var finance = await app.ClientAsAsync(Roles.Finance, unit.Id);
        var tooLong = new string('长', 2001);

        var review = await head.PostAsync($"/Review/Decide/{submitted.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpForms.ExtractAntiforgeryToken(await head.GetStringAsync("/Account/Logout"))!,
            ["Input.Decision"] = "Return",
            ["Input.Comment"] = tooLong,
        }));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("审核意见不能超过 2000 个字符", await review.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = HttpForms.ExtractAntiforgeryToken(await finance.GetStringAsync("/Account/Logout"))!;
        var adjust = await finance.PostAsync($"/Projects/Details/{approved.Id}?handler=Adjust", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Adjust.Reason"] = tooLong,
        }));
        Assert.Equal(HttpStatusCode.OK, adjust.StatusCode);
        Assert.Contains("调整原因不能超过 2000 个字符", await adjust.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var plan = await finance.PostAsync("/UnitPlans/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.OverallGoal"] = new string('长', UnitPlan.TextMaxLength + 1),
        }));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Contains($"不能超过 {UnitPlan.TextMaxLength} 个字符", await plan.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = app.CreateBrowserLikeClient();
        await admin.LoginAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var unitForm = await admin.PostFormAsync("/Admin/Units/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = new string('9', Unit.CodeMaxLength + 1),
            ["Input.Name"] = new string('长', Unit.NameMaxLength + 1),
        });
        Assert.Equal(HttpStatusCode.OK, unitForm.StatusCode);
        var unitHtml = await unitForm.Content.ReadAsStringAsync();
        Assert.Contains($"单位编码不能超过 {Unit.CodeMaxLength} 个字符", unitHtml, StringComparison.Ordinal);
        Assert.Contains($"单位名称不能超过 {Unit.NameMaxLength} 个字符", unitHtml, StringComparison.Ordinal);

        var statuses = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == submitted.Id || p.Id == approved.Id).OrderBy(p => p.Id).Select(p => p.Status).ToListAsync());
        Assert.Equal([ProjectStatus.Submitted, ProjectStatus.Approved], statuses);
    }

    [Fact]
    public async Task An_imported_document_with_text_longer_than_its_column_is_a_located_error_on_every_provider()
    {
        var app = await fixture.GetAsync();
        var year = fixture.Provider == DatabaseProvider.Sqlite ? 2071 : 2072;
        var text = await File.ReadAllTextAsync(Seed.Path);
        var name = "综合政务管理业务费";
        Assert.Contains(name, text, StringComparison.Ordinal);
        var longName = name + new string('长', BudgetProject.NameMaxLength);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("length@test.local");
        var report = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(
            [new ImportFile("long.txt", Encoding.UTF8.GetBytes(text.Replace(name, longName, StringComparison.Ordinal)))], year, dryRun: false);

        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("long.txt", "Name"), (error.File, error.Field));
        Assert.Contains($"超过上限 {BudgetProject.NameMaxLength} 个字符", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Year == year)));
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private static bool IsText(Type type) =>
        type == typeof(string) || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType && type.GetGenericArguments()[0] == typeof(string));

    /// <summary>The smallest maximum length the validator puts on <paramref name="member"/> (also through RuleForEach and included validators), or null.</summary>
    private static int? MaximumLength(Type validatorType, string member)
    {
        var validator = (IValidator)Activator.CreateInstance(validatorType)!;
        var limits = validator.CreateDescriptor().GetValidatorsForMember(member)
            .Select(v => v.Validator).OfType<ILengthValidator>().Where(l => l.Max > 0).Select(l => l.Max).ToList();
        return limits.Count == 0 ? null : limits.Min();
    }

    private static int? ColumnLength(AppDbContext db, Type entity, string column)
    {
        var type = db.Model.GetEntityTypes().FirstOrDefault(e => e.ClrType == entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not in the model");
        return type.FindProperty(column)?.GetMaxLength() ?? throw new InvalidOperationException($"{entity.Name}.{column} has no maximum length");
    }
}

public sealed class SqliteFieldLengthTests(SqliteAppFixture fixture) : FieldLengthTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFieldLengthTests(PostgresAppFixture fixture) : FieldLengthTests(fixture), IClassFixture<PostgresAppFixture>;
