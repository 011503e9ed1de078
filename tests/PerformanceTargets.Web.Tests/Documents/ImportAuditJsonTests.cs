using System.Text.Json;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Tests.Hosting;

namespace PerformanceTargets.Web.Tests.Documents;

/// <summary>
/// The 'Created' audit entry of an imported project (<see cref="ImportAuditJson"/>) is written by build-time code: its
/// text is the one the reflection serializer writes with the same options, byte for byte.
/// </summary>
public sealed class ImportAuditJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Every_project_of_the_sample_is_written_as_the_reflection_serializer_writes_it()
    {
        var path = Path.Combine(PublishedApp.RepositoryRoot, "samples", "631001-2021-goals.json");
        var items = InterchangeJsonStream.Read(File.OpenRead(path), "goals.json").Where(i => i.Kind == InterchangeStreamItemKind.Project).ToList();
        Assert.NotEmpty(items);

        foreach (var item in items)
        {
            Assert.True(item.Valid, string.Join("\n", item.Errors));
            Assert.Equal(JsonSerializer.Serialize(item.Project, Reflection), ImportAuditJson.Created(item.Project!));
        }
    }

    [Fact]
    public void Optional_members_escapes_and_decimal_scales_are_written_as_the_reflection_serializer_writes_them()
    {
        var project = new InterchangeProject
        {
            Code = "P1",
            Name = "项目 \"一\" <b>&</b>\n第二行\t😀",
            Budget = 1234.5m,
            FiscalFunds = 1000m,
            OtherFunds = 234.500m,
            CodeProvisional = true,
            FundsSplitUnknown = true,
            MediumTermGoal = "三年目标",
            UnknownLabels = ["奇怪的标签"],
            SpendingPlan = [new InterchangeCheckpoint { Month = 12, CumulativePercent = 100 }],
            Goals = ["完成工作"],
            Indicators =
            [
                new InterchangeIndicator { Name = "完成数量", Value = "≥10个", Target = new InterchangeTarget { Kind = "quantitative", Comparator = ">=", Number = 10.50m, Unit = "个" } },
                new InterchangeIndicator { Name = "满意度", Value = "高", Extra = [new InterchangeExtraField { Label = "分值", Value = "10" }] },
            ],
        };
        project.AddExtra("主管部门", "某局");
        project.AddNotice("没有资金计划");

        Assert.Equal(JsonSerializer.Serialize(project, Reflection), ImportAuditJson.Created(project));
        Assert.Equal(JsonSerializer.Serialize(new InterchangeProject(), Reflection), ImportAuditJson.Created(new InterchangeProject()));
    }
}
