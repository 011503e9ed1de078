using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Web.Features.Documents;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class ImportPreviewConfiguration : IEntityTypeConfiguration<ImportPreview>
{
    public void Configure(EntityTypeBuilder<ImportPreview> builder)
    {
        builder.ToTable("ImportPreviews");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(ImportPreview.IdLength).IsUnicode(false).ValueGeneratedNever();
        builder.Property(p => p.OwnerUserId).HasMaxLength(ImportPreview.OwnerMaxLength).IsRequired();
        builder.Property(p => p.Payload).IsRequired();
        builder.HasIndex(p => p.ExpiresAt);
        builder.HasIndex(p => new { p.OwnerUserId, p.CreatedAt });
    }
}
