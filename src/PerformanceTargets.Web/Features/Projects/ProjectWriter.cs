using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Features.Library;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Projects;

/// <summary>One failure of a save: the input property path (<c>Budget</c>, <c>Indicators[0].Name</c>; empty for the whole project) and its Chinese message.</summary>
public sealed record SaveError(string Field, string Message);

/// <summary>The outcome of <see cref="ProjectWriter.SaveAsync"/>: the saved project, or the errors; <see cref="Conflict"/> when someone saved in between.</summary>
public sealed record SaveResult(BudgetProject? Project, IReadOnlyList<SaveError> Errors, bool Conflict = false)
{
    public bool Succeeded => Project is not null && Errors.Count == 0;
}

/// <summary>
/// Creates or updates a project from a <see cref="ProjectInput"/>: the project form and the API (<c>/api/v1</c>) both save
/// through here, so both get the same validation (<see cref="ProjectInputValidator"/>, the year's unique code, the
/// aggregate's invariants) and the same optimistic concurrency. Access is checked by the caller (<c>ProjectAccess</c>).
/// </summary>
public sealed class ProjectWriter(AppDbContext db, IValidator<ProjectInput> validator, IndicatorLibrary library)
{
    /// <summary>
    /// Project codes are unique per year across all units (docs/security.md, "Project codes"): the refusal reads the
    /// same whether the code is the user's own unit's or another's, and never names the unit.
    /// </summary>
    public static string CodeTaken(int year, string code) => $"项目编码 {code} 在 {year} 年度已被使用，请换一个编码；如认为编码被误占，请联系系统管理员。";

    public const string ConflictMessage = "该项目在您读取之后已被他人修改，您的修改尚未保存。请重新读取项目（得到新的 version）后再保存。";

    /// <param name="existing">The tracked project to update (with its indicators), or null to create one in <paramref name="unitId"/> and <paramref name="year"/>.</param>
    public async Task<SaveResult> SaveAsync(BudgetProject? existing, int unitId, int year, ProjectInput input, string unitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<SaveError>();
        if (existing is not null && !existing.IsEditable)
        {
            errors.Add(new SaveError(string.Empty, $"项目状态为{existing.Status.ToChinese()}，不能修改；已审核的项目请先进行绩效目标调整。"));
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        errors.AddRange(validation.Errors.Select(e => new SaveError(e.PropertyName, e.ErrorMessage)));

        var code = (input.Code ?? string.Empty).Trim();
        var id = existing?.Id ?? 0;
        if (validation.IsValid && await db.Projects.AnyAsync(p => p.Year == year && p.Code == code && p.Id != id, cancellationToken))
        {
            errors.Add(new SaveError(nameof(ProjectInput.Code), CodeTaken(year, code)));
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        if (existing is not null && input.Version != existing.Version)
        {
            // Someone saved after the form (or API client) read the project: nothing is written.
            return new SaveResult(null, [new SaveError(string.Empty, ConflictMessage)], Conflict: true);
        }

        var project = existing ?? new BudgetProject(unitId, year, code, input.Name);
        if (existing is not null)
        {
            // The version the form (or API client) read: a save over someone else's newer save is a conflict.
            db.Entry(project).Property(p => p.Version).OriginalValue = input.Version ?? Guid.Empty;
        }

        try
        {
            project.SetBasics(code, input.Name, input.Budget!.Value, input.FiscalFunds!.Value, input.OtherFunds!.Value, input.Purpose ?? string.Empty, project.AmountUnit);
            project.SetSpendingPlan(input.Checkpoints());
            project.SetGoals(input.Goals.Select(g => g!.Trim()));
            project.SetIndicators(KeepExtraFields(project.Indicators, input.Indicators.Select(i => i.ToIndicator())).ToList());
        }
        catch (DomainException ex)
        {
            return new SaveResult(null, [new SaveError(string.Empty, ex.Message)]);
        }

        if (existing is null)
        {
            db.Projects.Add(project);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveResult(null, [new SaveError(string.Empty, ConflictMessage)], Conflict: true);
        }

        // Indicators written by hand (not picked from the library) become candidates an admin may promote; one another
        // save adds at the same moment is skipped, never an error.
        await library.AddCandidatesAsync(project.Indicators, $"项目 {unitCode}/{year}/{code}", cancellationToken);
        return new SaveResult(project, []);
    }

    /// <summary>
    /// The form and the API do not carry an indicator's kept extra columns (指标性质, 度量单位, 分值 … of an import): an
    /// indicator saved again keeps those of the stored one with the same 一级, 二级 and 三级 name (else the same name).
    /// </summary>
    public static IEnumerable<Indicator> KeepExtraFields(IEnumerable<Indicator> stored, IEnumerable<Indicator> saved)
    {
        var withExtra = stored.Where(i => i.ExtraFields is not null).ToList();
        foreach (var indicator in saved)
        {
            var match = withExtra.FirstOrDefault(i => i.Level1 == indicator.Level1 && i.Level2 == indicator.Level2 && i.Name == indicator.Name)
                ?? withExtra.FirstOrDefault(i => i.Name == indicator.Name);
            if (match is not null)
            {
                indicator.ExtraFields = match.ExtraFields;
                withExtra.Remove(match);
            }

            yield return indicator;
        }
    }
}
