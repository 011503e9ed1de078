using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PerformanceTargets.Domain.Plans;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;
using PerformanceTargets.Web.Infrastructure.Auditing;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Tests.Infrastructure;

namespace PerformanceTargets.Web.Tests.Foundation;

/// <summary>
/// The bulk path writes parts and plain rows as multi-row statements: every row and every column arrives, in order and
/// under the right owner, across the statement boundaries, on the real engine.
/// </summary>
public abstract class BulkInserterTests(AppFixture fixture)
{
    protected AppFixture Fixture => fixture;

    [Fact]
    public async Task Many_projects_arrive_with_every_part_and_column_under_their_own_ids()
    {
        var factory = await fixture.GetAsync();
        var prefix = "BK" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        // 37 projects × 9 indicators = 333 indicator rows: several full statements and a remainder on every provider.
        var projects = Enumerable.Range(0, 37).Select(i => Project(unitId, prefix, i)).ToList();

        var ids = await InsertCommittedAsync(factory, projects);

        Assert.Equal(projects.Count, ids.Distinct().Count());
        var stored = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Include(p => p.Indicators)
            .Where(p => p.Code.StartsWith(prefix)).ToListAsync());
        Assert.Equal(projects.Count, stored.Count);
        for (var i = 0; i < projects.Count; i++)
        {
            var expected = projects[i];
            var actual = Assert.Single(stored, p => p.Id == ids[i]);
            Assert.Equal((expected.Code, expected.Name, expected.Budget, expected.FiscalFunds, expected.OtherFunds, expected.Purpose, expected.Status, expected.Version, unitId, 2021),
                (actual.Code, actual.Name, actual.Budget, actual.FiscalFunds, actual.OtherFunds, actual.Purpose, actual.Status, actual.Version, actual.UnitId, actual.Year));
            Assert.Equal(expected.SpendingPlan.Select(c => (c.Month, c.CumulativePercent)), actual.SpendingPlan.OrderBy(c => c.Month).Select(c => (c.Month, c.CumulativePercent)));
            Assert.Equal(expected.Goals.Select(g => (g.Order, g.Text)), actual.Goals.OrderBy(g => g.Order).Select(g => (g.Order, g.Text)));
            Assert.Equal(
                expected.Indicators.Select(x => (x.Order, x.Level1, x.Level2, x.Name, x.Description, x.Value, x.Basis)),
                actual.Indicators.OrderBy(x => x.Order).Select(x => (x.Order, x.Level1, x.Level2, x.Name, x.Description, x.Value, x.Basis)));
        }
    }

    /// <summary>
    /// New keys follow the order the roots were given (as they do one row at a time), and a project EF Core saves afterwards
    /// gets a key none of them holds (on PostgreSQL the bulk keys are drawn from the identity sequence EF's inserts use).
    /// </summary>
    [Fact]
    public async Task Bulk_keys_ascend_in_the_order_given_and_a_later_ef_save_gets_a_new_key()
    {
        var factory = await fixture.GetAsync();
        var prefix = "BA" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        var projects = Enumerable.Range(0, 25).Select(i => Project(unitId, prefix, i)).ToList();

        var ids = await InsertCommittedAsync(factory, projects);
        var later = Project(unitId, prefix, 99);
        var laterId = await factory.WithDbAsync(async db =>
        {
            db.Projects.Add(later);
            await db.SaveChangesAsync();
            return later.Id;
        });

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.True(laterId > ids[^1], $"EF's key {laterId} after bulk keys up to {ids[^1]}");
        var stored = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Where(p => p.Code.StartsWith(prefix))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, Indicators = p.Indicators.Count }).ToListAsync());
        Assert.Equal([.. projects.Select(p => p.Code), later.Code], stored.Select(p => p.Code));
        Assert.Equal([.. ids, laterId], stored.Select(p => p.Id));
        Assert.All(stored, p => Assert.Equal(9, p.Indicators));
    }

    [Fact]
    public async Task One_graph_still_returns_its_id_with_its_parts_written()
    {
        var factory = await fixture.GetAsync();
        var prefix = "BO" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        var project = Project(unitId, prefix, 0);

        var id = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var writer = new BulkInserter(db);
            return await writer.InsertGraphAsync(project);
        });

        var stored = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Include(p => p.Indicators).SingleAsync(p => p.Id == id));
        Assert.Equal(project.Code, stored.Code);
        Assert.Equal(9, stored.Indicators.Count);
        Assert.Equal(4, stored.SpendingPlan.Count);
    }

    [Fact]
    public async Task Many_plain_rows_arrive_with_every_column_including_nulls()
    {
        var factory = await fixture.GetAsync();
        var marker = "bulk-" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 11, 24, 8, 30, 15, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 251).Select(i => new AuditEntry
        {
            At = at.AddSeconds(i),
            UserName = marker,
            Action = "Created",
            Operation = i % 3 == 0 ? null : $"import 第{i}个 'quoted' \"file\".json",
            EntityType = nameof(BudgetProject),
            EntityKey = $"2021/{i:D4} 项目",
            Year = i % 5 == 0 ? null : 2021,
            UnitCode = "U" + i,
            ProjectCode = i % 7 == 0 ? null : "P" + i,
            After = i % 2 == 0 ? null : "{\"name\":\"项目 " + i + "\"}",
        }).ToList();

        await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var writer = new BulkInserter(db);
            await writer.InsertRowsAsync(entries);
            return 0;
        });

        var stored = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == marker).ToListAsync());
        Assert.Equal(entries.Count, stored.Count);
        Assert.Equal(
            entries.Select(e => (e.At, e.Action, e.Operation, e.EntityType, e.EntityKey, e.Year, e.UnitCode, e.ProjectCode, e.Before, e.After)),
            stored.OrderBy(e => e.EntityKey).Select(e => (e.At, e.Action, e.Operation, e.EntityType, e.EntityKey, e.Year, e.UnitCode, e.ProjectCode, e.Before, e.After)));
    }

    /// <summary>Writes <paramref name="projects"/> through the bulk writer in a transaction of their own, committed; returns their ids.</summary>
    protected static Task<int[]> InsertCommittedAsync(AppFactory factory, IReadOnlyList<BudgetProject> projects) =>
        factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            int[] written;
            await using (var writer = new BulkInserter(db))
            {
                written = await writer.InsertGraphsAsync(projects);
            }

            await transaction.CommitAsync();
            return written;
        });

    protected static async Task<int> AddUnitAsync(AppFactory factory, string code) => await factory.WithDbAsync(async db =>
    {
        var unit = new Unit(code, "批量写入测试单位 " + code);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    });

    /// <summary>A project whose every value tells which project and row it belongs to.</summary>
    protected static BudgetProject Project(int unitId, string prefix, int i)
    {
        var project = new BudgetProject(unitId, 2021, $"{prefix}{i:D3}", $"批量项目 {i} 'a' \"b\"");
        project.SetBasics(project.Code, project.Name, 1000m + i + 0.25m, 600m + i, 400.25m, $"用途 {i}\n第二行", "元");
        project.SetSpendingPlan([new(3, 10m + i % 10), new(6, 33.3333m), new(10, 75.5m), new(12, 100m)]);
        project.SetGoals([$"目标一 {i}", $"目标二 {i}"]);
        project.SetIndicators(Enumerable.Range(1, 9).Select(k => new Indicator(
            k <= 5 ? "产出指标" : "效益指标",
            k <= 5 ? "数量指标" : "社会效益指标",
            $"指标 {i}-{k}",
            k % 2 == 0 ? string.Empty : $"说明 {i}-{k}",
            $"≥{90 + k % 10}%",
            $"依据 {i}-{k}")));
        return project;
    }

    /// <summary>
    /// A unit plan written by the bulk path — its sub-goals given their keys first (SQLite's rowids, PostgreSQL's reserved keys), their bands under them — and
    /// the audit entry made for it without the change tracker are stored exactly as EF Core's save (and its audit interceptor)
    /// stores the same plan: every column of every row but the keys, the version and the entry's time, in the same order.
    /// </summary>
    [Fact]
    public async Task A_bulk_inserted_plan_and_its_audit_entry_are_stored_as_ef_core_stores_them()
    {
        var factory = await Fixture.GetAsync();
        var prefix = "BP" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        UnitPlan Make()
        {
            var plan = new UnitPlan(unitId, 2021)
            {
                OverallGoal = "总体目标 'a' \"b\"\n第二行",
                AnnualTargets = "新引进项目8个以上",
                GuaranteeMeasures = string.Empty,
            };
            plan.ReplaceSubGoals(
            [
                new SubGoal("综合办公", "办公活动", "提高服务质量。", "日常运转率", "90%-100%为优", [new("优", 95.5m), new("良", 85m), new("中", 70.25m), new("差", 0m)])
                {
                    AreaHeading = "一、综合办公绩效目标：",
                },
                new SubGoal("业务工作", null, "完成重点工作。", "完成率", "标准", RatingBandSet.National.Bands),
                new SubGoal("宣传 😀", " ", string.Empty, "覆盖率", "标准", [new("优", 90m), new("差", 0m)]) { ActivityHeading = "一是宣传：" },
            ]);
            return plan;
        }

        var ef = await WrittenAsync(async (db, actor) =>
        {
            db.UnitPlans.Add(Make());
            await db.SaveChangesAsync();
        });
        var bulk = await WrittenAsync(async (db, actor) =>
        {
            var plan = Make();
            await using var writer = new BulkInserter(db);
            Assert.True(writer.InsertsNestedParts);
            await writer.InsertCreatedPlansAsync([(plan, prefix)], actor, DateTimeOffset.UnixEpoch);
        });

        Assert.Equal(1 + 3 + 4 + 4 + 2 + 1, ef.Count);
        Assert.Contains(ef, r => r.StartsWith("AuditEntries", StringComparison.Ordinal) && r.Contains("SubGoal", StringComparison.Ordinal) && r.Contains("RatingBand", StringComparison.Ordinal));
        Assert.Equal(ef, bulk);

        // Each way in a transaction rolled back after its rows are read: the same unit and year, so the same audit text.
        async Task<List<string>> WrittenAsync(Func<AppDbContext, AuditActor, Task> write) => await factory.WithDbAsync(async db =>
        {
            var actor = new AuditActor(null);
            actor.Set(prefix, "import 计划.json");
            db.Actor = actor;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await write(db, actor);
            var connection = db.Database.GetDbConnection();
            var rows = new List<string>();
            // A band's sub-goal is named by its place among the plan's sub-goals (its key differs between the two ways).
            foreach (var (table, where) in new[]
            {
                ("UnitPlans", "\"UnitId\" = @unit"),
                ("SubGoals", "\"UnitPlanId\" IN (SELECT \"Id\" FROM \"UnitPlans\" WHERE \"UnitId\" = @unit)"),
                ("(SELECT b.*, (SELECT count(*) FROM \"SubGoals\" o WHERE o.\"UnitPlanId\" = g.\"UnitPlanId\" AND o.\"Id\" <= g.\"Id\") AS \"SubGoalPlace\" "
                    + "FROM \"SubGoalBands\" b JOIN \"SubGoals\" g ON g.\"Id\" = b.\"SubGoalId\" JOIN \"UnitPlans\" p ON p.\"Id\" = g.\"UnitPlanId\" WHERE p.\"UnitId\" = @unit) AS bands", "TRUE"),
                ("AuditEntries", "\"UserName\" = @user"),
            })
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = $"SELECT * FROM {(table.StartsWith('(') ? table : $"\"{table}\"")} WHERE {where} ORDER BY \"Id\"";
                Add(command, "unit", unitId);
                Add(command, "user", prefix);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add((table.StartsWith('(') ? "SubGoalBands" : table) + ": " + string.Join("|", Enumerable.Range(0, reader.FieldCount)
                        .Where(k => reader.GetName(k) is not ("Id" or "UnitPlanId" or "SubGoalId" or "Version" or "At"))
                        .Select(k => reader.IsDBNull(k) ? "null" : $"{reader.GetDataTypeName(k)}/{reader.GetFieldType(k).Name}:{Convert.ToString(reader.GetValue(k), System.Globalization.CultureInfo.InvariantCulture)}")));
                }
            }

            await transaction.RollbackAsync();
            return rows;
        });

        static void Add(System.Data.Common.DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}

public sealed class SqliteBulkInserterTests(SqliteAppFixture sqlite) : BulkInserterTests(sqlite), IClassFixture<SqliteAppFixture>
{
    /// <summary>
    /// On SQLite the bulk writer steps rows through SQLite's own API and formats every value itself: a project with all its
    /// parts (a history entry's time included) and an audit entry must be stored exactly as EF Core's save stores them
    /// (storage class and text of every column but the keys).
    /// </summary>
    [Fact]
    public async Task Stepped_rows_store_the_same_text_as_ef_core_does()
    {
        var factory = await Fixture.GetAsync();
        var prefix = "BQ" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        var at = new DateTimeOffset(2026, 11, 24, 8, 30, 15, 123, TimeSpan.FromHours(8));
        BudgetProject Make(string code)
        {
            var project = Project(unitId, prefix, 1);
            project.SetBasics(code, project.Name, project.Budget, project.FiscalFunds, project.OtherFunds, project.Purpose, project.AmountUnit);
            project.Submit("审核员 'a'", at);
            project.Approve("审核员 'a'", at.AddMinutes(1), "同意", "{}");
            project.RecordExecution(987.65m, [new SpendingActual(6, 123.45m)]);
            return project;
        }

        AuditEntry Entry(string key) => new()
        {
            At = at, UserName = prefix, Action = "Created", Operation = null, EntityType = nameof(BudgetProject), EntityKey = key,
            Year = 2021, UnitCode = "U1", ProjectCode = null, After = "{\"a\":1.50}",
        };

        await factory.WithDbAsync(async db =>
        {
            db.Projects.Add(Make(prefix + "E"));
            db.AuditEntries.Add(Entry("same"));
            await db.SaveChangesAsync();
            await db.Database.OpenConnectionAsync();
            await using var writer = new BulkInserter(db);
            await writer.InsertAsync(Make(prefix + "B"));
            await writer.InsertRowAsync(Entry("same"));
            return 0;
        });

        var ef = await RowsAsync(factory, prefix + "E", prefix);
        var bulk = await RowsAsync(factory, prefix + "B", prefix);
        Assert.NotEmpty(ef);
        Assert.Equal(ef, bulk);
    }

    /// <summary>
    /// Text is transcoded to UTF-8 by the writer itself: the empty string, non-ASCII and surrogate pairs, text longer than its
    /// first buffer, and text that is not valid UTF-16 (a lone surrogate) are stored byte for byte as EF Core's save stores them.
    /// </summary>
    [Fact]
    public async Task Stepped_text_is_stored_byte_for_byte_as_ef_core_stores_it()
    {
        var factory = await Fixture.GetAsync();
        var marker = "BT" + Guid.NewGuid().ToString("N")[..8];
        string[] texts =
        [
            string.Empty, "a", "项目 'a' \"b\"", "emoji 😀 𠀀 end", new string('长', 5000) + "😀", "lone \uD800 surrogate", "\uDC00", "tail \uD83D",
            "nul \0 inside",
        ];
        AuditEntry Entry(string user, int i) => new()
        {
            At = DateTimeOffset.UnixEpoch, UserName = user, Action = "Created", EntityType = "T", EntityKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            After = texts[i],
        };

        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(texts.Select((_, i) => Entry(marker + "E", i)));
            await db.SaveChangesAsync();
            await db.Database.OpenConnectionAsync();
            await using var writer = new BulkInserter(db);
            await writer.InsertRowsAsync(texts.Select((_, i) => Entry(marker + "B", i)).ToList());
            return 0;
        });

        var ef = await StoredAsync(marker + "E");
        Assert.Equal(texts.Length, ef.Count);
        Assert.Equal(ef, await StoredAsync(marker + "B"));

        async Task<List<string>> StoredAsync(string user) => await factory.WithDbAsync(async db =>
        {
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"EntityKey\", typeof(\"After\"), hex(\"After\") FROM \"AuditEntries\" WHERE \"UserName\" = $user ORDER BY rowid";
            command.Parameters.AddWithValue("$user", user);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
            }

            return rows;
        });
    }

    /// <summary>The stored rows of one project, its parts and the audit entries of a user, as storage class and text, without keys, the code and the version (a new GUID a project).</summary>
    private static async Task<List<string>> RowsAsync(AppFactory factory, string code, string user) => await factory.WithDbAsync(async db =>
    {
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var rows = new List<string>();
        var id = Convert.ToInt64(await Scalar("SELECT \"Id\" FROM \"Projects\" WHERE \"Code\" = $code"), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var table in new[] { "Projects", "SpendingCheckpoints", "ProjectGoals", "ProjectHistory", "SpendingActuals", "Indicators" })
        {
            var where = table == "Projects" ? "\"Id\" = $id" : "\"ProjectId\" = $id";
            rows.AddRange(await Read($"SELECT * FROM \"{table}\" WHERE {where} ORDER BY rowid", table));
        }

        rows.AddRange(await Read("SELECT * FROM \"AuditEntries\" WHERE \"UserName\" = $user ORDER BY rowid LIMIT 1", "AuditEntries"));
        return rows;

        async Task<object?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$code", code);
            return await command.ExecuteScalarAsync();
        }

        async Task<List<string>> Read(string sql, string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$user", user);
            await using var reader = await command.ExecuteReaderAsync();
            var result = new List<string>();
            while (await reader.ReadAsync())
            {
                result.Add(table + ": " + string.Join("|", Enumerable.Range(0, reader.FieldCount)
                    .Where(k => reader.GetName(k) is not ("Id" or "ProjectId" or "Code" or "Version"))
                    .Select(k => reader.IsDBNull(k) ? "null" : $"{reader.GetDataTypeName(k)}/{reader.GetFieldType(k).Name}:{Convert.ToString(reader.GetValue(k), System.Globalization.CultureInfo.InvariantCulture)}")));
            }

            return result;
        }
    });
}

public sealed class PostgresBulkInserterTests(PostgresAppFixture fixture) : BulkInserterTests(fixture), IClassFixture<PostgresAppFixture>
{
    /// <summary>
    /// Roots are copied with keys reserved from the identity sequence: a project EF Core saves on another connection while the
    /// bulk transaction is still open draws another key, and both transactions commit with every row in place.
    /// </summary>
    [Fact]
    public async Task An_ef_save_during_a_bulk_insert_does_not_collide_with_the_reserved_keys()
    {
        var factory = await Fixture.GetAsync();
        var prefix = "BC" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        var projects = Enumerable.Range(0, 30).Select(i => Project(unitId, prefix, i)).ToList();
        var during = Project(unitId, prefix, 500);

        var ids = await factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            int[] written;
            await using (var writer = new BulkInserter(db))
            {
                written = await writer.InsertGraphsAsync(projects);
            }

            await factory.WithDbAsync(async other =>
            {
                other.Projects.Add(during);
                await other.SaveChangesAsync();
                return 0;
            });
            await transaction.CommitAsync();
            return written;
        });

        Assert.DoesNotContain(during.Id, ids);
        var stored = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Where(p => p.Code.StartsWith(prefix))
            .Select(p => new { p.Id, p.Code, Indicators = p.Indicators.Count }).ToListAsync());
        Assert.Equal(31, stored.Count);
        Assert.Equal(during.Code, stored.Single(p => p.Id == during.Id).Code);
        Assert.All(projects.Select((p, i) => (p.Code, Id: ids[i])), e => Assert.Equal(e.Code, stored.Single(p => p.Id == e.Id).Code));
        Assert.All(stored, p => Assert.Equal(9, p.Indicators));
    }

    /// <summary>Two roots of a batch with the same unique values (year and code) are refused, as the database always refused the second.</summary>
    [Fact]
    public async Task A_batch_with_a_duplicate_code_is_refused_and_writes_nothing()
    {
        var factory = await Fixture.GetAsync();
        var prefix = "BD" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        var projects = new List<BudgetProject> { Project(unitId, prefix, 1), Project(unitId, prefix, 2), Project(unitId, prefix, 1) };

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var writer = new BulkInserter(db);
            await writer.InsertGraphsAsync(projects);
            await transaction.CommitAsync();
            return 0;
        }));

        Assert.Equal(0, await factory.WithDbAsync(db => db.Projects.CountAsync(p => p.Code.StartsWith(prefix))));
    }

    /// <summary>
    /// The projects' <c>COPY</c> fails on the server while their parts' values are being read (the copies overlap): the
    /// error still reaches the caller of that one call, and the connection is free for the rollback and what follows.
    /// </summary>
    [Fact]
    public async Task A_copy_that_fails_while_the_next_is_prepared_leaves_the_connection_usable()
    {
        var factory = await Fixture.GetAsync();
        var prefix = "BF" + Guid.NewGuid().ToString("N")[..8];
        var unitId = await AddUnitAsync(factory, prefix);
        // Many parts a project, so the indicators' values are still being read when the server refuses the duplicate code.
        var projects = Enumerable.Range(0, 200).Select(i => Project(unitId, prefix, i % 199)).ToList();

        var (error, after) = await factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var writer = new BulkInserter(db);
            var error = await Record.ExceptionAsync(() => writer.InsertGraphsAsync(projects, projects.Select(p => new AuditEntry
            {
                At = DateTimeOffset.UnixEpoch, UserName = prefix, Action = "Created", EntityType = "BudgetProject", EntityKey = p.Code,
            }).ToList()));
            await transaction.RollbackAsync();
            return (error, await db.Projects.CountAsync(p => p.Code.StartsWith(prefix)));
        });

        var refused = Assert.IsType<Npgsql.PostgresException>(error);
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal(0, after);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserName == prefix)));
    }
}
