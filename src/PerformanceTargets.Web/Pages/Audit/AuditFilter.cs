using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Auditing;

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

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
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

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();
            entries = entries.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();
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
