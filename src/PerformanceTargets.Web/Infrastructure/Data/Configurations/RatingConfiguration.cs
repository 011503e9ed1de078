using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class ProjectRatingConfiguration : IEntityTypeConfiguration<ProjectRating>
{
    public void Configure(EntityTypeBuilder<ProjectRating> builder)
    {
        builder.ToTable("ProjectRatings");
        builder.HasIndex(r => r.ProjectId).IsUnique();
        builder.HasIndex(r => new { r.Year, r.UnitId });
        builder.HasOne<BudgetProject>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Budget).HasPrecision(18, 2);
        builder.Property(r => r.Executed).HasPrecision(18, 2);
        builder.Property(r => r.ExecutionRate).HasPrecision(9, 4);
        builder.Property(r => r.ExecutionWeight).HasPrecision(9, 4);
        builder.Property(r => r.ExecutionScore).HasPrecision(9, 2);
        builder.Property(r => r.Score).HasPrecision(9, 2);
        builder.Property(r => r.Grade).HasMaxLength(20);
        builder.Property(r => r.Errors).HasMaxLength(8000);
        builder.Property(r => r.Settings).HasMaxLength(2000).IsRequired();

        builder.HasMany(r => r.Indicators).WithOne().HasForeignKey(i => i.ProjectRatingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IndicatorRatingConfiguration : IEntityTypeConfiguration<IndicatorRating>
{
    public void Configure(EntityTypeBuilder<IndicatorRating> builder)
    {
        builder.ToTable("IndicatorRatings");
        builder.HasIndex(i => new { i.ProjectRatingId, i.Order });
        builder.Property(i => i.Level1).HasMaxLength(50).IsRequired();
        builder.Property(i => i.Level2).HasMaxLength(50).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(Indicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Value).HasMaxLength(Indicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Actual).HasMaxLength(Indicator.NameMaxLength);
        builder.Property(i => i.ActualScore).HasPrecision(9, 4);
        builder.Property(i => i.DeviationReason).HasMaxLength(Indicator.TextMaxLength);
        builder.Property(i => i.Weight).HasPrecision(9, 2);
        builder.Property(i => i.Points).HasPrecision(9, 2);
        builder.Property(i => i.Error).HasMaxLength(1000);
        builder.Property(i => i.Notes).HasMaxLength(200).IsRequired();
    }
}

internal sealed class SubGoalRatingConfiguration : IEntityTypeConfiguration<SubGoalRating>
{
    public void Configure(EntityTypeBuilder<SubGoalRating> builder)
    {
        builder.ToTable("SubGoalRatings");
        builder.HasIndex(r => r.SubGoalId).IsUnique();
        builder.HasIndex(r => new { r.Year, r.UnitId });
        builder.HasOne<SubGoal>().WithMany().HasForeignKey(r => r.SubGoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Indicator).HasMaxLength(SubGoal.ShortTextMaxLength * 2).IsRequired();
        builder.Property(r => r.CompletionRate).HasPrecision(9, 4);
        builder.Property(r => r.Bands).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Grade).HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(1000);
    }
}
