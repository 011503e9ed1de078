using PerformanceTargets.Documents;
using PerformanceTargets.Web.Features.Documents;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>export projects --year YYYY --format json|docx|txt|xlsx [--unit CODE] --out FILE|-</c>,
/// <c>export ratings --year YYYY --format json|csv|xlsx [--unit CODE] --out FILE|-</c>,
/// <c>export self-evaluation-template --year YYYY [--unit CODE] --out FILE.xlsx</c>.
/// </summary>
internal sealed class ExportCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } =
    [
        "export projects --year YYYY --format json|docx|txt|xlsx [--unit CODE] --out FILE|-",
        "export ratings --year YYYY --format json|csv|xlsx [--unit CODE] --out FILE|-   stored scores and grades",
        "export self-evaluation-template --year YYYY [--unit CODE] --out FILE.xlsx   the 自评表 to fill in Excel and import",
    ];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] is "ratings" or "self-evaluation-template")
        {
            return await YearEndExports.RunAsync(services, args[0], args[1..], stdout, stderr);
        }

        if (args.Length == 0 || args[0] != "projects")
        {
            throw new CommandLineException(args.Length == 0 ? "missing what to export" : $"unknown export '{args[0]}'");
        }

        var options = CommandArgs.Parse(args[1..]);
        options.AllowOnly("year", "format", "unit", "out");
        var year = options.GetInt("year") ?? throw new CommandLineException("missing --year");
        var format = PlanExporter.ParseFormat(options.Require("format"))
            ?? throw new CommandLineException($"unknown --format '{options.Get("format")}'; use json, docx, txt or xlsx");
        var output = options.Require("out");

        await using var scope = services.CreateAsyncScope();
        var document = await scope.ServiceProvider.GetRequiredService<PlanExporter>().BuildAsync(year, options.Get("unit"));
        if (document is null)
        {
            await stderr.WriteLineAsync($"单位 {options.Get("unit")} 不存在。");
            return 1;
        }

        var bytes = PlanDocuments.Write(document, format);
        await WriteOutputAsync(output, bytes, stdout);
        return 0;
    }

    /// <summary>Writes to a file, or to standard output for <c>-</c> (text as text, binary as bytes).</summary>
    public static async Task WriteOutputAsync(string output, byte[] bytes, TextWriter stdout)
    {
        if (output == "-")
        {
            if (ReferenceEquals(stdout, Console.Out))
            {
                await stdout.FlushAsync();
                await using var raw = Console.OpenStandardOutput();
                await raw.WriteAsync(bytes);
            }
            else
            {
                await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
            }

            return;
        }

        var path = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
