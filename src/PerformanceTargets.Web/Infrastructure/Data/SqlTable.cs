using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// A table of the EF Core model as hand-written SQL names it, quoted for the context's provider: the table
/// (<see cref="Name"/>, or <see cref="From"/> with its alias) and its columns by property name, bare (<see cref="Column"/>)
/// or qualified by the alias (the indexer). The raw-SQL reads and deletes (<c>RatingStore</c>, <c>GoalTableReader</c>)
/// build their statements from it, so a table or column renamed in the model is renamed in them too.
/// </summary>
internal sealed class SqlTable
{
    private readonly IEntityType _type;
    private readonly StoreObjectIdentifier _table;
    private readonly ISqlGenerationHelper _sql;

    private SqlTable(DbContext db, Type entity, string alias)
        : this(db, db.Model.FindEntityType(entity) ?? throw new ArgumentException($"{entity.Name} is not in the model", nameof(entity)), alias)
    {
    }

    private SqlTable(DbContext db, IEntityType type, string alias)
    {
        _type = type;
        _table = StoreObjectIdentifier.Table(_type.GetTableName()!, _type.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        Alias = alias;
        Name = _sql.DelimitIdentifier(_table.Name, _table.Schema);
    }

    /// <summary>The table of entity type <typeparamref name="T"/>, called <paramref name="alias"/> in the statements.</summary>
    public static SqlTable Of<T>(DbContext db, string alias) => new(db, typeof(T), alias);

    /// <summary>The table of the entities <typeparamref name="TOwner"/> owns through <paramref name="navigation"/> (an owned collection such as a project's history).</summary>
    public static SqlTable OfOwned<TOwner>(DbContext db, string navigation, string alias)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = db.Model.FindEntityType(typeof(TOwner)) ?? throw new ArgumentException($"{typeof(TOwner).Name} is not in the model", nameof(TOwner));
        var owned = owner.FindNavigation(navigation)?.TargetEntityType ?? throw new ArgumentException($"{typeof(TOwner).Name} has no navigation {navigation}", nameof(navigation));
        return new SqlTable(db, owned, alias);
    }

    /// <summary>Whether <paramref name="db"/> runs on SQL Server (whose SQL pages and limits rows its own way).</summary>
    public static bool IsSqlServer(DbContext db) => db.Database.ProviderName?.EndsWith(".SqlServer", StringComparison.Ordinal) == true;

    /// <summary>The clause that ends an ordered query to skip <paramref name="skip"/> rows and keep <paramref name="take"/> (SQL expressions).</summary>
    public static string Page(DbContext db, string take, string skip) => IsSqlServer(db)
        ? $" OFFSET {skip} ROWS FETCH NEXT {take} ROWS ONLY"
        : $" LIMIT {take} OFFSET {skip}";

    public string Alias { get; }

    /// <summary>The table's quoted name (with its schema when it has one).</summary>
    public string Name { get; }

    /// <summary>The table and its alias, as a <c>FROM</c> or <c>JOIN</c> names it.</summary>
    public string From => $"{Name} {Alias}";

    /// <summary>The quoted column of <paramref name="property"/> (a shadow property too), qualified by the alias.</summary>
    public string this[string property] => $"{Alias}.{Column(property)}";

    /// <summary>The quoted column of <paramref name="property"/>, unqualified.</summary>
    public string Column(string property) =>
        _sql.DelimitIdentifier((_type.FindProperty(property) ?? throw new ArgumentException($"{_type.DisplayName()} has no property {property}", nameof(property)))
            .GetColumnName(_table)!);

    /// <summary>The quoted column of the table's single-column primary key, unqualified.</summary>
    public string KeyColumn => _sql.DelimitIdentifier(_type.FindPrimaryKey()!.Properties.Single().GetColumnName(_table)!);
}
