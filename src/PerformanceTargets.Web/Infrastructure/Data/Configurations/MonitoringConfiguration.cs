using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Monitoring;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class MonitoringRoundConfiguration : IEntityTypeConfiguration<MonitoringRound>
{
    public void Configure(EntityTypeBuilder<MonitoringRound> builder)
    {
        builder.ToTable("MonitoringRounds");
        builder.HasIndex(r => new { r.Year, r.EndMonth }).IsUnique();
        builder.Property(r => r.OpenedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(r => r.Period);
    }
}

internal sealed class ProjectMonitoringConfiguration : IEntityTypeConfiguration<ProjectMonitoring>
{
    /// <summary>The shadow foreign key of an entry's indicator rows and history; the context uses it to renew the entry's version.</summary>
    public const string EntryForeignKey = "ProjectMonitoringId";

    public void Configure(EntityTypeBuilder<ProjectMonitoring> builder)
    {
        builder.ToTable("ProjectMonitorings");
        builder.HasIndex(m => new { m.RoundId, m.ProjectId }).IsUnique();
        builder.HasIndex(m => new { m.RoundId, m.UnitId });
        builder.HasOne<MonitoringRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BudgetProject>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Stage).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Domain.Review.ReviewStage.None).HasSentinel(Domain.Review.ReviewStage.None);
        builder.Property(m => m.AnnualBudget).HasPrecision(18, 2);
        builder.Property(m => m.ExecutedToDate).HasPrecision(18, 2);
        builder.Property(m => m.ExpectedFullYear).HasPrecision(18, 2);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsEditable);
        builder.Ignore(m => m.ReturnReason);

        builder.OwnsMany(m => m.Indicators, row =>
        {
            row.ToTable("MonitoringIndicators");
            row.WithOwner().HasForeignKey(EntryForeignKey);
            row.HasKey(i => i.Id);
            row.Property(i => i.Level1).HasMaxLength(Indicator.NameMaxLength).IsRequired();
            row.Property(i => i.Level2).HasMaxLength(Indicator.NameMaxLength).IsRequired();
            row.Property(i => i.Name).HasMaxLength(Indicator.NameMaxLength).IsRequired();
            row.Property(i => i.Target).HasMaxLength(Indicator.TextMaxLength).IsRequired();
            row.Property(i => i.CompletedToDate).HasMaxLength(MonitoringIndicator.ValueMaxLength);
            row.Property(i => i.ExpectedFullYear).HasMaxLength(MonitoringIndicator.ValueMaxLength);
            row.Property(i => i.Likelihood).HasConversion<string>().HasMaxLength(20);
            row.Property(i => i.DeviationNote).HasMaxLength(MonitoringIndicator.TextMaxLength);
            row.Property(i => i.CorrectiveMeasures).HasMaxLength(MonitoringIndicator.TextMaxLength);
            row.Property(i => i.Remark).HasMaxLength(MonitoringIndicator.TextMaxLength);
        });
        builder.Navigation(m => m.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(m => m.History, entry =>
        {
            entry.ToTable("MonitoringHistory");
            entry.WithOwner().HasForeignKey(EntryForeignKey);
            entry.Property<int>("Id");
            entry.HasKey("Id");
            entry.Property(h => h.UserName).HasMaxLength(256).IsRequired();
            entry.Property(h => h.From).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.To).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.Comment).HasMaxLength(MonitoringIndicator.TextMaxLength);
            entry.Property(h => h.Level).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Domain.Review.ReviewStage.None).HasSentinel(Domain.Review.ReviewStage.None);
        });
        builder.Navigation(m => m.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
