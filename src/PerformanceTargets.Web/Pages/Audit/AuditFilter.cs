using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Pages.Audit;

/// <summary>
/// What the audit trail is filtered by: unit code, project code, user (part of the name), and a date range in China
/// time (UTC+8), both ends inclusive. The same filter drives the page and its csv/xlsx downloads.
/// </summary>
public sealed class AuditFilter
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public string? Unit { get; set; }

    public string? Project { get; set; }

    public string? User { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The matching entries of <paramref name="db"/>, untracked.</summary>
    public IQueryable<AuditEntry> Query(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite() && (From is not null || To is not null))
        {
            // SQLite keeps DateTimeOffset as text and EF Core cannot compare it in SQL. Every entry is stamped in UTC
            // (+00:00), so the stored text sorts like the instant and the range is compared as text.
            var start = Start is { } s ? SqliteText(s) : "0000";
            var end = End is { } e ? SqliteText(e) : "9999";
            var ranged = db.AuditEntries.FromSql($"SELECT * FROM \"AuditEntries\" WHERE \"At\" >= {start} AND \"At\" < {end}").AsNoTracking();
            return Apply(ranged, withDates: false);
        }

        return Apply(db.AuditEntries.AsNoTracking(), withDates: true);
    }

    private DateTimeOffset? Start => From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime() : null;

    private DateTimeOffset? End => To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime() : null;

    private static string SqliteText(DateTimeOffset at) => at.ToString("yyyy'-'MM'-'dd HH':'mm':'ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    private IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, bool withDates)
    {
        if (Clean(Unit) is { } unit)
        {
            entries = entries.Where(a => a.UnitCode == unit);
        }

        if (Clean(Project) is { } project)
        {
            entries = entries.Where(a => a.ProjectCode == project);
        }

        if (Clean(User) is { } user)
        {
            entries = entries.Where(a => a.UserName.Contains(user));
        }

        if (withDates && Start is { } start)
        {
            entries = entries.Where(a => a.At >= start);
        }

        if (withDates && End is { } end)
        {
            entries = entries.Where(a => a.At < end);
        }

        return entries;
    }

    /// <summary>The filter as query-string values, for links (pager, downloads).</summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value.Trim();
            }
        }

        Add("unit", Unit);
        Add("project", Project);
        Add("user", User);
        Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    public static DateTimeOffset ChinaTime(DateTimeOffset at) => at.ToOffset(ChinaOffset);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(x => x.Unit).MaximumLength(Domain.Units.Unit.CodeMaxLength).WithMessage($"单位编码不能超过 {Domain.Units.Unit.CodeMaxLength} 个字符。");
        RuleFor(x => x.Project).MaximumLength(Domain.Projects.BudgetProject.CodeMaxLength).WithMessage($"项目编码不能超过 {Domain.Projects.BudgetProject.CodeMaxLength} 个字符。");
        RuleFor(x => x.User).MaximumLength(AuditEntry.ShortMaxLength).WithMessage($"用户不能超过 {AuditEntry.ShortMaxLength} 个字符。");
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("结束日期不能早于开始日期。");
    }
}
