using System.Collections.ObjectModel;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Domain.Tests;

public class DepartmentYearSettingsOverridingTheProjectSettings
{
    private static readonly EvaluationSettings Project = EvaluationSettings.National(2026) with
    {
        TargetTooLowPercent = 150m,
        Monitoring = new MonitoringThresholds(50m, 70m),
    };

    [Fact]
    public void Only_weights_tiers_and_bands_are_taken_the_thresholds_stay_the_projects()
    {
        var own = Project with
        {
            ExecutionWeight = 20m,
            GroupWeights = new ReadOnlyDictionary<string, decimal>(new Dictionary<string, decimal> { ["产出指标"] = 40m, ["效益指标"] = 30m, ["满意度指标"] = 10m }),
            GradeBands = RatingBandSet.Create([new("优", 95m), new("良", 85m), new("中", 60m), new("差", 0m)]),
            TargetTooLowPercent = 200m,
        };

        var applied = new DepartmentYearSettings(1, own).ApplyTo(Project);

        Assert.Equal(20m, applied.ExecutionWeight);
        Assert.Equal(40m, applied.GroupWeights["产出指标"]);
        Assert.Equal("优≥95，良≥85，中≥60，差≥0", applied.GradeBands.ToString());
        Assert.Equal(Project.QualitativeTiers, applied.QualitativeTiers);
        Assert.Equal(150m, applied.TargetTooLowPercent);
        Assert.Equal(new MonitoringThresholds(50m, 70m), applied.Monitoring);
        Assert.Empty(applied.Validate());
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_100_and_tiers_with_a_gap_are_refused_with_the_project_settings_messages()
    {
        var bad = Project with
        {
            ExecutionWeight = 20m,
            QualitativeTiers = [new("达成", 0.8m, 1m, true, 1m), new("部分达成", 0.6m, 0.75m, false, 0.7m), new("未达成", 0m, 0.6m, false, 0.3m)],
        };

        var errors = DepartmentYearSettings.Check(bad);
        var thrown = Assert.Throws<DomainException>(() => new DepartmentYearSettings(1, bad));

        Assert.Contains("预算执行率与各一级指标的权重合计为 110，应为 100。", errors);
        Assert.Contains("定性档次应首尾相接：“部分达成”的上限（不含）应等于“达成”的下限 80%。", errors);
        Assert.Contains("合计为 110", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replacing_keeps_the_settings_valid_and_the_rows_new()
    {
        var stored = new DepartmentYearSettings(1, Project);
        Assert.Throws<DomainException>(() => stored.Replace(Project with { ExecutionWeight = 0m }));
        Assert.Equal(10m, stored.ExecutionWeight);

        stored.Replace(Project with { GradeBands = RatingBandSet.Create([new("优", 100m), new("良", 80m), new("中", 60m), new("差", 0m)]) });

        Assert.Equal(100m, stored.GradeBands[0].Min);
        Assert.NotSame(RatingBandSet.National.Bands[3], stored.GradeBands[3]);
    }
}
