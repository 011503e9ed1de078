using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("Units");
        builder.Property(u => u.Code).HasMaxLength(Unit.CodeMaxLength).IsRequired();
        builder.Property(u => u.Name).HasMaxLength(Unit.NameMaxLength).IsRequired();
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FiscalYearConfiguration : IEntityTypeConfiguration<FiscalYear>
{
    public void Configure(EntityTypeBuilder<FiscalYear> builder)
    {
        builder.ToTable("FiscalYears");
        builder.HasIndex(y => y.Year).IsUnique();
        builder.Property(y => y.ReviewLevels).HasDefaultValue(1);
        builder.Property(y => y.DisabledReviewChecks).HasMaxLength(FiscalYear.DisabledChecksMaxLength).IsRequired().HasDefaultValue(string.Empty);
        builder.Ignore(y => y.Chain);
        builder.Ignore(y => y.DisabledChecks);
    }
}
