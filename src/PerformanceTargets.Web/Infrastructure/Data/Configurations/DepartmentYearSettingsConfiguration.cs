using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

/// <summary>The 部门整体自评's own rules of a year: mapped like <see cref="YearSettingsConfiguration"/>, in tables of their own.</summary>
internal sealed class DepartmentYearSettingsConfiguration : IEntityTypeConfiguration<DepartmentYearSettings>
{
    private const string OwnerKey = "DepartmentYearSettingsId";

    public void Configure(EntityTypeBuilder<DepartmentYearSettings> builder)
    {
        builder.ToTable("DepartmentYearSettings");
        builder.HasKey(s => s.FiscalYearId);
        builder.Property(s => s.FiscalYearId).ValueGeneratedNever();
        builder.HasOne<FiscalYear>().WithOne().HasForeignKey<DepartmentYearSettings>(s => s.FiscalYearId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ExecutionWeight).HasPrecision(9, 4);

        builder.OwnsMany(s => s.GradeBands, band =>
        {
            band.ToTable("DepartmentYearSettingsGradeBands");
            band.WithOwner().HasForeignKey(OwnerKey);
            band.Property<int>("Id");
            band.HasKey("Id");
            band.Property(b => b.Grade).HasMaxLength(YearSettings.NameMaxLength).IsRequired();
            band.Property(b => b.Min).HasPrecision(9, 4);
        });
        builder.Navigation(s => s.GradeBands).HasField("_gradeBands").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(s => s.GroupWeights, weight =>
        {
            weight.ToTable("DepartmentYearSettingsGroupWeights");
            weight.WithOwner().HasForeignKey(OwnerKey);
            weight.Property<int>("Id");
            weight.HasKey("Id");
            weight.Property(w => w.Group).HasMaxLength(YearSettings.NameMaxLength).IsRequired();
            weight.Property(w => w.Weight).HasPrecision(9, 4);
        });
        builder.Navigation(s => s.GroupWeights).HasField("_groupWeights").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(s => s.QualitativeTiers, tier =>
        {
            tier.ToTable("DepartmentYearSettingsQualitativeTiers");
            tier.WithOwner().HasForeignKey(OwnerKey);
            tier.Property<int>("Id");
            tier.HasKey("Id");
            tier.Property(t => t.Name).HasMaxLength(YearSettings.NameMaxLength).IsRequired();
            tier.Property(t => t.MinFraction).HasPrecision(9, 4);
            tier.Property(t => t.MaxFraction).HasPrecision(9, 4);
            tier.Property(t => t.DefaultFraction).HasPrecision(9, 4);
        });
        builder.Navigation(s => s.QualitativeTiers).HasField("_qualitativeTiers").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
