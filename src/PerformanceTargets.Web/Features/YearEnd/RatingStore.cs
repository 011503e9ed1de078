using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Data.Configurations;
using SQLitePCL;

namespace PerformanceTargets.Web.Features.YearEnd;

/// <summary>
/// The set-based SQL behind <see cref="RatingCalculator"/>: reads the columns a rating needs of a batch of projects and their
/// indicators in one ordered query (no change tracker, none of a project's other parts), deletes the batch's stored ratings
/// with two statements, and inserts the new ones: on SQL Server and PostgreSQL with prepared multi-row
/// <c>INSERT … VALUES (…), (…)</c> (new keys back through <c>OUTPUT</c>/<c>RETURNING</c>, matched by project id), on SQLite with
/// one prepared single-row statement a table stepped through SQLite's own API (<see cref="SqliteInsert"/>). Table and column
/// names and parameter types come from the EF Core model. Commands run on the context's connection, in its current transaction.
/// </summary>
internal sealed class RatingStore : IAsyncDisposable
{
    /// <summary>Parameters a multi-row insert may carry: below SQL Server's 2,100 (PostgreSQL allows 65,535).</summary>
    public const int MaxParameters = 2000;

    /// <summary>Rows a multi-row insert carries at most (SQL Server's table value constructor allows 1,000).</summary>
    public const int MaxRowsPerInsert = 1000;

    private readonly AppDbContext _db;
    private readonly DbConnection _connection;
    private readonly ISqlGenerationHelper _sql;
    private readonly bool _sqlServer;
    private readonly bool _sqlite;
    private readonly Table _ratings;
    private readonly Table _indicators;
    private readonly string _readSql;
    private readonly string _projectsOfYear;
    private readonly string _projectId;
    private readonly string _ratingProjectColumn;
    private readonly string _ratingTable;
    private readonly string _indicatorRatingTable;
    private readonly string _indicatorRatingForeignKey;
    private readonly string _ratingKey;
    private readonly Dictionary<(Table, int), DbCommand> _inserts = [];
    private readonly List<DbCommand> _commands = [];
    private SqliteInsert? _sqliteRatings;
    private SqliteInsert? _sqliteIndicators;

    public RatingStore(AppDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        _sql = db.GetService<ISqlGenerationHelper>();
        _sqlServer = db.Database.IsSqlServer();
        _sqlite = db.Database.IsSqlite();

        var project = db.Model.FindEntityType(typeof(BudgetProject))!;
        var indicator = db.Model.FindEntityType(typeof(Indicator))!;
        var projects = StoreObjectIdentifier.Table(project.GetTableName()!, project.GetSchema());
        var indicators = StoreObjectIdentifier.Table(indicator.GetTableName()!, indicator.GetSchema());
        string P(string property) => "p." + _sql.DelimitIdentifier(project.FindProperty(property)!.GetColumnName(projects)!);
        string I(string property) => "i." + _sql.DelimitIdentifier(indicator.FindProperty(property)!.GetColumnName(indicators)!);
        var projectTable = _sql.DelimitIdentifier(projects.Name, projects.Schema);
        _projectId = P(nameof(BudgetProject.Id));
        _projectsOfYear = $"SELECT {P(nameof(BudgetProject.Id))} FROM {projectTable} p WHERE {P(nameof(BudgetProject.Year))} = @year "
            + $"AND {P(nameof(BudgetProject.Id))} >= @first AND {P(nameof(BudgetProject.Id))} <= @last";

        // Column order is what ReadAsync reads: 0-4 the project, 5-13 the indicator (all null when it has none).
        _readSql = $"SELECT {P(nameof(BudgetProject.Id))}, {P(nameof(BudgetProject.UnitId))}, {P(nameof(BudgetProject.Version))}, "
            + $"{P(nameof(BudgetProject.Budget))}, {P(nameof(BudgetProject.Executed))}, "
            + $"{I(nameof(Indicator.Order))}, {I(nameof(Indicator.Level1))}, {I(nameof(Indicator.Level2))}, {I(nameof(Indicator.Name))}, "
            + $"{I(nameof(Indicator.Value))}, {I(nameof(Indicator.Weight))}, {I(nameof(Indicator.Actual))}, {I(nameof(Indicator.ActualScore))}, "
            + $"{I(nameof(Indicator.DeviationReason))} "
            + $"FROM {projectTable} p LEFT JOIN {_sql.DelimitIdentifier(indicators.Name, indicators.Schema)} i "
            + $"ON {I(ProjectConfiguration.ProjectForeignKey)} = {P(nameof(BudgetProject.Id))} "
            + $"WHERE {P(nameof(BudgetProject.Year))} = @year AND {{0}} "
            + $"ORDER BY {P(nameof(BudgetProject.Id))}, {I(nameof(Indicator.Order))}, {I(nameof(Indicator.Id))}";

        _ratings = new Table(db.Model.FindEntityType(typeof(ProjectRating))!, _sql);
        _indicators = new Table(db.Model.FindEntityType(typeof(IndicatorRating))!, _sql);
        _ratingTable = _ratings.Name;
        _indicatorRatingTable = _indicators.Name;
        _ratingKey = _ratings.KeyColumn;
        _ratingProjectColumn = _ratings.Column(nameof(ProjectRating.ProjectId));
        _indicatorRatingForeignKey = _indicators.Column(nameof(IndicatorRating.ProjectRatingId));
    }

    /// <summary>
    /// A batch of projects of one year, in id order: the year's projects with ids from the first to the last (<see cref="WholeYear"/>:
    /// every project of the year in that range belongs to the batch), or exactly <see cref="Ids"/>.
    /// </summary>
    public sealed record Batch(int Year, int[] Ids, bool WholeYear);

    /// <summary>The batch's projects of its year with their indicators (in <c>Order</c>), in project id order.</summary>
    public async Task<List<RatingInputs>> ReadAsync(Batch batch, CancellationToken cancellationToken)
    {
        await using var command = Command(string.Format(CultureInfo.InvariantCulture, _readSql, Selection(batch, _projectId, ofYear: false)));
        Add(command, "@year", batch.Year);
        AddSelectionParameters(command, batch, ofYear: false);
        var result = new List<RatingInputs>(batch.Ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var current = -1;
        (int UnitId, Guid Version, decimal Budget, decimal? Executed) head = default;
        var indicators = new List<Indicator>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            if (id != current)
            {
                if (current >= 0)
                {
                    result.Add(new RatingInputs(current, head.UnitId, batch.Year, head.Version, head.Budget, head.Executed, indicators));
                    indicators = [];
                }

                current = id;
                head = (reader.GetInt32(1), reader.GetGuid(2), reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4));
            }

            if (reader.IsDBNull(5))
            {
                continue;
            }

            indicators.Add(new Indicator(reader.GetString(6), reader.GetString(7), reader.GetString(8), string.Empty, reader.GetString(9), string.Empty)
            {
                Order = reader.GetInt32(5),
                Weight = reader.IsDBNull(10) ? null : reader.GetDecimal(10),
                Actual = reader.IsDBNull(11) ? null : reader.GetString(11),
                ActualScore = reader.IsDBNull(12) ? null : reader.GetDecimal(12),
                DeviationReason = reader.IsDBNull(13) ? null : reader.GetString(13),
            });
        }

        if (current >= 0)
        {
            result.Add(new RatingInputs(current, head.UnitId, batch.Year, head.Version, head.Budget, head.Executed, indicators));
        }

        return result;
    }

    /// <summary>Deletes the stored ratings (and their indicator ratings) of the batch's projects: two statements.</summary>
    public async Task DeleteAsync(Batch batch, CancellationToken cancellationToken)
    {
        var ratingsOfBatch = $"SELECT r.{_ratingKey} FROM {_ratingTable} r WHERE {Selection(batch, "r." + _ratingProjectColumn, ofYear: true)}";
        await using (var command = Command($"DELETE FROM {_indicatorRatingTable} WHERE {_indicatorRatingForeignKey} IN ({ratingsOfBatch})"))
        {
            AddSelectionParameters(command, batch, ofYear: true);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = Command($"DELETE FROM {_ratingTable} WHERE {Selection(batch, _ratingProjectColumn, ofYear: true)}"))
        {
            AddSelectionParameters(command, batch, ofYear: true);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts <paramref name="ratings"/> (new, one per project) with their indicator ratings.</summary>
    public async Task InsertAsync(IReadOnlyList<ProjectRating> ratings, CancellationToken cancellationToken)
    {
        if (_sqlite)
        {
            InsertSqlite(ratings);
            return;
        }

        var ids = new Dictionary<int, int>(ratings.Count);
        var projectRows = ratings.Select(r => ((object)r, (int?)null)).ToList();
        for (var start = 0; start < projectRows.Count; start += _ratings.RowsPerInsert)
        {
            var command = Insert(_ratings, projectRows, start, Math.Min(_ratings.RowsPerInsert, projectRows.Count - start), returning: true);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Matched by project id: the order of RETURNING/OUTPUT rows is not guaranteed.
                ids[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        var indicatorRows = new List<(object, int?)>(ratings.Count * 9);
        foreach (var rating in ratings)
        {
            var id = ids[rating.ProjectId];
            indicatorRows.AddRange(rating.Indicators.Select(i => ((object)i, (int?)id)));
        }

        for (var start = 0; start < indicatorRows.Count; start += _indicators.RowsPerInsert)
        {
            var command = Insert(_indicators, indicatorRows, start, Math.Min(_indicators.RowsPerInsert, indicatorRows.Count - start), returning: false);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The condition on a project id <paramref name="column"/> that selects the batch: an id range (and, when
    /// <paramref name="ofYear"/>, the year's projects only) for a whole year's batch, else the ids themselves.
    /// </summary>
    private string Selection(Batch batch, string column, bool ofYear) => batch.WholeYear
        ? $"{column} >= @first AND {column} <= @last" + (ofYear ? $" AND {column} IN ({_projectsOfYear})" : string.Empty)
        : $"{column} IN ({string.Join(", ", batch.Ids.Select((_, k) => "@id" + k.ToString(CultureInfo.InvariantCulture)))})";

    private static void AddSelectionParameters(DbCommand command, Batch batch, bool ofYear)
    {
        if (batch.WholeYear)
        {
            if (ofYear)
            {
                Add(command, "@year", batch.Year);
            }

            Add(command, "@first", batch.Ids[0]);
            Add(command, "@last", batch.Ids[^1]);
            return;
        }

        for (var k = 0; k < batch.Ids.Length; k++)
        {
            Add(command, "@id" + k.ToString(CultureInfo.InvariantCulture), batch.Ids[k]);
        }
    }

    private static void Add(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 0;
        return command;
    }

    /// <summary>
    /// SQLite: one prepared single-row statement a table, stepped through SQLite's own API on the context's connection (so in its
    /// transaction). Microsoft.Data.Sqlite costs ~10 µs an executed command (a data reader each time, each named parameter looked
    /// up by a linear search), multi-row parameter lists only make that worse, and SQLite inserts a row in ~1.5 µs.
    /// </summary>
    private void InsertSqlite(IReadOnlyList<ProjectRating> ratings)
    {
        _sqliteRatings ??= new SqliteInsert((SqliteConnection)_connection, $"INSERT INTO {_ratings.Name} ({_ratings.ColumnList}) VALUES ({Placeholders(_ratings)})");
        _sqliteIndicators ??= new SqliteInsert((SqliteConnection)_connection, $"INSERT INTO {_indicators.Name} ({_indicators.ColumnList}) VALUES ({Placeholders(_indicators)})");
        foreach (var rating in ratings)
        {
            var id = _sqliteRatings.Insert(_ratings, rating, null);
            foreach (var indicator in rating.Indicators)
            {
                _sqliteIndicators.Insert(_indicators, indicator, id);
            }
        }

        static string Placeholders(Table table) => string.Join(", ", table.Columns.Select((_, k) => "?" + (k + 1).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The prepared multi-row insert of <paramref name="count"/> of <paramref name="rows"/> from <paramref name="start"/>, its parameters set.</summary>
    private DbCommand Insert(Table table, List<(object Entity, int? ForeignKey)> rows, int start, int count, bool returning)
    {
        if (!_inserts.TryGetValue((table, count), out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = InsertSql(table, count, returning);
            command.CommandTimeout = 0;
            for (var p = 0; p < count * table.Columns.Count; p++)
            {
                var name = "@p" + p.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(table.Columns[p % table.Columns.Count].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            _inserts[(table, count)] = command;
            _commands.Add(command);
        }

        for (var row = 0; row < count; row++)
        {
            table.Bind(command, row, rows[start + row].Entity, rows[start + row].ForeignKey);
        }

        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private string InsertSql(Table table, int rows, bool returning)
    {
        var values = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            values.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                values.Append(c == 0 ? "@p" : ", @p").Append((row * table.Columns.Count) + c);
            }

            values.Append(')');
        }

        var into = $"INSERT INTO {table.Name} ({table.ColumnList})";
        return !returning ? $"{into} VALUES {values}"
            : _sqlServer ? $"{into} OUTPUT INSERTED.{_ratingProjectColumn}, INSERTED.{_ratingKey} VALUES {values}"
            : $"{into} VALUES {values} RETURNING {_ratingProjectColumn}, {_ratingKey}";
    }

    public async ValueTask DisposeAsync()
    {
        _sqliteRatings?.Dispose();
        _sqliteIndicators?.Dispose();
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }
    }

    /// <summary>A table's insertable columns (all but a generated key) with their type mappings, from the EF model.</summary>
    private sealed class Table
    {
        public Table(IEntityType type, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties.Single();
            Name = sql.DelimitIdentifier(table.Name, table.Schema);
            KeyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);
            Columns = [.. type.GetProperties().Where(p => p != key)
                .Select(p => new ColumnInfo(p, sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsForeignKey()))];
            ColumnList = string.Join(", ", Columns.Select(c => c.Name));
            RowsPerInsert = Math.Min(MaxRowsPerInsert, MaxParameters / Columns.Count);
        }

        public string Name { get; }

        public string KeyColumn { get; }

        public IReadOnlyList<ColumnInfo> Columns { get; }

        public string ColumnList { get; }

        public int RowsPerInsert { get; }

        public string Column(string property) => Columns.Single(c => c.Property.Name == property).Name;

        /// <summary>The value <paramref name="column"/> stores for <paramref name="entity"/> (after the EF value converter, if any).</summary>
        public static object? ProviderValue(ColumnInfo column, object entity, int? foreignKey)
        {
            var value = foreignKey is not null && column.IsForeignKey ? foreignKey : column.Getter.GetClrValue(entity);
            return value is not null && column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        /// <summary>Sets row <paramref name="row"/>'s parameters from <paramref name="entity"/>; a foreign key property takes <paramref name="foreignKey"/>.</summary>
        public void Bind(DbCommand command, int row, object entity, int? foreignKey)
        {
            var first = row * Columns.Count;
            for (var c = 0; c < Columns.Count; c++)
            {
                command.Parameters[first + c].Value = ProviderValue(Columns[c], entity, foreignKey) ?? DBNull.Value;
            }
        }
    }

    internal sealed record ColumnInfo(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool IsForeignKey);

    /// <summary>
    /// A prepared single-row insert stepped through SQLite's API. Values are bound as Microsoft.Data.Sqlite binds parameters
    /// (its SqliteValueBinder): integers as integers; strings, decimals (<c>0.0###…</c>), GUIDs (upper case) and dates as text;
    /// so what is stored is the same as through EF or <see cref="BulkInserter"/>.
    /// </summary>
    private sealed class SqliteInsert : IDisposable
    {
        /// <summary>How Microsoft.Data.Sqlite writes a decimal parameter.</summary>
        private const string DecimalFormat = "0.0###########################";

        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _statement;

        public SqliteInsert(SqliteConnection connection, string sql)
        {
            _handle = connection.Handle!;
            var rc = raw.sqlite3_prepare_v2(_handle, sql, out _statement);
            SqliteException.ThrowExceptionForRC(rc, _handle);
        }

        /// <summary>Inserts one row of <paramref name="table"/> from <paramref name="entity"/>; returns its new rowid.</summary>
        public int Insert(Table table, object entity, int? foreignKey)
        {
            // Text is bound as UTF-16 (SQLite converts it to the database's UTF-8 itself); decimals are formatted on the stack.
            Span<char> number = stackalloc char[64];
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var index = c + 1;
                var rc = Table.ProviderValue(table.Columns[c], entity, foreignKey) switch
                {
                    null => raw.sqlite3_bind_null(_statement, index),
                    string text => raw.sqlite3_bind_text16(_statement, index, text.AsSpan()),
                    int value => raw.sqlite3_bind_int64(_statement, index, value),
                    long value => raw.sqlite3_bind_int64(_statement, index, value),
                    bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
                    decimal value => value.TryFormat(number, out var length, DecimalFormat, CultureInfo.InvariantCulture)
                        ? raw.sqlite3_bind_text16(_statement, index, number[..length])
                        : raw.sqlite3_bind_text16(_statement, index, value.ToString(DecimalFormat, CultureInfo.InvariantCulture).AsSpan()),
                    Guid guid => raw.sqlite3_bind_text16(_statement, index, guid.ToString().ToUpperInvariant().AsSpan()),
                    DateTimeOffset at => raw.sqlite3_bind_text16(_statement, index, at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture).AsSpan()),
                    var other => throw new NotSupportedException($"{table.Name}: a {other.GetType()} value is not written by this path."),
                };
                SqliteException.ThrowExceptionForRC(rc, _handle);
            }

            var step = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, _handle);
            }

            return checked((int)raw.sqlite3_last_insert_rowid(_handle));
        }

        public void Dispose() => raw.sqlite3_finalize(_statement);
    }
}
