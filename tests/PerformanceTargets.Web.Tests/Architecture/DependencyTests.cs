using NetArchTest.Rules;
using PerformanceTargets.Documents;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Web.Tests.Architecture;

/// <summary>
/// The arrows run one way (docs/architecture.md): doors (Pages, Api, CommandLine) → Features → Domain. Features never
/// refer to a door; doors never refer to each other; Domain and Documents know nothing of the host.
/// </summary>
public sealed class DependencyTests
{
    private const string Web = "PerformanceTargets.Web";
    private static readonly string[] Doors = [$"{Web}.Pages", $"{Web}.Api", $"{Web}.CommandLine"];
    private static readonly string[] Host = [Web, "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Serilog", "FluentValidation"];

    [Fact]
    public void Features_refer_to_no_door() =>
        AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.Features").ShouldNot().HaveDependencyOnAny(Doors).GetResult());

    /// <summary>Features do the work behind the doors and know no page: a page model, a page result or a model state is the door's.</summary>
    [Fact]
    public void Features_know_no_razor_pages() =>
        AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.Features")
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Mvc.RazorPages", "Microsoft.AspNetCore.Mvc.ModelBinding", "Microsoft.AspNetCore.Mvc.ViewFeatures").GetResult());

    /// <summary>The year-end actuals formats (JSON, the 自评表 workbook) are read in Documents; the web project keeps only the importer that writes them.</summary>
    [Fact]
    public void Actuals_formats_live_in_documents() =>
        Assert.Empty(typeof(Program).Assembly.GetTypes().Where(t => t.Name is "ActualsJson" or "ActualsWorkbook" or "ActualsDocument" or "ImportKinds").Select(t => t.FullName));

    [Fact]
    public void Infrastructure_refers_to_no_door() =>
        AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.Infrastructure").ShouldNot().HaveDependencyOnAny(Doors).GetResult());

    [Theory]
    [InlineData("Pages")]
    [InlineData("Api")]
    [InlineData("CommandLine")]
    public void A_door_refers_to_no_other_door(string door)
    {
        var others = Doors.Where(d => d != $"{Web}.{door}").ToArray();
        AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.{door}").ShouldNot().HaveDependencyOnAny(others).GetResult());
    }

    /// <summary>Page models, inputs and validators of one area use no other area's; shared pieces live in Features or Pages/Shared.
    /// Compiled views (<c>Pages_…</c>) are left out: a view may render another area's partial by its path.</summary>
    [Fact]
    public void Pages_areas_refer_to_no_other_area_but_shared()
    {
        var areas = typeof(Program).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith($"{Web}.Pages.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3])
            .Distinct()
            .Where(a => a != "Shared")
            .ToList();
        foreach (var area in areas)
        {
            var others = areas.Where(a => a != area).Select(a => $"{Web}.Pages.{a}").ToArray();
            AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.Pages.{area}").And().DoNotHaveNameStartingWith("Pages_")
                .ShouldNot().HaveDependencyOnAny(others).GetResult());
        }
    }

    [Fact]
    public void The_audit_trail_does_not_know_the_context_that_maps_the_aggregates() =>
        AssertKept(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{Web}.Infrastructure.Auditing")
            .ShouldNot().HaveDependencyOnAny($"{Web}.Infrastructure.Data", $"{Web}.Features").GetResult());

    [Fact]
    public void Domain_knows_nothing_of_the_host_or_the_formats() =>
        AssertKept(Types.InAssembly(typeof(BudgetProject).Assembly).ShouldNot().HaveDependencyOnAny([.. Host, "PerformanceTargets.Documents", "DocumentFormat.OpenXml", "MiniExcelLibs"]).GetResult());

    [Fact]
    public void Documents_know_nothing_of_the_host() =>
        AssertKept(Types.InAssembly(typeof(PlanDocuments).Assembly).ShouldNot().HaveDependencyOnAny(Host).GetResult());

    private static void AssertKept(NetArchTest.Rules.TestResult result) =>
        Assert.True(result.IsSuccessful, "Types that break the rule:\n" + string.Join("\n", result.FailingTypeNames ?? []));
}
