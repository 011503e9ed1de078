using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Publishing;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.ToTable("Publications");
        builder.Property(p => p.PublishedBy).HasMaxLength(Publication.ByMaxLength).IsRequired();
        builder.Property(p => p.WithdrawnBy).HasMaxLength(Publication.ByMaxLength);
        builder.Property(p => p.Content).IsRequired();
        builder.Property(p => p.ContentSha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.Year, p.UnitId, p.WithdrawnAt });
    }
}
