using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Documents.Tests;

/// <summary>Interchange ↔ domain entities: what the web layer stores and exports again.</summary>
public class MappingTests
{
    private static readonly InterchangeDocument Seed = TestFiles.ImportSeed();

    [Fact]
    public void Document_to_entities_and_back_is_the_same_document()
    {
        var source = Seed.Units[0];
        var unit = DomainMapping.ToUnit(source);
        var plan = DomainMapping.ToPlan(source, unitId: 7, year: 2021);
        var projects = source.Projects.Select(p => DomainMapping.ToProject(p, unitId: 7, year: 2021)).ToList();

        Assert.Equal(("631001", 6), (unit.Code, plan.SubGoals.Count));
        Assert.Equal("二是财务审计活动", plan.SubGoals[1].ActivityHeading);
        Assert.Equal(34760000.00m, projects[3].Budget);
        Assert.Equal([70m, 70m, 70m, 100m], projects[4].SpendingPlan.Select(c => c.CumulativePercent));
        Assert.Equal(9, projects[0].Indicators.Count);
        Assert.Equal((1, "营造良好的工作氛围，提升综合办公环境。"), (projects[0].Goals[0].Order, projects[0].Goals[0].Text));

        var back = DomainMapping.ToDocument(2021, [DomainMapping.ToInterchange(unit, plan, projects)]);
        RoundTripTests.AssertSameDocument(Seed, back);
    }

    [Fact]
    public void An_existing_project_is_updated_in_place()
    {
        var incoming = Seed.Units[0].Projects[0];
        var existing = new BudgetProject(7, 2021, incoming.Code, "旧名称");
        existing.SetBasics(incoming.Code, "旧名称", 10m, 10m, 0m, "旧用途");
        existing.SetIndicators([new Indicator("产出指标", "数量指标", "旧指标", string.Empty, "1个", "计划标准")]);

        DomainMapping.ApplyTo(existing, incoming);

        Assert.Equal(("综合政务管理业务费", 2000000.00m, "用于开发区日常综合办公及业务支出"), (existing.Name, existing.Budget, existing.Purpose));
        Assert.Equal(9, existing.Indicators.Count);
        Assert.Equal("购置率", existing.Indicators[0].Name);
    }

    [Fact]
    public void An_approved_project_refuses_an_import_until_it_is_adjusted()
    {
        var project = DomainMapping.ToProject(Seed.Units[0].Projects[0], 7, 2021);
        project.Submit("填报人", DateTimeOffset.UnixEpoch);
        project.Approve("审核人", DateTimeOffset.UnixEpoch, null, PlanDocuments.WriteJson(Seed));
        Assert.Throws<DomainException>(() => DomainMapping.ApplyTo(project, Seed.Units[0].Projects[1]));
    }

    [Fact]
    public void Status_names_of_the_interchange_map_to_the_workflow()
    {
        Assert.Equal(ProjectStatus.Approved, DomainMapping.ParseStatus("Approved"));
        Assert.Equal(ProjectStatus.Returned, DomainMapping.ParseStatus("returned"));
        Assert.False(DomainMapping.TryParseStatus("2", out _));
        Assert.False(DomainMapping.TryParseStatus("已审核", out _));
    }
}
