using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.YearEnd;

/// <summary>
/// Writes the .xlsx 自评表 template of a year (one unit or all), filled with what is stored, so that filling it in Excel
/// and uploading it back changes only what was edited. Projects are read in batches, without tracking.
/// </summary>
public sealed class TemplateExporter(AppDbContext db)
{
    public const int BatchSize = 500;

    public void Write(Stream output, int year, int? unitId) =>
        ActualsWorkbook.Write(output, year, Funds(year, unitId), Spending(year, unitId), Indicators(year, unitId), SubGoals(year, unitId));

    private List<int> ProjectIds(int year, int? unitId) =>
        (from p in db.Projects.AsNoTracking()
         join u in db.Units on p.UnitId equals u.Id
         where p.Year == year && (unitId == null || p.UnitId == unitId)
         orderby u.Code, p.Code
         select p.Id).ToList();

    private IEnumerable<Dictionary<string, object?>> Funds(int year, int? unitId)
    {
        foreach (var chunk in ProjectIds(year, unitId).Chunk(BatchSize))
        {
            var rows = (from p in db.Projects.AsNoTracking()
                        join u in db.Units on p.UnitId equals u.Id
                        where chunk.Contains(p.Id)
                        select new { p.Id, UnitCode = u.Code, UnitName = u.Name, p.Code, p.Name, p.Budget, p.Executed }).ToDictionary(r => r.Id);
            foreach (var id in chunk)
            {
                var r = rows[id];
                yield return new()
                {
                    [ActualsWorkbook.UnitCode] = r.UnitCode,
                    [ActualsWorkbook.UnitName] = r.UnitName,
                    [ActualsWorkbook.ProjectCode] = r.Code,
                    [ActualsWorkbook.ProjectName] = r.Name,
                    [ActualsWorkbook.Budget] = r.Budget,
                    [ActualsWorkbook.Executed] = r.Executed,
                };
            }
        }
    }

    private IEnumerable<Dictionary<string, object?>> Spending(int year, int? unitId)
    {
        foreach (var chunk in ProjectIds(year, unitId).Chunk(BatchSize))
        {
            var projects = db.Projects.AsNoTracking().AsSplitQuery().Where(p => chunk.Contains(p.Id)).ToDictionary(p => p.Id);
            foreach (var id in chunk)
            {
                var project = projects[id];
                foreach (var checkpoint in project.SpendingPlan.OrderBy(c => c.Month))
                {
                    yield return new()
                    {
                        [ActualsWorkbook.ProjectCode] = project.Code,
                        [ActualsWorkbook.ProjectName] = project.Name,
                        [ActualsWorkbook.Month] = checkpoint.Month,
                        [ActualsWorkbook.PlannedPercent] = checkpoint.CumulativePercent,
                        [ActualsWorkbook.Spent] = project.SpentByMonth.FirstOrDefault(s => s.Month == checkpoint.Month)?.Spent,
                    };
                }
            }
        }
    }

    private IEnumerable<Dictionary<string, object?>> Indicators(int year, int? unitId)
    {
        foreach (var chunk in ProjectIds(year, unitId).Chunk(BatchSize))
        {
            var projects = db.Projects.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Code, p.Name }).ToDictionary(p => p.Id);
            var indicators = db.Indicators.AsNoTracking()
                .Where(i => chunk.Contains(EF.Property<int>(i, "ProjectId")))
                .Select(i => new { ProjectId = EF.Property<int>(i, "ProjectId"), i.Order, i.Level1, i.Level2, i.Name, i.Value, i.Actual, i.ActualScore, i.DeviationReason })
                .ToList().ToLookup(i => i.ProjectId);
            foreach (var id in chunk)
            {
                foreach (var i in indicators[id].OrderBy(i => i.Order))
                {
                    yield return new()
                    {
                        [ActualsWorkbook.ProjectCode] = projects[id].Code,
                        [ActualsWorkbook.ProjectName] = projects[id].Name,
                        [ActualsWorkbook.Level1] = i.Level1,
                        [ActualsWorkbook.Level2] = i.Level2,
                        [ActualsWorkbook.Level3] = i.Name,
                        [ActualsWorkbook.Value] = i.Value,
                        [ActualsWorkbook.MeasureUnit] = ActualsWorkbook.UnitOf(i.Value),
                        [ActualsWorkbook.Actual] = i.Actual,
                        [ActualsWorkbook.Score] = i.ActualScore,
                        [ActualsWorkbook.Reason] = i.DeviationReason,
                    };
                }
            }
        }
    }

    private IEnumerable<Dictionary<string, object?>> SubGoals(int year, int? unitId)
    {
        var plans = (from p in db.UnitPlans.AsNoTracking().Include(p => p.SubGoals)
                     join u in db.Units on p.UnitId equals u.Id
                     where p.Year == year && (unitId == null || p.UnitId == unitId)
                     orderby u.Code
                     select new { UnitCode = u.Code, p.SubGoals }).ToList();
        foreach (var plan in plans)
        {
            foreach (var goal in plan.SubGoals.OrderBy(g => g.Order))
            {
                yield return new()
                {
                    [ActualsWorkbook.UnitCode] = plan.UnitCode,
                    [ActualsWorkbook.SubGoalIndicator] = goal.Indicator,
                    [ActualsWorkbook.Standard] = goal.Standard,
                    [ActualsWorkbook.CompletionRate] = goal.CompletionRate,
                };
            }
        }
    }
}
