namespace PerformanceTargets.Domain.Units;

/// <summary>A fiscal year (预算年度) the product holds data for. Closed years are read-only.</summary>
public class FiscalYear
{
    private FiscalYear()
    {
    }

    public FiscalYear(int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException($"年度 {year} 不在 2000–2100 之间。");
        }

        Year = year;
        IsOpen = true;
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public bool IsOpen { get; private set; }

    public void Close() => IsOpen = false;

    public void Reopen() => IsOpen = true;
}
