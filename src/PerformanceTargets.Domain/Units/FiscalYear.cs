namespace PerformanceTargets.Domain.Units;

/// <summary>A fiscal year (预算年度) the product holds data for. Closed years are read-only.</summary>
public class FiscalYear
{
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    private FiscalYear()
    {
    }

    public FiscalYear(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainException($"年度 {year} 不在 {MinYear}–{MaxYear} 之间。");
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
