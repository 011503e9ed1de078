using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Documents.Writing;
using PerformanceTargets.Domain.Projects;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Infrastructure.Documents;

/// <summary>
/// The workbench's two uses of PerformanceTargets.Documents: the approval snapshot (the JSON interchange of the project)
/// and one project's goal table as an official-layout .docx. Mapping, layout and writers are the Documents project's.
/// </summary>
public static class GoalDocuments
{
    /// <summary>The approved version kept on the project (<see cref="BudgetProject.ApprovedSnapshot"/>): the interchange JSON of its unit with this one project.</summary>
    public static string Snapshot(Unit unit, BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return InterchangeJson.Serialize(DomainMapping.ToDocument(project.Year, [DomainMapping.ToInterchange(unit, null, [project])]));
    }

    /// <summary>One project's goal table (project table and indicator table) as an official-layout .docx.</summary>
    public static byte[] ProjectDocx(Unit unit, BudgetProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var interchangeUnit = DomainMapping.ToInterchange(unit, null, [project]);
        var interchangeProject = interchangeUnit.Projects[0];
        IReadOnlyList<Block> blocks =
        [
            new ParagraphBlock($"{project.Name}绩效目标表", ParagraphStyle.TableTitle),
            DocumentLayout.ProjectTable(interchangeUnit, interchangeProject),
            new ParagraphBlock(" "),
            DocumentLayout.IndicatorTable(interchangeProject),
            new ParagraphBlock(string.Empty),
        ];
        return DocxWriter.Write(blocks, project.Year);
    }
}
