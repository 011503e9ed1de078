using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// A query of a hot page compiled once (no expression-tree translation and cache lookup per request), once per EF model:
/// EF refuses to run a compiled query against a second model, and one process can hold several (the tests run SQLite and
/// PostgreSQL apps side by side).
/// </summary>
public sealed class CompiledQuery<TResult>(Expression<Func<AppDbContext, TResult>> query)
{
    private readonly ConcurrentDictionary<IModel, Func<AppDbContext, Task<TResult>>> _compiled = new();

    public Task<TResult> RunAsync(AppDbContext db) => _compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query))(db);
}

/// <inheritdoc cref="CompiledQuery{TResult}"/>
public sealed class CompiledQuery<TParam, TResult>(Expression<Func<AppDbContext, TParam, TResult>> query)
{
    private readonly ConcurrentDictionary<IModel, Func<AppDbContext, TParam, Task<TResult>>> _compiled = new();

    public Task<TResult> RunAsync(AppDbContext db, TParam parameter) =>
        _compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query))(db, parameter);
}

/// <inheritdoc cref="CompiledQuery{TResult}"/>
public sealed class CompiledQuery<TParam1, TParam2, TResult>(Expression<Func<AppDbContext, TParam1, TParam2, TResult>> query)
{
    private readonly ConcurrentDictionary<IModel, Func<AppDbContext, TParam1, TParam2, Task<TResult>>> _compiled = new();

    public Task<TResult> RunAsync(AppDbContext db, TParam1 first, TParam2 second) =>
        _compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query))(db, first, second);
}
