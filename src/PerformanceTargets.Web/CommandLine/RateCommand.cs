using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// <c>rate --year YYYY [--all]</c>: brings a year's stored scores and grades up to date. By default only what is stale is
/// rated again — projects whose inputs (version) or year settings changed since they were rated, or never rated, and unit
/// plans whose sub-goals changed — so a year with nothing changed costs one query. <c>--all</c> recomputes and replaces
/// every rating of the year.
/// </summary>
internal sealed class RateCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } =
    [
        "rate --year YYYY [--all]   bring the year's scores and grades up to date with its actuals and settings (--all: recompute every one)",
    ];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args);
        options.AllowOnly("year", "all");
        var year = options.GetInt("year") ?? throw new CommandLineException("missing --year");
        await using var scope = services.CreateAsyncScope();
        var calculator = scope.ServiceProvider.GetRequiredService<RatingCalculator>();
        if (options.Has("all"))
        {
            var count = await calculator.RateProjectsAsync(year, null);
            await calculator.RateSubGoalsAsync(year, null);
            await stdout.WriteLineAsync($"已重新评分：{year} 年度全部 {count} 个项目及其分项目标。");
            return 0;
        }

        var (projects, plans) = await calculator.RefreshUnitsAsync(year, null);
        var total = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Projects.CountAsync(p => p.Year == year);
        await stdout.WriteLineAsync(
            $"已评分：{year} 年度 {total} 个项目中 {projects} 个重新评分（从未评分、或实际数与评分设置有变化），{total - projects} 个已是最新；{plans} 个单位的分项目标重新评分。");
        return 0;
    }
}
