using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Documents.Mapping;

/// <summary>Maps a 部门整体 table between the domain (<see cref="DepartmentTable"/>) and the interchange (<see cref="InterchangeDepartmentTable"/>).</summary>
public static class DepartmentMapping
{
    public static InterchangeDepartmentTable ToInterchange(DepartmentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new InterchangeDepartmentTable
        {
            UnitName = table.UnitName,
            Duties = table.Duties,
            OverallGoal = table.OverallGoal,
            AmountUnit = table.AmountUnit,
            Status = table.Status.ToString(),
            Incomes = [.. table.Incomes.Select(i => new InterchangeIncome { Source = i.Source, Amount = i.Amount })],
            Tasks = [.. table.Tasks.Select(t => new InterchangeTask { Name = t.Name, Content = t.Content, PlannedAmount = t.PlannedAmount, ExpectedGoal = t.ExpectedGoal })],
            Indicators = [.. table.Indicators.Select(i => new InterchangeDepartmentIndicator
            {
                Level1 = i.Level1,
                Level2 = i.Level2,
                Name = i.Name,
                Value = i.Value,
                ValueType = i.ValueType?.ToChinese(),
                MeasureUnit = i.MeasureUnit,
                Explanation = i.Explanation,
                ScoringStandard = i.ScoringStandard,
                Weight = i.Weight,
            })],
        };
        Enrich(result);
        return result;
    }

    /// <summary>The domain rows of an interchange table (checked by the reader first: value types are 定量/定性 or blank).</summary>
    public static (IReadOnlyList<DepartmentIncome> Incomes, IReadOnlyList<DepartmentTask> Tasks, IReadOnlyList<DepartmentIndicator> Indicators) ToRows(InterchangeDepartmentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return (
            [.. table.Incomes.Select((i, k) => new DepartmentIncome(k + 1, i.Source, i.Amount))],
            [.. table.Tasks.Select((t, k) => new DepartmentTask(k + 1, t.Name, t.Content ?? string.Empty, t.PlannedAmount, t.ExpectedGoal ?? string.Empty))],
            [.. table.Indicators.Select(ToIndicator)]);
    }

    public static DepartmentIndicator ToIndicator(InterchangeDepartmentIndicator i)
    {
        ArgumentNullException.ThrowIfNull(i);
        IndicatorValueTypes.TryParse(i.ValueType, out var type);
        return new DepartmentIndicator(i.Level1, i.Level2, i.Name, i.Value)
        {
            ValueType = type,
            MeasureUnit = Blank(i.MeasureUnit),
            Explanation = Blank(i.Explanation),
            ScoringStandard = Blank(i.ScoringStandard),
            Weight = i.Weight,
        };
    }

    /// <summary>Applies the interchange table to <paramref name="entity"/> (through its own <see cref="DepartmentTable.SetContents"/>).</summary>
    public static void ApplyTo(DepartmentTable entity, InterchangeDepartmentTable table)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(table);
        var (incomes, tasks, indicators) = ToRows(table);
        entity.SetContents(table.UnitName, table.Duties ?? string.Empty, table.OverallGoal ?? string.Empty, table.AmountUnit, incomes, tasks, indicators);
    }

    /// <summary>Recomputes the derived fields: the total, each indicator's parsed target and the quality warnings.</summary>
    public static void Enrich(InterchangeDepartmentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.TotalBudget = table.Incomes.Sum(i => i.Amount);
        foreach (var task in table.Tasks.Where(t => t?.PlannedAmount is not null))
        {
            // Written as every amount is (two decimals), whatever scale the document or the database gave.
            task.PlannedAmount = DomainMapping.Canonical(task.PlannedAmount!.Value);
        }

        var entity = new DepartmentTable(0, 2000, string.IsNullOrWhiteSpace(table.UnitName) ? "—" : table.UnitName);
        List<DepartmentIndicator> rows = [.. table.Indicators.Select(ToIndicator)];
        try
        {
            entity.SetContents(entity.UnitName, string.Empty, string.Empty, "元", [.. table.Incomes.Select((i, k) => new DepartmentIncome(k + 1, string.IsNullOrWhiteSpace(i.Source) ? "—" : i.Source, Math.Max(0, decimal.Round(i.Amount, 2))))], [], rows);
        }
        catch (Domain.DomainException)
        {
            return; // not a valid table: the reader reports why; nothing is derived
        }

        var warnings = QualityReview.Review(entity);
        for (var k = 0; k < table.Indicators.Count; k++)
        {
            table.Indicators[k].Target = Enrichment.Target(rows[k].ScoredValue);
            table.Indicators[k].Warnings = [.. warnings.Where(w => w.IndicatorOrder == k + 1).Select(w => w.Code).Distinct()];
        }

        table.Warnings = [.. warnings.Where(w => w.IndicatorOrder is null).Select(w => w.Code).Distinct()];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
