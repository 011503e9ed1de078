using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// What a bulk statement must know of its provider: quoting (EF's <see cref="ISqlGenerationHelper"/>), how many parameters and
/// rows a statement may carry, how new keys come back (<c>OUTPUT INSERTED.…</c> before <c>VALUES</c> on SQL Server,
/// <c>RETURNING …</c> after them elsewhere), and whether rows are stepped one at a time through SQLite's API.
/// </summary>
internal sealed class BulkDialect
{
    private readonly ISqlGenerationHelper _sql;
    private readonly bool _outputBeforeValues;

    private BulkDialect(ISqlGenerationHelper sql, int maxParameters, int maxRows, bool outputBeforeValues, bool stepsRows)
    {
        _sql = sql;
        MaxParameters = maxParameters;
        MaxRowsPerStatement = maxRows;
        _outputBeforeValues = outputBeforeValues;
        StepsRows = stepsRows;
    }

    /// <summary>Most parameters a statement carries: below SQL Server's 2,100; PostgreSQL allows 65,535; SQLite binds one row at a time.</summary>
    public int MaxParameters { get; }

    /// <summary>Most rows a statement carries (SQL Server's table value constructor allows 1,000).</summary>
    public int MaxRowsPerStatement { get; }

    /// <summary>SQLite: one prepared single-row statement a table, stepped through SQLite's API (<see cref="SqliteRowStatement"/>).</summary>
    public bool StepsRows { get; }

    public static BulkDialect For(AppDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return db.Database.IsSqlite() ? new BulkDialect(sql, 999, 1, outputBeforeValues: false, stepsRows: true)
            : db.Database.IsSqlServer() ? new BulkDialect(sql, 2000, 1000, outputBeforeValues: true, stepsRows: false)
            : new BulkDialect(sql, 30000, 1000, outputBeforeValues: false, stepsRows: false);
    }

    public string Delimit(string name, string? schema = null) => _sql.DelimitIdentifier(name, schema);

    /// <summary>What goes between the column list and <c>VALUES</c> to return <paramref name="columns"/> (SQL Server).</summary>
    public string OutputClause(IReadOnlyList<string> columns) =>
        columns.Count == 0 || !_outputBeforeValues ? string.Empty : " OUTPUT " + string.Join(", ", columns.Select(c => "INSERTED." + c));

    /// <summary>What goes after the rows to return <paramref name="columns"/> (PostgreSQL, SQLite).</summary>
    public string ReturningClause(IReadOnlyList<string> columns) =>
        columns.Count == 0 || _outputBeforeValues ? string.Empty : " RETURNING " + string.Join(", ", columns);
}
