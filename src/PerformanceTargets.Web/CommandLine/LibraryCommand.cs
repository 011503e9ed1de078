using PerformanceTargets.Web.Features.Library;
using PerformanceTargets.Web.Infrastructure.Auditing;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>library seed</c>: fills the indicator library (指标库) with the common shared indicators and every indicator the
/// product has imported (de-duplicated by 一级/二级/三级); candidates already present are promoted. Safe to run again.
/// </summary>
internal sealed class LibraryCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } = ["library seed   the indicator library: common indicators plus every imported one"];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "seed")
        {
            throw new CommandLineException(args.Length == 0 ? "missing what to do" : $"unknown library command '{args[0]}'");
        }

        CommandArgs.Parse(args[1..]).AllowOnly();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set("cli:" + Environment.UserName, "library seed");
        var report = await scope.ServiceProvider.GetRequiredService<IndicatorLibrary>().SeedAsync();
        await stdout.WriteLineAsync($"指标库：新增 {report.Added}，候选转为标准 {report.Promoted}，已有 {report.Unchanged}");
        return 0;
    }
}
