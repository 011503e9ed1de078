using PerformanceTargets.Web.Features.YearEnd;

namespace PerformanceTargets.Web.CommandLine;

/// <summary><c>rate --year YYYY</c>: recomputes and stores every score and grade of a year (after bulk changes, e.g. seed-demo).</summary>
internal sealed class RateCommand : ICommand
{
    public IReadOnlyList<string> Usage { get; } = ["rate --year YYYY   recompute and store the year's scores and grades with its settings"];

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args);
        options.AllowOnly("year");
        var year = options.GetInt("year") ?? throw new CommandLineException("missing --year");
        await using var scope = services.CreateAsyncScope();
        var calculator = scope.ServiceProvider.GetRequiredService<RatingCalculator>();
        var count = await calculator.RateProjectsAsync(year, null);
        await calculator.RateSubGoalsAsync(year, null);
        await stdout.WriteLineAsync($"已重新评分：{year} 年度 {count} 个项目及其分项目标。");
        return 0;
    }
}
