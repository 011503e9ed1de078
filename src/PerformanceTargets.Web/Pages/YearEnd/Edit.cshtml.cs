using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Settings;
using PerformanceTargets.Web.Pages.Shared;

namespace PerformanceTargets.Web.Pages.YearEnd;

/// <summary>
/// A project's 自评表: funds block (预算数, 执行数, 执行率, 分值, 得分) and indicator block (一级, 二级, 三级, 年度指标值,
/// 实际完成值, 分值, 得分, 偏差原因分析及改进措施), total and grade, scored live by the rules engine with the year's settings.
/// Finance of the unit records; everyone who may read the unit sees it.
/// </summary>
public class EditModel(
    AppDbContext db,
    IYearSettingsProvider settingsProvider,
    RatingCalculator ratings,
    IValidator<SelfEvaluationInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SelfEvaluationInput Input { get; set; } = new();

    public BudgetProject Project { get; private set; } = null!;

    public Unit Unit { get; private set; } = null!;

    public EvaluationSettings Settings { get; private set; } = null!;

    public ProjectScore Score { get; private set; } = null!;

    /// <summary>The user may record actuals of this unit, and the project takes them (<see cref="BudgetProject.CanTakeActuals"/>).</summary>
    public bool CanRecord => Project.CanTakeActuals && ProjectAccess.Can(User, WorkbenchAction.RecordActuals, Project.UnitId);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(WorkbenchAction.Read) is { } denied)
        {
            return denied;
        }

        Input = new SelfEvaluationInput
        {
            Executed = Project.Executed,
            Spending = [.. Project.SpendingPlan.OrderBy(c => c.Month).Select(c => new SelfEvaluationInput.SpendInput
            {
                Month = c.Month,
                Spent = Project.SpentByMonth.FirstOrDefault(s => s.Month == c.Month)?.Spent,
            })],
            Indicators = [.. Project.Indicators.OrderBy(i => i.Order).Select(i => new SelfEvaluationInput.IndicatorActualInput
            {
                Id = i.Id,
                Actual = i.Actual,
                Score = i.ActualScore,
                DeviationReason = i.DeviationReason,
            })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(WorkbenchAction.RecordActuals) is { } denied)
        {
            return denied;
        }

        if (Project.WhyNoActuals is { } why)
        {
            ModelState.AddModelError(string.Empty, why);
            return Page();
        }

        ModelState.AddFailures(await validator.ValidateAsync(Input), nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Project.RecordExecution(Input.Executed, Input.Spending.Where(s => s.Spent is not null).Select(s => new SpendingActual(s.Month, s.Spent!.Value)));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Spending)}", ex.Message);
            return Page();
        }

        for (var k = 0; k < Input.Indicators.Count; k++)
        {
            var given = Input.Indicators[k];
            var indicator = Project.Indicators.FirstOrDefault(i => i.Id == given.Id);
            if (indicator is null)
            {
                ModelState.AddModelError(string.Empty, "指标已被修改，请刷新后重新填写。");
                return Page();
            }

            try
            {
                Project.RecordActual(indicator, given.Actual, given.Score, given.DeviationReason);
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError($"{nameof(Input)}.Indicators[{k}].Score", ex.Message);
            }
        }

        // The rules engine decides whether each actual can be scored; its refusals go to the indicator's field.
        Score = ProjectScorer.Score(Project, Settings);
        foreach (var refused in Score.Indicators.Where(s => s.IsRefused))
        {
            var k = Input.Indicators.FindIndex(i => Project.Indicators.First(x => x.Id == i.Id).Order == refused.IndicatorOrder);
            ModelState.AddModelError($"{nameof(Input)}.Indicators[{k}].Actual", $"{refused.Name}：{refused.Error}");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "该项目刚被他人修改，请刷新后重试。");
            return Page();
        }

        db.ChangeTracker.Clear();
        await ratings.RateProjectsAsync(Project.Year, [Project.Id]);
        Message = $"已保存自评：总分 {Scores.Format(Score.Total)}{(Score.Grade is null ? "（尚不能评级）" : "，等级" + Score.Grade)}。";
        return RedirectToPage(new { id = Project.Id });
    }

    private async Task<IActionResult?> LoadAsync(WorkbenchAction action)
    {
        var (loaded, unit, denied) = await this.LoadProjectAsync(db, Id, action);
        if (denied is not null)
        {
            return denied;
        }

        var project = loaded!;
        Project = project;
        Unit = unit!;
        Settings = await settingsProvider.GetAsync(project.Year);
        Score = ProjectScorer.Score(project, Settings);
        return null;
    }
}
