using BenchmarkDotNet.Attributes;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Benchmarks;

/// <summary>The rules engine's hot paths: parsing a 指标值 and scoring indicators and a whole project.</summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private static readonly string[] Values = ["≥90百分比", "2人", "是/否", "≥95%", "≤1.6万元", "=28处", "0起", "及时", "控制在预算资金内", "90-100%", "不低于1,000人次", "１２０万元以内"];

    private readonly EvaluationSettings _settings = EvaluationSettings.National(2021);
    private BudgetProject _project = null!;

    [GlobalSetup]
    public void Setup()
    {
        _project = new BudgetProject(1, 2021, "BENCH", "基准项目");
        _project.SetBasics("BENCH", "基准项目", 2000000m, 2000000m, 0m, "基准");
        var indicators = new List<Indicator>();
        foreach (var (level1, level2s) in IndicatorCatalog.Style2020.Categories)
        {
            foreach (var level2 in level2s)
            {
                indicators.Add(new Indicator(level1, level2, level2 + "完成率", "描述", "≥90%", "年度工作计划") { Actual = "85%" });
            }
        }

        _project.SetIndicators(indicators);
        _project.Executed = 1960000m;
    }

    [Benchmark(OperationsPerInvoke = 12)]
    public int ParseTargetValues()
    {
        var quantitative = 0;
        foreach (var value in Values)
        {
            if (TargetValueParser.Parse(value) is QuantitativeTarget)
            {
                quantitative++;
            }
        }

        return quantitative;
    }

    [Benchmark]
    public decimal ScoreIndicator() =>
        IndicatorScorer.Score(TargetValueParser.Parse("≥90%"), "85%", 12.5m, null, _settings).Points;

    [Benchmark]
    public decimal ScoreProject() => ProjectScorer.Score(_project, _settings).Total;
}
