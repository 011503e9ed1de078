using System.Collections.ObjectModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Api;

/// <summary>One grade band: the grade and its lower bound (inclusive).</summary>
public sealed record GradeBandDto(string Grade, decimal Min);

/// <summary>One qualitative tier, as fractions of the indicator's weight (0–1).</summary>
public sealed record QualitativeTierDto(string Name, decimal MinFraction, decimal MaxFraction, bool MaxInclusive, decimal DefaultFraction);

/// <summary>
/// The rules a year's 部门整体 tables are scored with (effective values): <c>custom</c> false when they are the year's
/// project settings, true when an admin set others.
/// </summary>
public sealed record DepartmentSettingsDto(
    int Year,
    bool Custom,
    decimal ExecutionWeight,
    IReadOnlyDictionary<string, decimal> GroupWeights,
    IReadOnlyList<GradeBandDto> GradeBands,
    IReadOnlyList<QualitativeTierDto> QualitativeTiers);

/// <summary>
/// The 部门整体自评 rules to store for a year. <c>custom</c> false clears them (the project settings apply); true stores the
/// given values, a part left out (null) keeping its value in force.
/// </summary>
public sealed class DepartmentSettingsWrite
{
    public bool Custom { get; set; }

    public decimal? ExecutionWeight { get; set; }

    public Dictionary<string, decimal>? GroupWeights { get; set; }

    public List<GradeBandDto>? GradeBands { get; set; }

    public List<QualitativeTierDto>? QualitativeTiers { get; set; }
}

/// <summary>Per-year scoring settings of the 部门整体自评 (domain-rules.md §3): read by anyone signed in, written by admins.</summary>
public static class DepartmentSettingsEndpoints
{
    public static void MapDepartmentSettingsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("评分设置");
        group.MapGet("/years/{year:int}/department-settings", GetAsync)
            .WithSummary("年度部门整体自评评分设置（生效值；custom 为 false 时与项目相同）")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/years/{year:int}/department-settings", PutAsync)
            .WithSummary("保存或清除年度部门整体自评评分设置（系统管理员；custom 为 false 时恢复为与项目相同）")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<DepartmentSettingsDto>, ProblemHttpResult>> GetAsync(int year, AppDbContext db, IYearSettingsProvider provider)
    {
        if (!await db.FiscalYears.AnyAsync(y => y.Year == year))
        {
            return ApiProblems.NotFound($"没有 {year} 年度。");
        }

        return TypedResults.Ok(await ToDtoAsync(year, provider));
    }

    private static async Task<Results<Ok<DepartmentSettingsDto>, ValidationProblem, ProblemHttpResult>> PutAsync(
        int year, DepartmentSettingsWrite body, ClaimsPrincipal user, AppDbContext db, IYearSettingsProvider provider)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Forbidden("只有系统管理员可以修改部门整体自评评分设置。");
        }

        var fiscal = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year);
        if (fiscal is null)
        {
            return ApiProblems.NotFound($"没有 {year} 年度。");
        }

        if (!fiscal.IsOpen)
        {
            return ApiProblems.Conflict($"{year} 年度已关闭，评分设置不能修改。");
        }

        var stored = await db.DepartmentYearSettings.FirstOrDefaultAsync(s => s.FiscalYearId == fiscal.Id);
        if (!body.Custom)
        {
            if (stored is not null)
            {
                db.DepartmentYearSettings.Remove(stored);
                await db.SaveChangesAsync();
            }

            return TypedResults.Ok(await ToDtoAsync(year, provider));
        }

        var errors = Check(await provider.GetAsync(year), await provider.GetDepartmentAsync(year), body, out var settings);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        try
        {
            if (stored is null)
            {
                db.DepartmentYearSettings.Add(new DepartmentYearSettings(fiscal.Id, settings!));
            }
            else
            {
                stored.Replace(settings!);
            }
        }
        catch (DomainException ex)
        {
            return ApiProblems.Validation(string.Empty, ex.Message);
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(await ToDtoAsync(year, provider));
    }

    /// <summary>
    /// The department settings <paramref name="body"/> describes (parts left out from <paramref name="current"/>), checked part by
    /// part so each message is keyed by its field (<c>gradeBands</c>, <c>groupWeights</c>, <c>qualitativeTiers</c>; <c>""</c> for the rest).
    /// </summary>
    private static Dictionary<string, List<string>> Check(EvaluationSettings project, EvaluationSettings current, DepartmentSettingsWrite body, out EvaluationSettings? settings)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.Values.Any(list => list.Contains(message)))
            {
                (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);
            }
        }

        settings = null;
        var bands = current.GradeBands;
        if (body.GradeBands is { } givenBands && !RatingBandSet.TryCreate(givenBands.Select(b => new RatingBand((b.Grade ?? string.Empty).Trim(), b.Min)), out bands, out var bandError))
        {
            Add("gradeBands", bandError!);
        }

        var weights = project with
        {
            ExecutionWeight = body.ExecutionWeight ?? current.ExecutionWeight,
            GroupWeights = body.GroupWeights is { } groups
                ? new ReadOnlyDictionary<string, decimal>(groups.ToDictionary(g => g.Key.Trim(), g => g.Value))
                : current.GroupWeights,
        };
        var tiers = project with
        {
            QualitativeTiers = body.QualitativeTiers is { } givenTiers
                ? [.. givenTiers.Select(t => new QualitativeTier((t.Name ?? string.Empty).Trim(), t.MinFraction, t.MaxFraction, t.MaxInclusive, t.DefaultFraction))]
                : current.QualitativeTiers,
        };
        foreach (var message in DepartmentYearSettings.Check(weights))
        {
            Add("groupWeights", message);
        }

        foreach (var message in DepartmentYearSettings.Check(tiers))
        {
            Add("qualitativeTiers", message);
        }

        var all = project with
        {
            ExecutionWeight = weights.ExecutionWeight,
            GroupWeights = weights.GroupWeights,
            QualitativeTiers = tiers.QualitativeTiers,
            GradeBands = bands ?? current.GradeBands,
        };
        foreach (var message in DepartmentYearSettings.Check(all))
        {
            Add(string.Empty, message);
        }

        if (errors.Count == 0)
        {
            settings = all;
        }

        return errors;
    }

    private static async Task<DepartmentSettingsDto> ToDtoAsync(int year, IYearSettingsProvider provider)
    {
        var settings = await provider.GetDepartmentAsync(year);
        return new DepartmentSettingsDto(
            year,
            await provider.IsDepartmentCustomAsync(year),
            settings.ExecutionWeight,
            settings.GroupWeights,
            [.. settings.GradeBands.Bands.Select(b => new GradeBandDto(b.Grade, b.Min))],
            [.. settings.QualitativeTiers.Select(t => new QualitativeTierDto(t.Name, t.MinFraction, t.MaxFraction, t.MaxInclusive, t.DefaultFraction))]);
    }
}
