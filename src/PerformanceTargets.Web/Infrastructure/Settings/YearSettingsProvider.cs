using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Infrastructure.Settings;

/// <summary>The evaluation settings in force for a fiscal year: what an admin stored for it, else the national defaults.</summary>
public interface IYearSettingsProvider
{
    /// <summary>The stored settings of <paramref name="year"/> (e.g. 2026), or <see cref="EvaluationSettings.National"/> when none are stored.</summary>
    Task<EvaluationSettings> GetAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>True when an admin stored settings for <paramref name="year"/>; false when the national defaults apply.</summary>
    Task<bool> IsStoredAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>
    /// The settings 部门整体 tables of <paramref name="year"/> are scored with: the project settings (<see cref="GetAsync"/>) with the
    /// weights, tiers and bands an admin set apart for the 部门整体自评, when any (<see cref="Domain.Units.DepartmentYearSettings"/>);
    /// else exactly the project settings.
    /// </summary>
    Task<EvaluationSettings> GetDepartmentAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>True when an admin set the 部门整体自评's own rules for <paramref name="year"/>; false when the project settings apply.</summary>
    Task<bool> IsDepartmentCustomAsync(int year, CancellationToken cancellationToken = default);
}

internal sealed class YearSettingsProvider(AppDbContext db) : IYearSettingsProvider
{
    public async Task<EvaluationSettings> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var stored = await (
                from fiscalYear in db.FiscalYears
                where fiscalYear.Year == year
                join settings in db.YearSettings on fiscalYear.Id equals settings.FiscalYearId
                select settings)
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        return stored?.ToEvaluationSettings(year) ?? EvaluationSettings.National(year);
    }

    public Task<bool> IsStoredAsync(int year, CancellationToken cancellationToken = default) =>
        db.FiscalYears.Where(y => y.Year == year)
            .Join(db.YearSettings, y => y.Id, s => s.FiscalYearId, (y, s) => s)
            .AnyAsync(cancellationToken);

    public async Task<EvaluationSettings> GetDepartmentAsync(int year, CancellationToken cancellationToken = default)
    {
        var project = await GetAsync(year, cancellationToken);
        var own = await (
                from fiscalYear in db.FiscalYears
                where fiscalYear.Year == year
                join settings in db.DepartmentYearSettings on fiscalYear.Id equals settings.FiscalYearId
                select settings)
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        return own?.ApplyTo(project) ?? project;
    }

    public Task<bool> IsDepartmentCustomAsync(int year, CancellationToken cancellationToken = default) =>
        db.FiscalYears.Where(y => y.Year == year)
            .Join(db.DepartmentYearSettings, y => y.Id, s => s.FiscalYearId, (y, s) => s)
            .AnyAsync(cancellationToken);
}
