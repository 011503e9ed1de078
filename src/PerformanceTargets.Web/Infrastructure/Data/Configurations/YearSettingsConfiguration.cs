using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Data.Configurations;

internal sealed class YearSettingsConfiguration : IEntityTypeConfiguration<YearSettings>
{
    private const string OwnerKey = "YearSettingsId";

    public void Configure(EntityTypeBuilder<YearSettings> builder)
    {
        builder.ToTable("YearSettings");
        builder.HasKey(s => s.FiscalYearId);
        builder.Property(s => s.FiscalYearId).ValueGeneratedNever();
        builder.HasOne<FiscalYear>().WithOne().HasForeignKey<YearSettings>(s => s.FiscalYearId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ExecutionWeight).HasPrecision(9, 4);
        builder.Property(s => s.TargetTooLowPercent).HasPrecision(9, 4);
        builder.Property(s => s.MonitoringRedBelowPercent).HasPrecision(9, 4);
        builder.Property(s => s.MonitoringYellowBelowPercent).HasPrecision(9, 4);

        builder.OwnsMany(s => s.GradeBands, band =>
        {
            band.ToTable("YearSettingsGradeBands");
            band.WithOwner().HasForeignKey(OwnerKey);
            band.Property<int>("Id");
            band.HasKey("Id");
            band.Property(b => b.Grade).HasMaxLength(YearSettings.NameMaxLength).IsRequired();
            band.Property(b => b.Min).HasPrecision(9, 4);
        });
        builder.Navigation(s => s.GradeBands).HasField("_gradeBands").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(s => s.GroupWeights, weight =>
        {
            weight.ToTable("YearSettingsGroupWeights");
            weight.WithOwner().HasForeignKey(OwnerKey);
            weight.Property<int>("Id");
            weight.HasKey("Id");
            weight.Property(w => w.Group).HasMaxLength(YearSettings.NameMaxLength).IsRequired();
            weight.Property(w => w.Weight).HasPrecision(9, 4);
        });
        builder.Navigation(s => s.GroupWeights).HasField("_groupWeights").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(s => s.QualitativeTiers, tier =>
        {
            tier.ToTable("YearSettingsQualitativeTiers");
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
