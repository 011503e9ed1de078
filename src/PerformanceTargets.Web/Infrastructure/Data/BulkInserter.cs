using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Auditing;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// The one bulk writer: many new rows fast — projects with their spending plan, goals, history and indicators (imports,
/// <c>seed-demo</c>), audit entries, stored ratings with their indicator ratings (<c>RatingStore</c>) — built from the EF
/// Core model (table and column names, type mappings, value converters), on the context's connection, in its current
/// transaction. EF's change tracker costs ~2 ms a project; this path a tenth of that or less. Used for brand-new rows only;
/// every change to an existing row saves through the context so the audit interceptor and concurrency tokens apply.
/// </summary>
/// <remarks>
/// <para>What differs by provider lives in <see cref="BulkDialect"/>: quoting (EF's SQL generation helper), the parameter and
/// row limits of a statement, and how new keys come back.</para>
/// <para>SQLite: every row is one prepared single-row statement a table stepped through SQLite's own API
/// (<see cref="SqliteRowStatement"/>, values formatted as Microsoft.Data.Sqlite formats them), the new key read as the last
/// rowid. Multi-row statements do not pay there: Microsoft.Data.Sqlite binds each parameter by name and SQLite finds a name by
/// a linear search, so binding grows with the square of a statement's parameters.</para>
/// <para>PostgreSQL: every row goes through one binary <c>COPY</c> a table and call. Roots whose keys the parts need (two or
/// more a call) take keys reserved first from the key column's identity sequence, in one round trip, and are copied with them.
/// A single root is one <c>INSERT … RETURNING</c>, one round trip instead of two.</para>
/// <para>SQL Server: prepared multi-row <c>INSERT … VALUES (…), (…)</c>, at most
/// <see cref="BulkDialect.MaxRowsPerStatement"/> rows and <see cref="BulkDialect.MaxParameters"/> parameters a statement.
/// Roots whose ids the parts need go in multi-row too when the root has a unique index (a rating's project, a project's year
/// and code): <c>OUTPUT</c>/<c>RETURNING</c> gives back each new key with that index's values, and keys are matched by them
/// (the order of returned rows is not guaranteed). A root without one goes in one a statement.</para>
/// <para>Every method has written its rows when it returns: nothing is held back, so the caller may commit right after.
/// Within one method, PostgreSQL's <c>COPY</c>s overlap: the next table's values are read from the entities while the server
/// finishes the last one.</para>
/// </remarks>
public sealed class BulkInserter : IAsyncDisposable
{
    /// <summary>The typed binders by property (<see cref="Binder"/>).</summary>
    private static readonly ConditionalWeakTable<IProperty, StrongBox<ColumnBinder?>> Binders = [];

    private readonly AppDbContext _db;
    private readonly DbConnection _connection;
    private readonly BulkDialect _dialect;
    private readonly Dictionary<(IEntityType, IProperty?), TableShape> _tables = [];
    private readonly Dictionary<(TableShape, int Rows, bool Returning), DbCommand> _commands = [];
    private readonly Dictionary<TableShape, SqliteRowStatement> _sqliteStatements = [];

    /// <summary>
    /// PostgreSQL: the <c>COPY</c> sent last, while the server may still be finishing it (at its end the server checks every
    /// row's foreign keys: most of the wait for a table's rows), or null. The next <c>COPY</c>'s values are read from their
    /// entities meanwhile; anything else on the connection first waits for it (<see cref="SettleCopyAsync"/>).
    /// </summary>
    private Task? _copying;

    public BulkInserter(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        _connection = db.Database.GetDbConnection();
        _dialect = BulkDialect.For(db);
    }

    /// <summary>Most parameters in one statement on this provider (SQLite steps one row at a time and binds by position).</summary>
    public int MaxParameters => _dialect.MaxParameters;

    /// <summary>Inserts a new project and all its parts; returns its database id.</summary>
    public Task<int> InsertAsync(BudgetProject project, CancellationToken cancellationToken = default) =>
        InsertGraphAsync(project, cancellationToken);

    /// <summary>
    /// Inserts a new root entity and every entity in its collection navigations (owned parts and dependents alike),
    /// each part's foreign key set to the root's new id; returns that id.
    /// </summary>
    public async Task<int> InsertGraphAsync<T>(T root, CancellationToken cancellationToken = default)
        where T : class =>
        (await InsertGraphsAsync([root], cancellationToken))[0];

    /// <summary>
    /// Inserts new root entities, each with its parts as <see cref="InsertGraphAsync{T}"/> does; returns their ids in
    /// the order given.
    /// </summary>
    public Task<int[]> InsertGraphsAsync<T>(IReadOnlyList<T> roots, CancellationToken cancellationToken = default)
        where T : class =>
        InsertGraphsAsync<T, object>(roots, [], cancellationToken);

    /// <summary>
    /// Inserts new root entities with their parts as <see cref="InsertGraphsAsync{T}(IReadOnlyList{T}, CancellationToken)"/>
    /// does, then rows of a simple entity as <see cref="InsertRowsAsync{T}"/> does (e.g. the roots' audit entries), in one
    /// sequence: on PostgreSQL the rows' values are read while the server finishes the last part's <c>COPY</c>.
    /// </summary>
    public async Task<int[]> InsertGraphsAsync<T, TRow>(IReadOnlyList<T> roots, IReadOnlyList<TRow> rows, CancellationToken cancellationToken = default)
        where T : class
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(rows);
        return await SettledAsync(async () =>
        {
            var rootType = EntityType(typeof(T));
            var ids = await InsertRootsAsync(Table(rootType, null), roots, cancellationToken);
            await InsertPartsAsync(rootType, roots, ids, cancellationToken);
            await InsertPlainRowsAsync(rows, cancellationToken);
            return ids;
        });
    }

    /// <summary>
    /// Whether parts that have parts of their own (a plan's sub-goals with their bands) are written: on SQLite, where each
    /// part's new key is its rowid, and on PostgreSQL, where the parts' keys are reserved from their identity sequence first.
    /// On SQL Server only the first level is (a project's parts have none of their own).
    /// </summary>
    public bool InsertsNestedParts => _dialect.StepsRows || _connection is NpgsqlConnection;

    /// <summary>The parts in the collection navigations of the owners (their keys given), each part's foreign key set to its owner's.</summary>
    private async Task InsertPartsAsync<T>(IEntityType ownerType, IReadOnlyList<T> owners, IReadOnlyList<int> ids, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var navigation in ownerType.GetNavigations().Where(n => n.IsCollection))
        {
            var getter = navigation.GetGetter();
            var rows = new List<(object Entity, object? Owner)>();
            for (var r = 0; r < owners.Count; r++)
            {
                if (getter.GetClrValue(owners[r]) is System.Collections.IEnumerable items)
                {
                    foreach (var item in items)
                    {
                        rows.Add((item, ids[r]));
                    }
                }
            }

            var foreignKey = navigation.ForeignKey.Properties.Single();
            var table = Table(navigation.TargetEntityType, foreignKey);
            if (!navigation.TargetEntityType.GetNavigations().Any(n => n.IsCollection) || rows.Count == 0)
            {
                await InsertManyAsync(table, rows, cancellationToken);
                continue;
            }

            int[] partIds;
            if (_dialect.StepsRows)
            {
                // Each part stepped on its own, its rowid the key its own parts refer to.
                var statement = SqliteStatement(table);
                partIds = new int[rows.Count];
                for (var k = 0; k < rows.Count; k++)
                {
                    partIds[k] = checked((int)StepRow(statement, table, rows[k].Entity, rows[k].Owner));
                }
            }
            else if (_connection is NpgsqlConnection postgres && table.GeneratedKey)
            {
                // Keys reserved from the identity sequence, as for roots, then the parts copied with them.
                partIds = await ReserveKeysAsync(postgres, table, rows.Count, cancellationToken);
                await SendCopyAsync(postgres, table, rows, cancellationToken, partIds);
            }
            else
            {
                throw new NotSupportedException($"{navigation.TargetEntityType.DisplayName()}: parts with parts of their own are written by the bulk path on SQLite and PostgreSQL only.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            await InsertPartsAsync(navigation.TargetEntityType, [.. rows.Select(r => r.Entity)], partIds, cancellationToken);
        }
    }

    /// <summary>Inserts one row of a simple entity (no parts), e.g. an audit entry.</summary>
    public async Task InsertRowAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class =>
        await InsertRowsAsync([entity], cancellationToken);

    /// <summary>Inserts rows of a simple entity (no parts); their ids are not read back.</summary>
    public async Task InsertRowsAsync<T>(IReadOnlyList<T> entities, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entities);
        await SettledAsync(async () =>
        {
            await InsertPlainRowsAsync(entities, cancellationToken);
            return 0;
        });
    }

    /// <summary>
    /// New unit plans with their sub-goals and bands (<see cref="InsertsNestedParts"/> only), each with the audit entry the
    /// save would have written for it (<see cref="AuditInterceptor.CreatedEntry(IEntityType, object, AuditActor, DateTimeOffset, string?)"/>),
    /// in one sequence: an import's new units and <c>seed-demo</c>'s. A plan through the save cost ~4 ms.
    /// </summary>
    public async Task InsertCreatedPlansAsync(IReadOnlyList<(UnitPlan Plan, string UnitCode)> plans, AuditActor actor, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            return;
        }

        var type = EntityType(typeof(UnitPlan));
        await InsertGraphsAsync(
            plans.Select(p => p.Plan).ToList(), plans.Select(p => AuditInterceptor.CreatedEntry(type, p.Plan, actor, at, p.UnitCode)).ToList(), cancellationToken);
    }

    /// <summary>Rows of a simple entity (no parts), their ids not read back; the caller settles what is sent.</summary>
    private async Task InsertPlainRowsAsync<T>(IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var rows = new List<(object Entity, object? Owner)>(entities.Count);
        foreach (var entity in entities)
        {
            rows.Add((entity, null));
        }

        await InsertManyAsync(Table(EntityType(typeof(T)), null), rows, cancellationToken);
    }

    private IEntityType EntityType(Type clrType) =>
        _db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not an entity of the model.");

    /// <summary>Inserts the roots; returns their keys in order.</summary>
    private async Task<int[]> InsertRootsAsync<T>(TableShape table, IReadOnlyList<T> roots, CancellationToken cancellationToken)
        where T : class
    {
        var ids = new int[roots.Count];
        if (!table.GeneratedKey)
        {
            // The key is the entity's own: nothing to read back.
            await InsertManyAsync(table, [.. roots.Select(r => ((object)r, (object?)null))], cancellationToken);
            for (var r = 0; r < roots.Count; r++)
            {
                ids[r] = Convert.ToInt32(table.KeyGetter!.GetClrValue(roots[r]), CultureInfo.InvariantCulture);
            }

            return ids;
        }

        if (_dialect.StepsRows)
        {
            var statement = SqliteStatement(table);
            for (var r = 0; r < roots.Count; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ids[r] = checked((int)StepRow(statement, table, roots[r], null));
            }

            return ids;
        }

        if (_connection is NpgsqlConnection postgres && roots.Count > 1)
        {
            // Keys reserved from the identity sequence, then the roots copied with them: no RETURNING to match.
            ids = await ReserveKeysAsync(postgres, table, roots.Count, cancellationToken);
            await SendCopyAsync(postgres, table, [.. roots.Select(r => ((object)r, (object?)null))], cancellationToken, ids);
            return ids;
        }

        var position = new Dictionary<string, int>(roots.Count, StringComparer.Ordinal);
        for (var r = 0; table.Unique is not null && r < roots.Count; r++)
        {
            if (!position.TryAdd(MatchKey(table.Unique.Select(c => ProviderValue(table.Columns[c], roots[r], null))), r))
            {
                // Two roots share the unique values: one a statement, so the database refuses the second as it always did.
                position.Clear();
                break;
            }
        }

        if (position.Count == 0 || roots.Count == 1)
        {
            for (var r = 0; r < roots.Count; r++)
            {
                var command = Command(table, [(roots[r], null)], 0, 1, returning: true);
                ids[r] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            return ids;
        }

        // Multi-row, each new key matched to its root by the values of the root's unique index.
        var rows = roots.Select(r => ((object)r, (object?)null)).ToList();
        var perStatement = RowsPerStatement(table);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var command = Command(table, rows, start, Math.Min(perStatement, rows.Count - start), returning: true);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[table.Unique!.Count];
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] = reader.GetValue(k + 1);
                }

                ids[position[MatchKey(values)]] = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }

        return ids;
    }

    private static string MatchKey(IEnumerable<object?> values) =>
        string.Join('\u001F', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private async Task InsertManyAsync(TableShape table, List<(object Entity, object? Owner)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_dialect.StepsRows)
        {
            var statement = SqliteStatement(table);
            foreach (var (entity, owner) in rows)
            {
                StepRow(statement, table, entity, owner);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        if (_connection is NpgsqlConnection postgres)
        {
            await SendCopyAsync(postgres, table, rows, cancellationToken);
            return;
        }

        var perStatement = RowsPerStatement(table);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var command = Command(table, rows, start, Math.Min(perStatement, rows.Count - start), returning: false);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL: the rows through one binary <c>COPY … FROM STDIN</c> (in the connection's current transaction, as every
    /// statement on it), each value written as its column's store type (e.g. <c>character varying</c>, <c>numeric</c>,
    /// <c>timestamp with time zone</c>). A few times faster than multi-row <c>INSERT</c>s: no SQL to parse, no parameters.
    /// With <paramref name="keys"/> (reserved by <see cref="ReserveKeysAsync"/>), row r gets key keys[r]: the identity columns
    /// are <c>GENERATED BY DEFAULT</c> (see the migrations), so an explicit key is taken as given. The values are read
    /// before the previous <c>COPY</c> is waited for; this one is sent and left to finish (<see cref="_copying"/>).
    /// </summary>
    private async Task SendCopyAsync(NpgsqlConnection connection, TableShape table, List<(object Entity, object? Owner)> rows, CancellationToken cancellationToken, int[]? keys = null)
    {
        var values = new object?[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var (entity, owner) = rows[r];
            var row = values[r] = new object?[table.Columns.Count];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = ProviderValue(table.Columns[c], entity, owner);
            }
        }

        await SettleCopyAsync();
        _copying = CopyAsync(connection, table, values, keys, cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, TableShape table, object?[][] values, int[]? keys, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var columns = keys is null ? table.ColumnList : $"{table.KeyColumn}, {table.ColumnList}";
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var r = 0; r < values.Length; r++)
        {
            await importer.StartRowAsync(cancellationToken);
            if (keys is not null)
            {
                await importer.WriteAsync(keys[r], NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            }

            var row = values[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is { } value)
                {
                    await importer.WriteAsync(value, table.Columns[c].Mapping.StoreTypeNameBase, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Waits for the <c>COPY</c> sent last (its error, if any, is thrown here).</summary>
    private async Task SettleCopyAsync()
    {
        if (_copying is { } copying)
        {
            _copying = null;
            await copying;
        }
    }

    /// <summary>
    /// Runs a public method's work and returns only when every row it sent is written: the caller may commit, or use the
    /// connection, right after. When the work fails, a <c>COPY</c> still running is waited for (its own error dropped)
    /// before the first error is thrown, so the connection is free for the rollback.
    /// </summary>
    private async Task<TResult> SettledAsync<TResult>(Func<Task<TResult>> work)
    {
        TResult result;
        try
        {
            result = await work();
        }
        catch
        {
            if (_copying is { } copying)
            {
                _copying = null;
                try
                {
                    await copying;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
                {
                    // The work's own error is the one to report.
                }
            }

            throw;
        }

        await SettleCopyAsync();
        return result;
    }

    /// <summary>
    /// PostgreSQL: <paramref name="count"/> new keys taken from the key column's identity sequence in one round trip, in
    /// ascending order (as the rows would have got them one by one). Each <c>nextval</c> is the caller's alone, whatever else
    /// inserts at the same time: a later insert through EF draws the next value of the same sequence, so it never collides with
    /// them. Keys of a transaction that rolls back are lost, as with any identity value.
    /// </summary>
    private async Task<int[]> ReserveKeysAsync(NpgsqlConnection connection, TableShape table, int count, CancellationToken cancellationToken)
    {
        await SettleCopyAsync();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        // pg_get_serial_sequence once, in the subquery, not once a row; the table name is given quoted, the column as is.
        await using var command = new NpgsqlCommand(
            "SELECT nextval(s.seq) FROM (SELECT pg_get_serial_sequence(@table, @column)::regclass AS seq) s, generate_series(1, @count)",
            connection);
        command.Parameters.AddWithValue("table", table.Name);
        command.Parameters.AddWithValue("column", Undelimit(table.KeyColumn));
        command.Parameters.AddWithValue("count", count);
        var keys = new int[count];
        var k = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys[k++] = checked((int)reader.GetInt64(0));
            }
        }

        if (k != count)
        {
            throw new InvalidOperationException($"{table.Name}: {k} keys reserved of {count}.");
        }

        Array.Sort(keys);
        return keys;
    }

    /// <summary>A column name as PostgreSQL's catalog holds it: <c>"Id"</c> → <c>Id</c>.</summary>
    private static string Undelimit(string delimited) =>
        delimited.Length >= 2 && delimited[0] == '"' && delimited[^1] == '"' ? delimited[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : delimited;

    private int RowsPerStatement(TableShape table) =>
        Math.Max(1, Math.Min(_dialect.MaxRowsPerStatement, _dialect.MaxParameters / Math.Max(1, table.Columns.Count)));

    /// <summary>The value <paramref name="column"/> stores for <paramref name="entity"/>: the owner's key for the foreign key to it, else the property's value after the EF value converter.</summary>
    private static object? ProviderValue(Column column, object entity, object? owner)
    {
        var value = column.IsOwnerKey ? owner : column.Getter?.GetClrValue(entity);
        return value is not null && column.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static long StepRow(SqliteRowStatement statement, TableShape table, object entity, object? owner)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            if (column.Bind is { } bind)
            {
                bind(statement, c + 1, entity);
            }
            else
            {
                statement.Bind(c + 1, ProviderValue(column, entity, owner));
            }
        }

        return statement.Step();
    }

    /// <summary>
    /// SQLite: binds a column's value read from the entity as its CLR type, through the value converter's expression, to the
    /// typed binding of its provider type — no value boxed, no type switch: ~10% less CPU a project's rows than boxing each value (3,000 projects, Release).
    /// Null for a shadow property and provider types without a typed binding (they take
    /// <see cref="SqliteRowStatement.Bind(int, object?)"/>). Either way the bound values are the same.
    /// </summary>
    private static ColumnBinder? TypedBinder(IProperty property, ValueConverter? converter)
    {
        if (property.IsShadowProperty() || property.IsIndexerProperty()
            || property.GetMemberInfo(forMaterialization: false, forSet: false) is not { } member)
        {
            return null;
        }

        var statement = Expression.Parameter(typeof(SqliteRowStatement), "statement");
        var index = Expression.Parameter(typeof(int), "index");
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Variable(member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType, "value");
        var modelType = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        Expression present = Nullable.GetUnderlyingType(value.Type) is null ? value : Expression.Property(value, "Value");
        if (converter is not null)
        {
            if (converter.ModelClrType != modelType)
            {
                return null;
            }

            present = ReplacingVisitor.Replace(converter.ConvertToProviderExpression, present);
        }

        var call = present.Type switch
        {
            var t when t == typeof(string) => Expression.Call(statement, nameof(SqliteRowStatement.BindText), null, index, present),
            var t when t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte) =>
                Expression.Call(statement, nameof(SqliteRowStatement.BindInt64), null, index, Expression.Convert(present, typeof(long))),
            var t when t == typeof(bool) =>
                Expression.Call(statement, nameof(SqliteRowStatement.BindInt64), null, index, Expression.Condition(present, Expression.Constant(1L), Expression.Constant(0L))),
            var t when t == typeof(double) => Expression.Call(statement, nameof(SqliteRowStatement.BindDouble), null, index, present),
            var t when t == typeof(decimal) => Expression.Call(statement, nameof(SqliteRowStatement.BindDecimal), null, index, present),
            _ => null,
        };
        if (call is null)
        {
            return null;
        }

        // Null (a reference or an empty nullable) binds NULL before any conversion, as ProviderValue does.
        Expression body = value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null
            ? call
            : Expression.IfThenElse(Expression.Equal(value, Expression.Constant(null, value.Type)),
                Expression.Call(statement, nameof(SqliteRowStatement.BindNull), null, index), call);
        var read = Expression.Assign(value, Expression.MakeMemberAccess(Expression.Convert(entity, member.DeclaringType!), member));
        return Expression.Lambda<ColumnBinder>(Expression.Block([value], read, body), statement, index, entity).Compile();
    }

    /// <summary>
    /// The typed binder of <paramref name="property"/> (<see cref="TypedBinder"/>), compiled once per property of a model: a
    /// writer is made for every import, rating and seed batch, and compiling a binder for each column each time would cost
    /// every one of them. Held weakly, so a model that is dropped takes its binders with it.
    /// </summary>
    private static ColumnBinder? Binder(IProperty property) =>
        Binders.GetValue(property, static p => new StrongBox<ColumnBinder?>(TypedBinder(p, p.GetRelationalTypeMapping().Converter))).Value;

    /// <summary>Binds one column of an entity's row (<see cref="TypedBinder"/>).</summary>
    private delegate void ColumnBinder(SqliteRowStatement statement, int index, object entity);

    /// <summary>Puts an expression in place of a lambda's one parameter (a value converter's body applied to a member read).</summary>
    private sealed class ReplacingVisitor(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        public static Expression Replace(LambdaExpression lambda, Expression replacement) =>
            new ReplacingVisitor(lambda.Parameters.Single(), replacement).Visit(lambda.Body);

        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }

    private SqliteRowStatement SqliteStatement(TableShape table)
    {
        if (!_sqliteStatements.TryGetValue(table, out var statement))
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                // The context closes a connection it opened itself when it is disposed.
                _db.Database.OpenConnection();
            }

            var placeholders = string.Join(", ", table.Columns.Select((_, k) => "?" + (k + 1).ToString(CultureInfo.InvariantCulture)));
            statement = new SqliteRowStatement((SqliteConnection)_connection, $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({placeholders})");
            _sqliteStatements[table] = statement;
        }

        return statement;
    }

    /// <summary>The prepared multi-row insert of rows[start .. start+count), its parameters set, in the context's current transaction.</summary>
    private DbCommand Command(TableShape table, IReadOnlyList<(object Entity, object? Owner)> rows, int start, int count, bool returning)
    {
        if (!_commands.TryGetValue((table, count, returning), out var command))
        {
            command = _connection.CreateCommand();
            var text = new StringBuilder().Append("INSERT INTO ").Append(table.Name).Append(" (").Append(table.ColumnList).Append(')');
            var returned = returning ? (IReadOnlyList<string>)[table.KeyColumn, .. (table.Unique ?? []).Select(c => table.Columns[c].Name)] : [];
            text.Append(_dialect.OutputClause(returned)).Append(" VALUES ");
            var p = 0;
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var name = "@p" + p.ToString(CultureInfo.InvariantCulture);
                    p++;
                    text.Append(c == 0 ? string.Empty : ", ").Append(name);
                    command.Parameters.Add(table.Columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
                }

                text.Append(')');
            }

            text.Append(_dialect.ReturningClause(returned));
            command.CommandText = text.ToString();
            _commands[(table, count, returning)] = command;
        }

        var parameters = command.Parameters;
        var index = 0;
        for (var r = start; r < start + count; r++)
        {
            var (entity, owner) = rows[r];
            foreach (var column in table.Columns)
            {
                parameters[index++].Value = ProviderValue(column, entity, owner) ?? DBNull.Value;
            }
        }

        // Read now, not when the writer was made: a caller may run one transaction a batch with the same writer.
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private TableShape Table(IEntityType type, IProperty? ownerKey)
    {
        if (_tables.TryGetValue((type, ownerKey), out var shape))
        {
            return shape;
        }

        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Single();
        var generatedKey = key.ValueGenerated == ValueGenerated.OnAdd;
        var columns = type.GetProperties().Where(p => !(p == key && generatedKey))
            .Select(p => new Column(
                _dialect.Delimit(p.GetColumnName(table)!),
                p == ownerKey,
                p.IsShadowProperty() ? null : p.GetGetter(),
                p.GetRelationalTypeMapping().Converter,
                p.GetRelationalTypeMapping(),
                _dialect.StepsRows && p != ownerKey ? Binder(p) : null))
            .ToList();
        if (_dialect.StepsRows)
        {
            foreach (var (property, column) in type.GetProperties().Where(p => !(p == key && generatedKey)).Zip(columns))
            {
                var providerType = column.Mapping.Converter?.ProviderClrType ?? column.Mapping.ClrType;
                if (!SqliteRowStatement.Supports(providerType))
                {
                    throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: {providerType} values are not written by the bulk path on SQLite.");
                }
            }
        }

        // A unique index of stored, non-null values lets many roots go in one statement and their new keys be matched.
        var unique = type.GetIndexes()
            .Where(i => i.IsUnique && i.Properties.All(p => p != key && !p.IsNullable && !p.IsShadowProperty()))
            .OrderBy(i => i.Properties.Count)
            .Select(i => (IReadOnlyList<int>)[.. i.Properties.Select(p => columns.FindIndex(c => c.Name == _dialect.Delimit(p.GetColumnName(table)!)))])
            .FirstOrDefault();
        shape = new TableShape(
            _dialect.Delimit(table.Name, table.Schema), _dialect.Delimit(key.GetColumnName(table)!), columns,
            string.Join(", ", columns.Select(c => c.Name)), generatedKey, generatedKey ? null : key.GetGetter(), unique);
        _tables[(type, ownerKey)] = shape;
        return shape;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _sqliteStatements.Values)
        {
            statement.Dispose();
        }

        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }

    private sealed record Column(string Name, bool IsOwnerKey, IClrPropertyGetter? Getter, ValueConverter? Converter, RelationalTypeMapping Mapping, ColumnBinder? Bind);

    private sealed record TableShape(string Name, string KeyColumn, IReadOnlyList<Column> Columns, string ColumnList, bool GeneratedKey, IClrPropertyGetter? KeyGetter, IReadOnlyList<int>? Unique);
}
