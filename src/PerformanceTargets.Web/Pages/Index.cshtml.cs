using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Security;
using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Pages;

/// <summary>Home: a unit's year — its projects (search, status filter, paging, 预算数 totals) and its overall goal and sub-goals.</summary>
public class IndexModel(AppDbContext db, UnitScope scope) : PageModel
{
    public const int PageSize = 20;

    private static readonly CompiledQuery<int, int, PlanVersion?> FindPlan = new(
        (context, unitId, year) => context.UnitPlans
            .Where(p => p.UnitId == unitId && p.Year == year)
            .Select(p => new PlanVersion(p.Id, p.Version))
            .FirstOrDefault());

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A unit picked by its code, where there are too many units to list.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UnitCode { get; set; }

    /// <summary>Up to this many units are offered in a list; more are picked by code.</summary>
    public const int UnitListLimit = 200;

    public int UnitCount { get; private set; }

    /// <summary>Search in 项目编码 and 项目名称.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProjectStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Unit? CurrentUnit { get; private set; }

    public int CurrentYear { get; private set; }

    /// <summary>The unit's overall goal of the year, if any: its id and version (the section is rendered once per version, see <see cref="LoadPlanAsync"/>).</summary>
    public PlanVersion? Plan { get; private set; }

    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public decimal BudgetTotal { get; private set; }

    /// <summary>Projects of the filtered set whose 财政资金/其他资金 split is unknown: left out of <see cref="FiscalTotal"/> and <see cref="OtherTotal"/>.</summary>

    public int SplitUnknownCount { get; private set; }


    public decimal FiscalTotal { get; private set; }

    public decimal OtherTotal { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync()
    {
        // Six small queries: one connection for all of them instead of an open and close (and a pool lock) each.
        await db.Database.OpenConnectionAsync();
        if (Year is >= FiscalYear.MinYear and <= FiscalYear.MaxYear && string.IsNullOrWhiteSpace(UnitCode) && string.IsNullOrWhiteSpace(Q)
            && await ReadInOneCommandAsync(Year.Value))
        {
            return;
        }

        CurrentYear = await scope.ResolveYearAsync(Year);
        Years = await scope.YearsAsync(CurrentYear);
        UnitCount = await scope.CountVisibleUnitsAsync(User);
        Units = UnitCount <= UnitListLimit ? await scope.VisibleUnitsAsync(User) : [];
        CurrentUnit = await scope.ResolveUnitAsync(User, await scope.FindUnitIdAsync(UnitCode) ?? Unit);
        if (CurrentUnit is null)
        {
            return;
        }

        CanEdit = ProjectAccess.Can(User, WorkbenchAction.Edit, CurrentUnit.Id);
        Plan = await FindPlan.RunAsync(db, CurrentUnit.Id, CurrentYear);

        var query = db.Projects.AsNoTracking().Where(p => p.UnitId == CurrentUnit.Id && p.Year == CurrentYear);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = query.Where(p => p.Code.Contains(term) || p.Name.Contains(term));
        }

        if (Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        // Totals over the whole filtered set (not the page); summed here because SQLite cannot sum decimals.
        var amounts = await query.Select(p => new AmountRow(p.Budget, p.FiscalFunds, p.OtherFunds, p.FundsSplitUnknown)).ToListAsync();
        SetTotals(amounts);
        Projects = await PageOf(query).ToListAsync();
    }

    /// <summary>
    /// The page as one command (<see cref="ListSql"/>) when the year is given and nothing is searched (the list as a link
    /// or the filter opens it): the unit picker's statements (<see cref="UnitHeader"/>), the plan, the filtered set's amounts
    /// and the rows of the page asked for. On PostgreSQL that is one round trip instead of seven. False, having set nothing,
    /// when the unit asked for does not exist (it is resolved as before); the rows are read again when the page asked for
    /// is not a page of the list (it is clamped as before).
    /// </summary>
    private async Task<bool> ReadInOneCommandAsync(int year)
    {
        var header = new UnitHeader(User, Unit, UnitListLimit, years: true);
        if (header.UnitId is not { } unitId)
        {
            return false;
        }

        var guess = Math.Clamp(PageNumber, 1, 1_000_000);
        var parameters = new List<(string Name, object Value)>
        {
            ("@unit", unitId), ("@year", year), ("@take", PageSize), ("@skip", (guess - 1) * PageSize), ("@returned", nameof(ProjectStatus.Returned)),
        };
        if (Status is { } status)
        {
            parameters.Add(("@status", status.ToString()));
        }

        header.AddParameters(parameters);
        var sql = header.Sql(db) + ListSql.GetOrAdd((db.GetType(), Status is not null), shape => BuildListSql(db, shape.Status));
        var read = await ReadConnections.OnContextAsync(db, sql, parameters, async (reader, ct) =>
        {
            var picker = await header.ReadAsync(reader, ct);
            if (picker.Unit is null)
            {
                return null;
            }

            PlanVersion? plan = null;
            if (await reader.ReadAsync(ct))
            {
                plan = new PlanVersion(reader.GetInt32(0), reader.GetGuid(1));
            }

            await reader.NextResultAsync(ct);
            var amounts = new List<AmountRow>();
            while (await reader.ReadAsync(ct))
            {
                amounts.Add(new AmountRow(reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetBoolean(3)));
            }

            await reader.NextResultAsync(ct);
            var rows = new List<ProjectRow>(PageSize);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ProjectRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4),
                    reader.GetDecimal(5), Enum.Parse<ProjectStatus>(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetBoolean(8)));
            }

            return new { Picker = picker, Plan = plan, Amounts = amounts, Rows = rows };
        });
        if (read is null)
        {
            return false;
        }

        CurrentYear = year;
        Years = UnitScope.YearList(read.Picker.FiscalYears!, year);
        UnitCount = read.Picker.UnitCount;
        Units = read.Picker.Units;
        CurrentUnit = read.Picker.Unit;
        CanEdit = ProjectAccess.Can(User, WorkbenchAction.Edit, CurrentUnit!.Id);
        Plan = read.Plan;
        SetTotals(read.Amounts);
        if (PageNumber == guess)
        {
            Projects = read.Rows;
        }
        else
        {
            var query = db.Projects.AsNoTracking().Where(p => p.UnitId == unitId && p.Year == year);
            if (Status is { } filtered)
            {
                query = query.Where(p => p.Status == filtered);
            }

            Projects = await PageOf(query).ToListAsync();
        }

        return true;
    }

    private void SetTotals(List<AmountRow> amounts)
    {
        SplitUnknownCount = amounts.Count(a => a.FundsSplitUnknown);
        Total = amounts.Count;
        BudgetTotal = Domain.Amounts.Sum(amounts, a => a.Budget);
        // A project whose split is unknown is in the budget total, not in the split totals (its 0 / 0 means nothing).

        FiscalTotal = Domain.Amounts.Sum(amounts, a => a.FiscalFunds);
        OtherTotal = Domain.Amounts.Sum(amounts, a => a.OtherFunds);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
    }

    private IQueryable<ProjectRow> PageOf(IQueryable<BudgetProject> query) => query.OrderBy(p => p.Code)
        .Skip((PageNumber - 1) * PageSize).Take(PageSize)
        .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Budget, p.FiscalFunds, p.OtherFunds, p.Status,
            p.Status == ProjectStatus.Returned
                ? p.History.Where(h => h.To == ProjectStatus.Returned).OrderByDescending(h => EF.Property<int>(h, "Id")).Select(h => h.Comment).FirstOrDefault()
                : null, p.FundsSplitUnknown));

    // By context type (one per provider) and whether a status is filtered on.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Context, bool Status), string> ListSql = new();

    /// <summary>
    /// The plan, the amounts and the page's rows of <see cref="ReadInOneCommandAsync"/>: the statements EF Core makes of
    /// <see cref="FindPlan"/> and of the queries above, written out (names from the model, <see cref="SqlTable"/>).
    /// </summary>
    private static string BuildListSql(AppDbContext db, bool status)
    {
        var sqlServer = SqlTable.IsSqlServer(db);
        var plan = SqlTable.Of<UnitPlan>(db, "pl");
        var p = SqlTable.Of<BudgetProject>(db, "p");
        var h = SqlTable.OfOwned<BudgetProject>(db, nameof(BudgetProject.History), "h");
        var where = $"WHERE {p[nameof(BudgetProject.UnitId)]} = @unit AND {p[nameof(BudgetProject.Year)]} = @year"
            + (status ? $" AND {p[nameof(BudgetProject.Status)]} = @status" : string.Empty);
        var returned = $"{p[nameof(BudgetProject.Status)]} = @returned";
        var reason = $"SELECT {(sqlServer ? "TOP(1) " : string.Empty)}{h[nameof(ProjectHistoryEntry.Comment)]} FROM {h.From} "
            + $"WHERE {h[Infrastructure.Data.Configurations.ProjectConfiguration.ProjectForeignKey]} = {p[nameof(BudgetProject.Id)]} AND {h[nameof(ProjectHistoryEntry.To)]} = @returned "
            + $"ORDER BY {h["Id"]} DESC{(sqlServer ? string.Empty : " LIMIT 1")}";
        return $"SELECT {plan[nameof(UnitPlan.Id)]}, {plan[nameof(UnitPlan.Version)]} FROM {plan.From} "
            + $"WHERE {plan[nameof(UnitPlan.UnitId)]} = @unit AND {plan[nameof(UnitPlan.Year)]} = @year;\n"
            + $"SELECT {p[nameof(BudgetProject.Budget)]}, {p[nameof(BudgetProject.FiscalFunds)]}, {p[nameof(BudgetProject.OtherFunds)]}, "
            + $"{p[nameof(BudgetProject.FundsSplitUnknown)]} FROM {p.From} {where};\n"
            + $"SELECT {p[nameof(BudgetProject.Id)]}, {p[nameof(BudgetProject.Code)]}, {p[nameof(BudgetProject.Name)]}, {p[nameof(BudgetProject.Budget)]}, "
            + $"{p[nameof(BudgetProject.FiscalFunds)]}, {p[nameof(BudgetProject.OtherFunds)]}, {p[nameof(BudgetProject.Status)]}, "
            + $"CASE WHEN {returned} THEN ({reason}) END, {p[nameof(BudgetProject.FundsSplitUnknown)]} FROM {p.From} {where} "
            + $"ORDER BY {p[nameof(BudgetProject.Code)]}"
            + SqlTable.Page(db, "@take", "@skip");
    }

    private sealed record AmountRow(decimal Budget, decimal FiscalFunds, decimal OtherFunds, bool FundsSplitUnknown);

    /// <summary>The overall goal with its sub-goals, loaded only when the cache has no rendering of this version yet.</summary>
    public async Task<UnitPlan> LoadPlanAsync() =>
        await db.UnitPlans.AsNoTracking().Include(p => p.SubGoals).FirstAsync(p => p.Id == Plan!.Id);

    /// <summary>The query string of this list with one value changed, for paging links.</summary>
    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["unit"] = CurrentUnit?.Id.ToString(WebUiSetup.Culture) ?? string.Empty,
        ["year"] = CurrentYear.ToString(WebUiSetup.Culture),
        ["q"] = Q ?? string.Empty,
        ["status"] = Status?.ToString() ?? string.Empty,
        ["p"] = page.ToString(WebUiSetup.Culture),
    };

    /// <summary>A plan's id and version token (renewed by every save of the plan or its sub-goals).</summary>
    public sealed record PlanVersion(int Id, Guid Version);

    /// <summary>A row of the project list; <paramref name="ReturnReason"/> is the head's latest reason of an 已退回 project.</summary>
    public sealed record ProjectRow(int Id, string Code, string Name, decimal Budget, decimal FiscalFunds, decimal OtherFunds, ProjectStatus Status, string? ReturnReason = null, bool FundsSplitUnknown = false);
}
