using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data.Configurations;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Infrastructure.Data;

/// <summary>
/// The one database context: domain aggregates, Identity and data-protection keys live together, so a reviewer is a real foreign key.
/// Each provider has a subclass with its own migrations set (see <see cref="SqliteAppDbContext"/> and its siblings):
/// <c>dotnet ef migrations add NAME --project src/PerformanceTargets.Web --context SqliteAppDbContext --output-dir Infrastructure/Data/Migrations/Sqlite</c>
/// (likewise <c>SqlServerAppDbContext</c> → <c>Migrations/SqlServer</c>, <c>PostgreSqlAppDbContext</c> → <c>Migrations/PostgreSql</c>).
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext, Auditing.IAuditedContext
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// Who is making this scope's changes, read by <see cref="Auditing.AuditInterceptor"/> through <see cref="Auditing.IAuditedContext"/>. Contexts are pooled, so the
    /// scope that rents one sets it (see <see cref="DatabaseSetup"/>); null means <see cref="Auditing.AuditActor.System"/>.
    /// </summary>
    public Auditing.AuditActor? Actor { get; set; }

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<FiscalYear> FiscalYears => Set<FiscalYear>();

    public DbSet<YearSettings> YearSettings => Set<YearSettings>();

    /// <summary>Per-year scoring rules of the 部门整体自评 that differ from the project settings (none: the project settings apply).</summary>
    public DbSet<DepartmentYearSettings> DepartmentYearSettings => Set<DepartmentYearSettings>();

    public DbSet<UnitPlan> UnitPlans => Set<UnitPlan>();

    public DbSet<BudgetProject> Projects => Set<BudgetProject>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    /// <summary>The 部门整体支出绩效目标表 of each unit and year.</summary>
    public DbSet<Domain.Department.DepartmentTable> DepartmentTables => Set<Domain.Department.DepartmentTable>();

    public DbSet<Domain.Evaluation.ProjectRating> ProjectRatings => Set<Domain.Evaluation.ProjectRating>();

    public DbSet<Domain.Evaluation.IndicatorRating> IndicatorRatings => Set<Domain.Evaluation.IndicatorRating>();

    public DbSet<Domain.Evaluation.SubGoalRating> SubGoalRatings => Set<Domain.Evaluation.SubGoalRating>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The indicator library (指标库): standard indicators and candidates from imports and saved projects.</summary>
    public DbSet<Domain.Library.LibraryIndicator> LibraryIndicators => Set<Domain.Library.LibraryIndicator>();

    /// <summary>The append-only audit trail, written by <see cref="Auditing.AuditInterceptor"/>.</summary>
    public DbSet<Auditing.AuditEntry> AuditEntries => Set<Auditing.AuditEntry>();

    /// <summary>Mid-year 绩效运行监控 rounds (an admin opens one for a year and period 1–m月).</summary>
    public DbSet<Domain.Monitoring.MonitoringRound> MonitoringRounds => Set<Domain.Monitoring.MonitoringRound>();

    /// <summary>A unit's monitoring entry for one approved project in a round, with its indicator rows and review history.</summary>
    public DbSet<Domain.Monitoring.ProjectMonitoring> ProjectMonitorings => Set<Domain.Monitoring.ProjectMonitoring>();

    /// <summary>Import previews waiting for their confirmation (<c>Features/Documents/ImportPreviewStore</c>).</summary>
    public DbSet<Features.Documents.ImportPreview> ImportPreviews => Set<Features.Documents.ImportPreview>();

    /// <summary>预算公开: what was published of a unit and year, and when it was withdrawn (<c>Features/Publishing</c>).</summary>
    public DbSet<Domain.Publishing.Publication> Publications => Set<Domain.Publishing.Publication>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyTokens();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every project or plan whose row or parts (indicators, goals, plan, sub-goals) changed gets a new version token,
    /// so a second writer still holding the old token gets a concurrency conflict instead of overwriting.
    /// </summary>
    private void RenewConcurrencyTokens()
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var projectIds = new HashSet<int>();
        var planIds = new HashSet<int>();
        var monitoringIds = new HashSet<int>();
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case BudgetProject project when entry.State == EntityState.Modified:
                    project.Version = Guid.NewGuid();
                    break;
                case UnitPlan plan when entry.State == EntityState.Modified:
                    plan.Version = Guid.NewGuid();
                    break;
                case Domain.Monitoring.ProjectMonitoring monitoring:
                    // Its ProjectId names the project it reports on, not a part of it: the project's version stays.
                    if (entry.State == EntityState.Modified)
                    {
                        monitoring.Version = Guid.NewGuid();
                    }

                    break;
                case var _ when entry.Metadata.FindProperty(ProjectMonitoringConfiguration.EntryForeignKey) is { } entryFk:
                    if (entry.Property(entryFk.Name).CurrentValue is int entryId)
                    {
                        monitoringIds.Add(entryId);
                    }

                    break;
                default:
                    if (entry.Metadata.FindProperty(ProjectConfiguration.ProjectForeignKey) is { } projectFk
                        && entry.Property(projectFk.Name).CurrentValue is int projectId)
                    {
                        projectIds.Add(projectId);
                    }
                    else if (entry.Metadata.FindProperty(UnitPlanConfiguration.PlanForeignKey) is { } planFk
                        && entry.Property(planFk.Name).CurrentValue is int planId)
                    {
                        planIds.Add(planId);
                    }

                    break;
            }
        }

        foreach (var entry in ChangeTracker.Entries<BudgetProject>()
                     .Where(e => e.State == EntityState.Unchanged && projectIds.Contains(e.Entity.Id)))
        {
            entry.Entity.Version = Guid.NewGuid();
        }

        foreach (var entry in ChangeTracker.Entries<UnitPlan>()
                     .Where(e => e.State == EntityState.Unchanged && planIds.Contains(e.Entity.Id)))
        {
            entry.Entity.Version = Guid.NewGuid();
        }

        foreach (var entry in ChangeTracker.Entries<Domain.Monitoring.ProjectMonitoring>()
                     .Where(e => e.State == EntityState.Unchanged && monitoringIds.Contains(e.Entity.Id)))
        {
            entry.Entity.Version = Guid.NewGuid();
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
