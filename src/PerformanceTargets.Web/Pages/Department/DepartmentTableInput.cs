using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Department;

namespace PerformanceTargets.Web.Pages.Department;

/// <summary>The 部门整体 form: the scalar fields and the three lists; blank rows are left out on save.</summary>
public sealed class DepartmentTableInput
{
    /// <summary>Blank rows the form offers under each list.</summary>
    public const int BlankRows = 2;

    public string? UnitName { get; set; }

    public string? Duties { get; set; }

    public string? OverallGoal { get; set; }

    public string? AmountUnit { get; set; } = "元";

    public Guid? Version { get; set; }

    public List<IncomeRow> Incomes { get; set; } = [];

    public List<TaskRow> Tasks { get; set; } = [];

    public List<IndicatorRow> Indicators { get; set; } = [];

    public static DepartmentTableInput From(DepartmentTable? table, string unitName)
    {
        var input = new DepartmentTableInput { UnitName = unitName };
        if (table is not null)
        {
            var data = DepartmentMapping.ToInterchange(table);
            input.UnitName = data.UnitName;
            input.Duties = data.Duties;
            input.OverallGoal = data.OverallGoal;
            input.AmountUnit = data.AmountUnit;
            input.Version = table.Version;
            input.Incomes = [.. data.Incomes.Select(i => new IncomeRow { Source = i.Source, Amount = i.Amount })];
            input.Tasks = [.. data.Tasks.Select(t => new TaskRow { Name = t.Name, Content = t.Content, PlannedAmount = t.PlannedAmount, ExpectedGoal = t.ExpectedGoal })];
            input.Indicators = [.. data.Indicators.Select(i => new IndicatorRow
            {
                Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Value = i.Value, ValueType = i.ValueType,
                MeasureUnit = i.MeasureUnit, Explanation = i.Explanation, ScoringStandard = i.ScoringStandard, Weight = i.Weight,
            })];
        }

        input.AddBlankRows();
        return input;
    }

    public void AddBlankRows()
    {
        for (var k = 0; k < BlankRows; k++)
        {
            Incomes.Add(new IncomeRow());
            Tasks.Add(new TaskRow());
            Indicators.Add(new IndicatorRow());
        }
    }

    /// <summary>The table as the interchange shape, without blank rows (amounts are entered in 元).</summary>
    public InterchangeDepartmentTable ToInterchange() => new()
    {
        UnitName = UnitName?.Trim() ?? string.Empty,
        Duties = Duties?.Trim() ?? string.Empty,
        OverallGoal = OverallGoal?.Trim() ?? string.Empty,
        AmountUnit = AmountUnit == "万元" ? "万元" : "元",
        Incomes = [.. Incomes.Where(i => !i.IsBlank).Select(i => new InterchangeIncome { Source = i.Source?.Trim() ?? string.Empty, Amount = i.Amount ?? 0m })],
        Tasks = [.. Tasks.Where(t => !t.IsBlank).Select(t => new InterchangeTask { Name = t.Name?.Trim() ?? string.Empty, Content = t.Content?.Trim() ?? string.Empty, PlannedAmount = t.PlannedAmount, ExpectedGoal = t.ExpectedGoal?.Trim() ?? string.Empty })],
        Indicators = [.. Indicators.Where(i => !i.IsBlank).Select(i => new InterchangeDepartmentIndicator
        {
            Level1 = i.Level1?.Trim() ?? string.Empty, Level2 = i.Level2?.Trim() ?? string.Empty, Name = i.Name?.Trim() ?? string.Empty,
            Value = i.Value?.Trim() ?? string.Empty, ValueType = string.IsNullOrWhiteSpace(i.ValueType) ? null : i.ValueType.Trim(),
            MeasureUnit = i.MeasureUnit, Explanation = i.Explanation, ScoringStandard = i.ScoringStandard, Weight = i.Weight,
        })],
    };

    public sealed class IncomeRow
    {
        public string? Source { get; set; }

        public decimal? Amount { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Source) && Amount is null;
    }

    public sealed class TaskRow
    {
        public string? Name { get; set; }

        public string? Content { get; set; }

        public decimal? PlannedAmount { get; set; }

        public string? ExpectedGoal { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Content) && PlannedAmount is null && string.IsNullOrWhiteSpace(ExpectedGoal);
    }

    public sealed class IndicatorRow
    {
        public string? Level1 { get; set; }

        public string? Level2 { get; set; }

        public string? Name { get; set; }

        public string? Value { get; set; }

        public string? ValueType { get; set; }

        public string? MeasureUnit { get; set; }

        public string? Explanation { get; set; }

        public string? ScoringStandard { get; set; }

        public decimal? Weight { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Level1) && string.IsNullOrWhiteSpace(Level2) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Value);
    }
}
