using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Actuals;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Auditing;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>import FILE... [--year YYYY] [--unit CODE [--unit-name NAME]] [--dry-run]</c>: goal documents (.txt dump of the Word
/// tables, .docx, goal tables filled in .xlsx, .json interchange) or actuals files (.xlsx 自评表, actuals .json), all or
/// nothing; <see cref="ImportKinds"/> tells them apart. <c>--unit</c> names the unit for documents that state none
/// (published goal tables of other provinces); <c>--unit-name</c> is needed when that unit is new.
/// Exit 0 imported (or would import), 1 refused with located errors, 2 bad arguments.
/// </summary>
internal sealed class ImportCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } =
    [
        "import FILE... [--year YYYY] [--unit CODE [--unit-name NAME]] [--dry-run]   goal documents (.txt, .docx, .xlsx, .json) or actuals (.xlsx 自评表, actuals .json), all or nothing",
    ];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, flags: ["dry-run"]);
        options.AllowOnly("year", "dry-run", "unit", "unit-name");
        var unitCode = options.Get("unit");
        var unitName = options.Get("unit-name");
        if (unitCode is not null && (unitCode.Trim().Length == 0 || unitCode.Trim().Length > PerformanceTargets.Domain.Units.Unit.CodeMaxLength))
        {
            throw new CommandLineException("--unit needs a unit code");
        }

        if (unitName is not null && unitCode is null)
        {
            throw new CommandLineException("--unit-name needs --unit CODE");
        }
        if (options.Positional.Count == 0)
        {
            throw new CommandLineException("missing FILE");
        }

        foreach (var path in options.Positional)
        {
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"{path}: 文件不存在。");
                return 1;
            }
        }

        // JSON interchange documents (UTF-8, with units) are read as streams, a project at a time, whatever their size.
        if (options.Positional.All(IsStreamableJson))
        {
            return await ImportStreamsAsync(services, options, unitCode, unitName, stdout, stderr);
        }

        var files = new List<ImportFile>();
        foreach (var path in options.Positional)
        {
            files.Add(new ImportFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path)));
        }

        var kinds = files.Select(f => ImportKinds.Classify(f.Name, f.Content)).Distinct().ToList();
        if (kinds.Count > 1)
        {
            throw new CommandLineException("goal documents and actuals files cannot be imported together; import them one kind at a time");
        }

        if (kinds[0] == ImportKind.Actuals)
        {
            return await ImportActualsAsync(services, files, options.GetInt("year"), options.Has("dry-run"), stdout, stderr);
        }

        var year = options.GetInt("year") ?? PlanImporter.YearOfJson(files)
            ?? throw new CommandLineException("--year YYYY is needed for .txt and .docx files (they do not state their year)");
        var dryRun = options.Has("dry-run");

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("cli:" + Environment.UserName);
        var report = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(files, year, dryRun, unitCode: unitCode, unitName: unitName);
        return await PrintAsync(report, year, dryRun, stdout, stderr);
    }

    /// <summary>Projects between two progress lines on stderr (an import of fewer prints none).</summary>
    private const int ProgressEvery = 10_000;

    private static async Task<int> ImportStreamsAsync(IServiceProvider services, CommandArgs options, string? unitCode, string? unitName, TextWriter stdout, TextWriter stderr)
    {
        int? year = options.GetInt("year");
        if (year is null)
        {
            foreach (var path in options.Positional)
            {
                await using var stream = File.OpenRead(path);
                var value = PerformanceTargets.Documents.Interchange.InterchangeJsonStream.Peek(stream)?.Year;
                if (value is null || (year is not null && year != value))
                {
                    throw new CommandLineException("--year YYYY is needed for .txt and .docx files (they do not state their year)");
                }

                year = value;
            }
        }

        var dryRun = options.Has("dry-run");
        var files = options.Positional
            .Select(path => new StreamedImportFile(Path.GetFileName(path), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)))
            .ToList();
        var last = 0;
        var progress = new SynchronousProgress(done =>
        {
            if (done / ProgressEvery > last / ProgressEvery)
            {
                stderr.WriteLine($"已处理 {done} 个项目…");
            }

            last = done;
        });
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("cli:" + Environment.UserName);
        var report = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportStreamsAsync(files, year!.Value, dryRun, unitCode, unitName, progress);
        return await PrintAsync(report, year.Value, dryRun, stdout, stderr);
    }

    /// <summary>Progress reported on the caller's thread, in order (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>A .json file the streamed import can take: UTF-8 throughout, a goal document (top-level <c>units</c>).</summary>
    private static bool IsStreamableJson(string path)
    {
        if (PlanDocuments.FormatOf(path) != DocumentKind.Json)
        {
            return false;
        }

        using (var stream = File.OpenRead(path))
        {
            if (PerformanceTargets.Documents.Interchange.InterchangeJsonStream.Peek(stream) is not { HasUnits: true })
            {
                return false;
            }
        }

        // Another encoding (GB18030) is decoded as the text formats are, by the whole-file path.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return PerformanceTargets.Documents.Interchange.InterchangeJsonStream.IsUtf8(file);
    }

    private static async Task<int> PrintAsync(ImportReport report, int year, bool dryRun, TextWriter stdout, TextWriter stderr)
    {
        if (!report.Succeeded)
        {
            await stderr.WriteLineAsync($"导入失败，未写入任何数据（{report.Errors.Count} 个错误）：");
            foreach (var error in report.Errors)
            {
                await stderr.WriteLineAsync("  " + error);
            }

            return 1;
        }

        await stdout.WriteLineAsync($"{(dryRun ? "试导入（未写入）" : "导入完成")}：{year} 年度，新增 {report.Added.Count}，修改 {report.Changed.Count}，未变 {report.Unchanged.Count}");
        foreach (var notice in report.Notices)
        {
            await stdout.WriteLineAsync("  提示 " + notice);
        }

        foreach (var (title, items) in new[] { ("新增", report.Added), ("修改", report.Changed), ("未变", report.Unchanged) })
        {
            foreach (var item in items)
            {
                await stdout.WriteLineAsync($"  {title} {item}");
            }
        }

        return 0;
    }

    private static async Task<int> ImportActualsAsync(IServiceProvider services, IReadOnlyList<ImportFile> files, int? year, bool dryRun, TextWriter stdout, TextWriter stderr)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("cli:" + Environment.UserName);
        var report = await scope.ServiceProvider.GetRequiredService<ActualsImporter>().ImportAsync(files, year, dryRun);
        if (!report.Succeeded)
        {
            await stderr.WriteLineAsync($"导入失败，未写入任何数据，评分未改变（{report.Errors.Count} 个错误）：");
            foreach (var error in report.Errors)
            {
                await stderr.WriteLineAsync("  " + error);
            }

            return 1;
        }

        await stdout.WriteLineAsync($"{(dryRun ? "试导入实际数（未写入）" : "实际数导入完成，已重新评分")}：{report.Year} 年度，项目 {report.Projects}，指标 {report.Indicators}，分项目标 {report.SubGoals}");
        return 0;
    }
}
