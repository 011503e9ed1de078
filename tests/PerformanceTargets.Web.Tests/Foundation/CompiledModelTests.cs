using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// Each provider's context runs on its compiled model (<c>Infrastructure/Data/CompiledModels/</c>), which must say what the
/// configurations say: a model change without <c>scripts/compile-models.sh</c> fails here, not in production with a stale
/// mapping. The reference is the design-time model EF builds from <c>OnModelCreating</c>, as migrations use it.
/// </summary>
public class CompiledModelTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "SqlServer", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_context_uses_its_compiled_model(string provider)
    {
        using var db = Create(provider);

        Assert.Equal($"{provider}AppDbContextModel", db.Model.GetType().Name);
        Assert.Equal($"PerformanceTargets.Web.Infrastructure.Data.CompiledModels.{provider}", db.Model.GetType().Namespace);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_has_the_same_entities_properties_and_conversions_as_the_configurations(string provider)
    {
        using var db = Create(provider);
        var configured = Describe(db.GetService<IDesignTimeModel>().Model);
        var compiled = Describe(db.Model);

        var missing = configured.Except(compiled).ToList();
        var extra = compiled.Except(configured).ToList();

        Assert.True(missing.Count == 0 && extra.Count == 0,
            Regenerate(provider) + " Only configured: " + string.Join(" | ", missing.Take(5)) + " Only compiled: " + string.Join(" | ", extra.Take(5)));
    }

    [Fact]
    public void The_description_sees_what_differs_between_providers()
    {
        // The comparison above is only as good as Describe: the same entities mapped to other store types must read differently.
        using var sqlite = Create("Sqlite");
        using var postgres = Create("PostgreSql");

        Assert.NotEqual(Describe(sqlite.Model), Describe(postgres.Model));
        Assert.Equal(sqlite.Model.GetEntityTypes().Count(), postgres.Model.GetEntityTypes().Count());
    }

    private static AppDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        "PostgreSql" => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static string Regenerate(string provider) => $"The {provider} compiled model is stale: run scripts/compile-models.sh.";

    /// <summary>One line per entity, property, key, foreign key and navigation, with what a query or a save depends on.</summary>
    private static SortedSet<string> Describe(IModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            lines.Add($"{entity.Name} table={entity.GetTableName()} owned={entity.IsOwned()} filter={entity.GetDeclaredQueryFilters().Count > 0} base={entity.BaseType?.Name}");
            foreach (var property in entity.GetDeclaredProperties())
            {
                var mapping = property.GetRelationalTypeMapping();
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{entity.Name}.{property.Name} {property.ClrType} null={property.IsNullable} len={property.GetMaxLength()} precision={property.GetPrecision()},{property.GetScale()} " +
                    $"column={property.GetColumnName()} store={mapping.StoreType} converter={(property.GetValueConverter() ?? mapping.Converter)?.ProviderClrType} " +
                    $"generated={property.ValueGenerated} concurrency={property.IsConcurrencyToken} field={property.FieldInfo?.Name}"));
            }

            foreach (var key in entity.GetDeclaredKeys())
            {
                lines.Add($"{entity.Name} key {string.Join(",", key.Properties.Select(p => p.Name))} primary={key.IsPrimaryKey()}");
            }

            foreach (var foreignKey in entity.GetDeclaredForeignKeys())
            {
                lines.Add($"{entity.Name} fk {string.Join(",", foreignKey.Properties.Select(p => p.Name))} -> {foreignKey.PrincipalEntityType.Name} delete={foreignKey.DeleteBehavior} required={foreignKey.IsRequired}");
            }

            foreach (var navigation in entity.GetDeclaredNavigations())
            {
                lines.Add($"{entity.Name} nav {navigation.Name} -> {navigation.TargetEntityType.Name} field={navigation.FieldInfo?.Name} access={navigation.GetPropertyAccessMode()}");
            }

            foreach (var index in entity.GetDeclaredIndexes())
            {
                lines.Add($"{entity.Name} index {string.Join(",", index.Properties.Select(p => p.Name))} unique={index.IsUnique} filter={index.GetFilter()}");
            }
        }

        return lines;
    }
}
