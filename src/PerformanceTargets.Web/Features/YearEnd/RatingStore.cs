using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PerformanceTargets.Domain.Evaluation;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Data.Configurations;

namespace PerformanceTargets.Web.Features.YearEnd;

/// <summary>
/// The set-based SQL behind <see cref="RatingCalculator"/>: reads the columns a rating needs of a batch of projects and their
/// indicators in one ordered query (no change tracker, none of a project's other parts), reads what rescoring compares of
/// their stored ratings with another, deletes the batch's stored ratings with two statements, and inserts the new ones
/// through the one bulk writer (<see cref="BulkInserter"/>: stepped rows on SQLite, multi-row <c>INSERT</c>s with the new
/// keys matched by project id elsewhere). Table and column names come from the EF Core model. Commands run on the context's
/// connection, in its current transaction.
/// </summary>
internal sealed class RatingStore : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly DbConnection _connection;
    private readonly bool _ownConnection;
    private readonly BulkInserter _writer;
    private readonly string _readSql;
    private readonly string _projectsOfYear;
    private readonly string _projectId;
    private readonly string _indicatorProject;
    private readonly string _ratingProjectColumn;
    private readonly string _ratingTable;
    private readonly string _indicatorRatingTable;
    private readonly string _indicatorRatingForeignKey;
    private readonly string _ratingKey;
    private readonly string _storedSql;
    private readonly bool _literalIds;

    /// <summary>
    /// A store running its commands on the context's connection, or on <paramref name="ownConnection"/> (outside the
    /// context's transaction; the store disposes it): a second connection that reads while the context's one writes.
    /// </summary>
    public RatingStore(AppDbContext db, DbConnection? ownConnection = null)
    {
        _db = db;
        _connection = ownConnection ?? db.Database.GetDbConnection();
        _ownConnection = ownConnection is not null;
        _literalIds = db.Database.IsNpgsql();
        _writer = new BulkInserter(db);

        var p = SqlTable.Of<BudgetProject>(db, "p");
        var i = SqlTable.Of<Indicator>(db, "i");
        _projectId = p[nameof(BudgetProject.Id)];
        _projectsOfYear = $"SELECT {p[nameof(BudgetProject.Id)]} FROM {p.From} WHERE {p[nameof(BudgetProject.Year)]} = @year "
            + $"AND {p[nameof(BudgetProject.Id)]} >= {{0}} AND {p[nameof(BudgetProject.Id)]} <= {{1}}";

        // Column order is what ReadAsync reads: 0-4 the project, 5-13 the indicator (all null when it has none). The batch's
        // selection is stated on the indicators too ({1}): without it PostgreSQL joined by hashing the whole year's indicators
        // for every batch (a sequential scan of the table, 20 times at 10,000 projects), where it now reads the batch's by index.
        _indicatorProject = i[ProjectConfiguration.ProjectForeignKey];
        _readSql = $"SELECT {p[nameof(BudgetProject.Id)]}, {p[nameof(BudgetProject.UnitId)]}, {p[nameof(BudgetProject.Version)]}, "
            + $"{p[nameof(BudgetProject.Budget)]}, {p[nameof(BudgetProject.Executed)]}, "
            + $"{i[nameof(Indicator.Order)]}, {i[nameof(Indicator.Level1)]}, {i[nameof(Indicator.Level2)]}, {i[nameof(Indicator.Name)]}, "
            + $"{i[nameof(Indicator.Value)]}, {i[nameof(Indicator.Weight)]}, {i[nameof(Indicator.Actual)]}, {i[nameof(Indicator.ActualScore)]}, "
            + $"{i[nameof(Indicator.DeviationReason)]} "
            + $"FROM {p.From} LEFT JOIN {i.From} "
            + $"ON {i[ProjectConfiguration.ProjectForeignKey]} = {p[nameof(BudgetProject.Id)]} AND {{1}} "
            + $"WHERE {p[nameof(BudgetProject.Year)]} = @year AND {{0}} "
            + $"ORDER BY {p[nameof(BudgetProject.Id)]}, {i[nameof(Indicator.Order)]}, {i[nameof(Indicator.Id)]}";

        var r = SqlTable.Of<ProjectRating>(db, "r");
        var indicatorRatings = SqlTable.Of<IndicatorRating>(db, "ir");
        _ratingTable = r.Name;
        _indicatorRatingTable = indicatorRatings.Name;
        _ratingKey = r.KeyColumn;
        _ratingProjectColumn = r.Column(nameof(ProjectRating.ProjectId));
        _indicatorRatingForeignKey = indicatorRatings.Column(nameof(IndicatorRating.ProjectRatingId));

        // Column order is what ReadStoredAsync reads.
        _storedSql = $"SELECT {r[nameof(ProjectRating.ProjectId)]}, {r[nameof(ProjectRating.ProjectVersion)]}, {r[nameof(ProjectRating.ResultHash)]}, "
            + $"{r[nameof(ProjectRating.Settings)]} FROM {r.From} WHERE {r[nameof(ProjectRating.Year)]} = @year AND {{0}}";
    }

    /// <summary>
    /// A batch of projects of one year, in id order: the year's projects with ids from the first to the last (<see cref="WholeYear"/>:
    /// every project of the year in that range belongs to the batch), or exactly <see cref="Ids"/>.
    /// </summary>
    public sealed record Batch(int Year, int[] Ids, bool WholeYear);

    /// <summary>The batch's projects of its year with their indicators (in <c>Order</c>), in project id order.</summary>
    public async Task<List<RatingInputs>> ReadAsync(Batch batch, CancellationToken cancellationToken)
    {
        await using var command = Command(string.Format(CultureInfo.InvariantCulture, _readSql, Selection(batch, _projectId, ofYear: false),
            Selection(batch, _indicatorProject, ofYear: false)));
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
                head = (reader.GetInt32(1), reader.GetGuid(2), reader.GetDecimal(3), reader.GetDecimalOrNull(4));
            }

            if (reader.IsDBNull(5))
            {
                continue;
            }

            indicators.Add(new Indicator(reader.GetString(6), reader.GetString(7), reader.GetString(8), string.Empty, reader.GetString(9), string.Empty)
            {
                Order = reader.GetInt32(5),
                Weight = reader.GetDecimalOrNull(10),
                Actual = reader.GetStringOrNull(11),
                ActualScore = reader.GetDecimalOrNull(12),
                DeviationReason = reader.GetStringOrNull(13),
            });
        }

        if (current >= 0)
        {
            result.Add(new RatingInputs(current, head.UnitId, batch.Year, head.Version, head.Budget, head.Executed, indicators));
        }

        return result;
    }

    /// <summary>
    /// The stored ratings of the batch's year and projects, by project id: what rescoring compares (result hash) and re-stamps
    /// (settings, version). One plain query, without the change tracker or a rating's other columns.
    /// </summary>
    public async Task<Dictionary<int, StoredRating>> ReadStoredAsync(Batch batch, CancellationToken cancellationToken)
    {
        await using var command = Command(string.Format(CultureInfo.InvariantCulture, _storedSql, Selection(batch, "r." + _ratingProjectColumn, ofYear: false)));
        Add(command, "@year", batch.Year);
        AddSelectionParameters(command, batch, ofYear: false);
        var result = new Dictionary<int, StoredRating>(batch.Ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rating = new StoredRating(reader.GetInt32(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3));
            result.Add(rating.ProjectId, rating);
        }

        return result;
    }

    /// <summary>A stored rating as <see cref="ReadStoredAsync"/> reads it.</summary>
    public sealed record StoredRating(int ProjectId, Guid ProjectVersion, long ResultHash, string Settings);

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

    /// <summary>Inserts <paramref name="ratings"/> (new, one per project) with their indicator ratings, through the one bulk writer.</summary>
    public async Task InsertAsync(IReadOnlyList<ProjectRating> ratings, CancellationToken cancellationToken) =>
        await _writer.InsertGraphsAsync(ratings, cancellationToken);

    /// <summary>
    /// The condition on a project id <paramref name="column"/> that selects the batch: an id range (and, when
    /// <paramref name="ofYear"/>, the year's projects only) for a whole year's batch, else the ids themselves.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the ids are written into the SQL as integer literals, not parameters: the same statement run batch after
    /// batch is prepared by Npgsql, and after five runs PostgreSQL may keep one generic plan for it, planned from the
    /// statistics of the moment. A year's first rating starts with the ratings table analysed empty, so the generic plan of
    /// the stored-ratings read was a sequential scan, kept while the table grew: every batch read every rating written so far
    /// (~0.1 s a batch at 10,000 projects, growing with the square of the year). Each batch's own text is planned with its ids.
    /// </remarks>
    private string Selection(Batch batch, string column, bool ofYear)
    {
        if (!batch.WholeYear)
        {
            return $"{column} IN ({string.Join(", ", batch.Ids.Select((_, k) => Id(batch, k, "@id" + k.ToString(CultureInfo.InvariantCulture))))})";
        }

        var (first, last) = (Id(batch, 0, "@first"), Id(batch, batch.Ids.Length - 1, "@last"));
        return $"{column} >= {first} AND {column} <= {last}"
            + (ofYear ? $" AND {column} IN ({string.Format(CultureInfo.InvariantCulture, _projectsOfYear, first, last)})" : string.Empty);
    }

    /// <summary>The batch's k-th id as it goes in the SQL: a literal on PostgreSQL (see <see cref="Selection"/>), else the parameter.</summary>
    private string Id(Batch batch, int k, string parameter) =>
        _literalIds ? batch.Ids[k].ToString(CultureInfo.InvariantCulture) : parameter;

    private void AddSelectionParameters(DbCommand command, Batch batch, bool ofYear)
    {
        if (_literalIds)
        {
            if (batch.WholeYear && ofYear)
            {
                Add(command, "@year", batch.Year);
            }

            return;
        }

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
        command.Transaction = _ownConnection ? null : _db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 0;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownConnection)
        {
            await _connection.DisposeAsync();
        }
    }
}
