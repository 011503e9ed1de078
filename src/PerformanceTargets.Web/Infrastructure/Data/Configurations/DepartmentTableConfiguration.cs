using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Department;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

/// <summary>The 部门整体 table of a unit and year (one), with its parts as owned rows; the domain renews <c>Version</c> on every change.</summary>
internal sealed class DepartmentTableConfiguration : IEntityTypeConfiguration<DepartmentTable>
{
    public const string TableForeignKey = "DepartmentTableId";

    public void Configure(EntityTypeBuilder<DepartmentTable> builder)
    {
        builder.ToTable("DepartmentTables");
        builder.HasIndex(t => new { t.UnitId, t.Year }).IsUnique();
        builder.HasIndex(t => new { t.Year, t.Status });
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.UnitName).HasMaxLength(DepartmentTable.NameMaxLength).IsRequired();
        builder.Property(t => t.Duties).HasMaxLength(DepartmentTable.TextMaxLength);
        builder.Property(t => t.OverallGoal).HasMaxLength(DepartmentTable.TextMaxLength);
        builder.Property(t => t.AmountUnit).HasMaxLength(10).IsRequired();
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Stage).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Domain.Review.ReviewStage.None).HasSentinel(Domain.Review.ReviewStage.None);
        builder.Property(t => t.Executed).HasPrecision(18, 2);
        builder.Property(t => t.Version).IsConcurrencyToken();

        builder.OwnsMany(t => t.Incomes, income =>
        {
            income.ToTable("DepartmentIncomes");
            income.WithOwner().HasForeignKey(TableForeignKey);
            income.Property<int>("Id");
            income.HasKey("Id");
            income.Property(i => i.Source).HasMaxLength(DepartmentTable.NameMaxLength).IsRequired();
            income.Property(i => i.Amount).HasPrecision(18, 2);
        });
        builder.Navigation(t => t.Incomes).HasField("_incomes").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(t => t.Tasks, task =>
        {
            task.ToTable("DepartmentTasks");
            task.WithOwner().HasForeignKey(TableForeignKey);
            task.Property<int>("Id");
            task.HasKey("Id");
            task.Property(i => i.Name).HasMaxLength(DepartmentTable.NameMaxLength).IsRequired();
            task.Property(i => i.Content).HasMaxLength(DepartmentTable.TextMaxLength);
            task.Property(i => i.ExpectedGoal).HasMaxLength(DepartmentTable.TextMaxLength);
            task.Property(i => i.PlannedAmount).HasPrecision(18, 2);
        });
        builder.Navigation(t => t.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(t => t.Indicators, indicator =>
        {
            indicator.ToTable("DepartmentIndicators");
            indicator.WithOwner().HasForeignKey(TableForeignKey);
            indicator.Property<int>("Id");
            indicator.HasKey("Id");
            indicator.Property(i => i.Level1).HasMaxLength(50).IsRequired();
            indicator.Property(i => i.Level2).HasMaxLength(50).IsRequired();
            indicator.Property(i => i.Name).HasMaxLength(Indicator.NameMaxLength).IsRequired();
            indicator.Property(i => i.Value).HasMaxLength(Indicator.NameMaxLength);
            indicator.Property(i => i.ValueType).HasConversion<string>().HasMaxLength(20);
            indicator.Property(i => i.MeasureUnit).HasMaxLength(50);
            indicator.Property(i => i.Explanation).HasMaxLength(Indicator.TextMaxLength);
            indicator.Property(i => i.ScoringStandard).HasMaxLength(Indicator.TextMaxLength);
            indicator.Property(i => i.Weight).HasPrecision(9, 4);
            indicator.Property(i => i.Actual).HasMaxLength(Indicator.NameMaxLength);
            indicator.Property(i => i.ActualScore).HasPrecision(9, 4);
            indicator.Property(i => i.DeviationReason).HasMaxLength(Indicator.TextMaxLength);
        });
        builder.Navigation(t => t.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(t => t.History, entry =>
        {
            entry.ToTable("DepartmentTableHistory");
            entry.WithOwner().HasForeignKey(TableForeignKey);
            entry.Property<int>("Id");
            entry.HasKey("Id");
            entry.Property(h => h.UserName).HasMaxLength(256).IsRequired();
            entry.Property(h => h.From).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.To).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.Comment).HasMaxLength(2000);
            entry.Property(h => h.Level).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Domain.Review.ReviewStage.None).HasSentinel(Domain.Review.ReviewStage.None);
        });
        builder.Navigation(t => t.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
