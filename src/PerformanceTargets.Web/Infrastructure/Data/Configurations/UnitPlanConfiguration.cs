using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class UnitPlanConfiguration : IEntityTypeConfiguration<UnitPlan>
{
    /// <summary>The shadow foreign key every part of a plan carries; the context uses it to renew the plan's version.</summary>
    public const string PlanForeignKey = "UnitPlanId";

    public void Configure(EntityTypeBuilder<UnitPlan> builder)
    {
        builder.ToTable("UnitPlans");
        builder.HasIndex(p => new { p.UnitId, p.Year }).IsUnique();
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.OverallGoal).HasMaxLength(UnitPlan.TextMaxLength);
        builder.Property(p => p.AnnualTargets).HasMaxLength(UnitPlan.TextMaxLength);
        builder.Property(p => p.GuaranteeMeasures).HasMaxLength(UnitPlan.TextMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.HasMany(p => p.SubGoals).WithOne().HasForeignKey(PlanForeignKey).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.SubGoals).HasField("_subGoals").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SubGoalConfiguration : IEntityTypeConfiguration<SubGoal>
{
    public void Configure(EntityTypeBuilder<SubGoal> builder)
    {
        builder.ToTable("SubGoals");
        builder.Property<int>(UnitPlanConfiguration.PlanForeignKey);
        builder.Property(g => g.Area).HasMaxLength(SubGoal.ShortTextMaxLength).IsRequired();
        builder.Property(g => g.Activity).HasMaxLength(SubGoal.ShortTextMaxLength);
        builder.Property(g => g.AreaHeading).HasMaxLength(SubGoal.ShortTextMaxLength);
        builder.Property(g => g.ActivityHeading).HasMaxLength(SubGoal.ShortTextMaxLength);
        builder.Property(g => g.Indicator).HasMaxLength(SubGoal.ShortTextMaxLength * 2).IsRequired();
        builder.Property(g => g.Goal).HasMaxLength(UnitPlan.TextMaxLength);
        builder.Property(g => g.Standard).HasMaxLength(UnitPlan.TextMaxLength);
        builder.Property(g => g.CompletionRate).HasPrecision(9, 4);
        builder.OwnsMany(g => g.Bands, band =>
        {
            band.ToTable("SubGoalBands");
            band.WithOwner().HasForeignKey("SubGoalId");
            band.Property<int>("Id");
            band.HasKey("Id");
            band.Property(b => b.Grade).HasMaxLength(20).IsRequired();
            band.Property(b => b.Min).HasPrecision(9, 4);
        });
        builder.Navigation(g => g.Bands).HasField("_bands").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
