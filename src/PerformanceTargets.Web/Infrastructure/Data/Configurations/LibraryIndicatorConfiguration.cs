using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Library;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class LibraryIndicatorConfiguration : IEntityTypeConfiguration<LibraryIndicator>
{
    public void Configure(EntityTypeBuilder<LibraryIndicator> builder)
    {
        builder.ToTable("LibraryIndicators");
        builder.Property(i => i.Level1).HasMaxLength(LibraryIndicator.LevelMaxLength).IsRequired();
        builder.Property(i => i.Level2).HasMaxLength(LibraryIndicator.LevelMaxLength).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(LibraryIndicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(LibraryIndicator.TextMaxLength).IsRequired();
        builder.Property(i => i.Comparator).HasMaxLength(LibraryIndicator.ShortMaxLength).IsRequired();
        builder.Property(i => i.MeasureUnit).HasMaxLength(LibraryIndicator.ShortMaxLength).IsRequired();
        builder.Property(i => i.TypicalValue).HasMaxLength(LibraryIndicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Basis).HasMaxLength(LibraryIndicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Fields).HasMaxLength(LibraryIndicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Source).HasMaxLength(LibraryIndicator.NameMaxLength).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(i => i.Key);
        builder.HasIndex(i => new { i.Level1, i.Level2, i.Name }).IsUnique();
        builder.HasIndex(i => i.Status);
    }
}
