using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Publishing;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;
using PerformanceTargets.Web.Infrastructure.Security;

namespace PerformanceTargets.Web.Features.Publishing;

/// <summary>How a publish or withdraw request ended.</summary>
public enum PublishOutcome
{
    Done,

    /// <summary>The user may not publish (<see cref="Policies.Publish"/>).</summary>
    Forbidden,

    /// <summary>No such unit, or (withdrawing) nothing is published for it and the year.</summary>
    NotFound,

    /// <summary>The unit has no approved goal table of the year: nothing to publish.</summary>
    NothingApproved,
}

public sealed record PublishResult(PublishOutcome Outcome, int Projects = 0);

/// <summary>
/// 预算公开, the one way to publish or withdraw a unit's approved goal tables of a year, for every door (the admin page,
/// the API). Who may is one policy, <see cref="Policies.Publish"/> (系统管理员 and 财政审核), and for 财政审核 only the units
/// of its subtree (<see cref="InScope"/>). Publishing stores a snapshot (<see cref="Publication"/>): the unit's overall goal with its sub-goals and its
/// <b>approved</b> projects in code order — each as approved (<see cref="BudgetProject.ApprovedSnapshot"/>), drafts,
/// submitted and returned tables never — and, only when asked, the self-evaluation scores and grades. Both steps are
/// audited by the audit trail in the same save, and evict the public pages' output cache (<see cref="PublicSurface.CacheTag"/>).
/// </summary>
public sealed class Publisher(
    AppDbContext db,
    IAuthorizationService authorization,
    RatingsQuery ratings,
    AuditActor actor,
    IOutputCacheStore cache,
    UnitHierarchy tree,
    TimeProvider clock)
{
    public async Task<bool> MayPublishAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, Policies.Publish)).Succeeded;

    /// <summary>
    /// Whether <paramref name="user"/> publishes for unit <paramref name="unitId"/>: an admin every unit; a 财政审核 user the
    /// units of its subtree (its own unit and every unit below it), like its review scope.
    /// </summary>
    public bool InScope(ClaimsPrincipal user, int unitId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        return user.IsInRole(Roles.FinanceReviewer) && user.GetUnitId() is { } own && tree.IsInSubtree(own, unitId);
    }

    public async Task<PublishResult> PublishAsync(ClaimsPrincipal user, string unitCode, int year, bool withResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await MayPublishAsync(user))
        {
            return new PublishResult(PublishOutcome.Forbidden);
        }

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        if (unit is null || !InScope(user, unit.Id))
        {
            return new PublishResult(PublishOutcome.NotFound);
        }

        var plan = await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals)
            .FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.Year == year, cancellationToken);
        var approved = await db.Projects.AsNoTracking().AsSplitQuery().Include(p => p.Indicators)
            .Where(p => p.UnitId == unit.Id && p.Year == year && p.Status == ProjectStatus.Approved)
            .OrderBy(p => p.Code)
            .ToListAsync(cancellationToken);
        if (approved.Count == 0)
        {
            return new PublishResult(PublishOutcome.NothingApproved);
        }

        var content = DomainMapping.ToInterchange(unit, plan, []);
        content.Projects = [.. approved.Select(AsApproved)];
        var table = await db.DepartmentTables.AsNoTracking()
            .FirstOrDefaultAsync(t => t.UnitId == unit.Id && t.Year == year && t.Status == ProjectStatus.Approved, cancellationToken);
        content.DepartmentTable = table is null ? null : DepartmentMapping.ToInterchange(table);
        var document = DomainMapping.ToDocument(year, [content]);

        string? results = null;
        if (withResults)
        {
            var stored = (await ratings.StoredOfUnitAsync(year, unit.Id, cancellationToken)).Projects;
            results = PublishedUnit.WriteResults([.. approved
                .Where(p => stored.TryGetValue(p.Id, out var r) && r.Grade is not null)
                .Select(p => new PublishedResult(p.Code, DomainMapping.Trimmed(stored[p.Id].Score), stored[p.Id].Grade!))]);
        }

        var name = actor.Name;
        var at = clock.GetUtcNow();
        foreach (var live in await db.Publications.Where(p => p.UnitId == unit.Id && p.Year == year && p.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            live.Withdraw(name, at);
        }

        actor.Operation = $"publish {year} {unit.Code}";
        db.Publications.Add(new Publication(unit.Id, year, InterchangeJson.Serialize(document), results, name, at));
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictByTagAsync(PublicSurface.CacheTag, cancellationToken);
        return new PublishResult(PublishOutcome.Done, approved.Count);
    }

    public async Task<PublishResult> WithdrawAsync(ClaimsPrincipal user, string unitCode, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await MayPublishAsync(user))
        {
            return new PublishResult(PublishOutcome.Forbidden);
        }

        var live = await db.Publications
            .Where(p => p.Year == year && p.WithdrawnAt == null)
            .Join(db.Units.Where(u => u.Code == unitCode), p => p.UnitId, u => u.Id, (p, _) => p)
            .ToListAsync(cancellationToken);
        live.RemoveAll(p => !InScope(user, p.UnitId));
        if (live.Count == 0)
        {
            return new PublishResult(PublishOutcome.NotFound);
        }

        var at = clock.GetUtcNow();
        foreach (var publication in live)
        {
            publication.Withdraw(actor.Name, at);
        }

        actor.Operation = $"withdraw {year} {unitCode}";
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictByTagAsync(PublicSurface.CacheTag, cancellationToken);
        return new PublishResult(PublishOutcome.Done);
    }

    /// <summary>The table as approved: the approval snapshot's project when it holds this project, else the stored table (it is approved and unchanged).</summary>
    private static InterchangeProject AsApproved(BudgetProject project)
    {
        if (project.ApprovedSnapshot is { Length: > 2 } snapshot)
        {
            var read = InterchangeJson.Read(snapshot, "snapshot.json");
            if (read.Document?.Units.SelectMany(u => u.Projects).FirstOrDefault(p => p.Code == project.Code) is { } approved)
            {
                approved.Status = nameof(ProjectStatus.Approved);
                return approved;
            }
        }

        return DomainMapping.ToInterchange(project);
    }
}
