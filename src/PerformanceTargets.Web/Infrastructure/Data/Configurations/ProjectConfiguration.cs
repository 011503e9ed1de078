using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Review;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<BudgetProject>
{
    /// <summary>The shadow foreign key every part of a project carries; the context uses it to renew the project's version.</summary>
    public const string ProjectForeignKey = "ProjectId";

    public void Configure(EntityTypeBuilder<BudgetProject> builder)
    {
        builder.ToTable("Projects");
        builder.HasIndex(p => new { p.Year, p.Code }).IsUnique();
        builder.HasIndex(p => new { p.UnitId, p.Year, p.Status });

        // A unit's project list is filtered by unit and year and ordered by code: without this index SQLite walks the
        // year's (Year, Code) index through every project of the year (100,000 at province scale) to avoid a sort.
        builder.HasIndex(p => new { p.UnitId, p.Year, p.Code });

        // The review queue's count in every reviewer's navigation: an admin's (every unit) is Status and Stage alone, which
        // without this index scans every project of every year on every page.
        builder.HasIndex(p => new { p.Status, p.Stage });
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(p => p.Code).HasMaxLength(BudgetProject.CodeMaxLength).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(BudgetProject.NameMaxLength).IsRequired();
        builder.Property(p => p.Purpose).HasMaxLength(BudgetProject.PurposeMaxLength);
        builder.Property(p => p.AmountUnit).HasMaxLength(10).IsRequired();
        builder.Property(p => p.Budget).HasPrecision(18, 2);
        builder.Property(p => p.FiscalFunds).HasPrecision(18, 2);
        builder.Property(p => p.OtherFunds).HasPrecision(18, 2);
        builder.Property(p => p.Executed).HasPrecision(18, 2);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReviewStage.None).HasSentinel(ReviewStage.None);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.MediumTermGoal).HasMaxLength(BudgetProject.GoalMaxLength);
        builder.Property(p => p.ExtraFields); // JSON, at most BudgetProject.ExtraFieldsMaxLength characters (checked by the domain)

        builder.OwnsMany(p => p.SpendingPlan, plan =>
        {
            plan.ToTable("SpendingCheckpoints");
            plan.WithOwner().HasForeignKey(ProjectForeignKey);
            plan.Property<int>("Id");
            plan.HasKey("Id");
            plan.Property(c => c.CumulativePercent).HasPrecision(9, 4);
        });
        builder.Navigation(p => p.SpendingPlan).HasField("_spendingPlan").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.Goals, goal =>
        {
            goal.ToTable("ProjectGoals");
            goal.WithOwner().HasForeignKey(ProjectForeignKey);
            goal.Property<int>("Id");
            goal.HasKey("Id");
            goal.Property(g => g.Text).HasMaxLength(BudgetProject.GoalMaxLength).IsRequired();
        });
        builder.Navigation(p => p.Goals).HasField("_goals").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.History, entry =>
        {
            entry.ToTable("ProjectHistory");
            entry.WithOwner().HasForeignKey(ProjectForeignKey);
            entry.Property<int>("Id");
            entry.HasKey("Id");
            entry.Property(h => h.UserName).HasMaxLength(256).IsRequired();
            entry.Property(h => h.From).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.To).HasConversion<string>().HasMaxLength(20);
            entry.Property(h => h.Comment).HasMaxLength(2000);
            entry.Property(h => h.Level).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReviewStage.None).HasSentinel(ReviewStage.None);
        });
        builder.Navigation(p => p.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.SpentByMonth, spent =>
        {
            spent.ToTable("SpendingActuals");
            spent.WithOwner().HasForeignKey(ProjectForeignKey);
            spent.Property<int>("Id");
            spent.HasKey("Id");
            spent.Property(s => s.Spent).HasPrecision(18, 2);
        });
        builder.Navigation(p => p.SpentByMonth).HasField("_spent").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(p => p.Indicators).WithOne().HasForeignKey(ProjectForeignKey).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("Indicators");
        builder.Property<int>(ProjectConfiguration.ProjectForeignKey);
        builder.HasIndex(ProjectConfiguration.ProjectForeignKey, nameof(Indicator.Order));
        builder.Property(i => i.Level1).HasMaxLength(50).IsRequired();
        builder.Property(i => i.Level2).HasMaxLength(50).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(Indicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(Indicator.TextMaxLength);
        builder.Property(i => i.Value).HasMaxLength(Indicator.NameMaxLength);
        builder.Property(i => i.Basis).HasMaxLength(Indicator.NameMaxLength);
        builder.Property(i => i.Weight).HasPrecision(9, 4);
        builder.Property(i => i.Actual).HasMaxLength(Indicator.NameMaxLength);
        builder.Property(i => i.ActualScore).HasPrecision(9, 4);
        builder.Property(i => i.DeviationReason).HasMaxLength(Indicator.TextMaxLength);
    }
}
