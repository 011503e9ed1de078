using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>The year-end parts of the <c>export</c> verb: <c>ratings</c> and <c>self-evaluation-template</c>; both stream to the output.</summary>
internal static class YearEndExports
{
    public static async Task<int> RunAsync(IServiceProvider services, string what, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args);
        var isRatings = what == "ratings";
        if (isRatings)
        {
            options.AllowOnly("year", "format", "unit", "out");
        }
        else
        {
            options.AllowOnly("year", "unit", "out");
        }

        var year = options.GetInt("year") ?? throw new CommandLineException("missing --year");
        var format = isRatings
            ? RatingsExporter.ParseFormat(options.Require("format")) ?? throw new CommandLineException($"unknown --format '{options.Get("format")}'; use json, csv or xlsx")
            : RatingsFormat.Xlsx;
        var output = options.Require("out");
        if (output == "-" && format == RatingsFormat.Xlsx && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected)
        {
            throw new CommandLineException("an .xlsx is binary: give --out FILE.xlsx or redirect standard output");
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int? unitId = null;
        if (options.Get("unit") is { } code)
        {
            unitId = await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null)
            {
                await stderr.WriteLineAsync($"单位 {code} 不存在。");
                return 1;
            }
        }

        await WriteAsync(output, stdout, async stream =>
        {
            if (isRatings)
            {
                // Only fresh ratings are read: RatingsQuery recomputes those whose inputs or settings changed since they were stored.
                await scope.ServiceProvider.GetRequiredService<RatingsQuery>().WriteAsync(stream, year, unitId, format);
            }
            else
            {
                scope.ServiceProvider.GetRequiredService<TemplateExporter>().Write(stream, year, unitId);
            }
        });
        return 0;
    }

    /// <summary>Streams into the file (or standard output for <c>-</c>) instead of building the bytes in memory.</summary>
    private static async Task WriteAsync(string output, TextWriter stdout, Func<Stream, Task> write)
    {
        if (output != "-")
        {
            var path = Path.GetFullPath(output);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await write(file);
            return;
        }

        if (ReferenceEquals(stdout, Console.Out))
        {
            await stdout.FlushAsync();
            await using var raw = Console.OpenStandardOutput();
            await write(raw);
            return;
        }

        using var buffer = new MemoryStream();
        await write(buffer);
        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
