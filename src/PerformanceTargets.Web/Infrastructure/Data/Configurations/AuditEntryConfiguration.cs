using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Web.Infrastructure.Auditing;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(AuditEntry.ShortMaxLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Operation).HasMaxLength(AuditEntry.ShortMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.EntityKey).HasMaxLength(AuditEntry.ShortMaxLength).IsRequired();
        builder.Property(a => a.UnitCode).HasMaxLength(PerformanceTargets.Domain.Units.Unit.CodeMaxLength);
        builder.Property(a => a.ProjectCode).HasMaxLength(PerformanceTargets.Domain.Projects.BudgetProject.CodeMaxLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.UnitCode, a.At });
        builder.HasIndex(a => new { a.ProjectCode, a.At });
        builder.HasIndex(a => new { a.UserName, a.At });
    }
}
