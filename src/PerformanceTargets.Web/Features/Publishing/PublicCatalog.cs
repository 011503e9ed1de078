using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Department;
using PerformanceTargets.Documents.Writing;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Interchange;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Publishing;

/// <summary>
/// What the public may read, for every public door (the <c>/public</c> pages, <c>/api/v1/public</c>): only live
/// publications, and of them only their snapshot — never the current tables, drafts or anything added after publishing.
/// A unit and year without a live publication reads as null (the doors answer 404).
/// </summary>
public sealed class PublicCatalog(AppDbContext db)
{
    /// <summary>The live publications, newest year first, then by unit code.</summary>
    public async Task<IReadOnlyList<PublicationListItem>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking()
            .Where(p => p.WithdrawnAt == null)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { p.Year, u.Code, u.Name, p.PublishedAt, HasResults = p.Results != null })
            .OrderByDescending(r => r.Year).ThenBy(r => r.Code)
            .Select(r => new PublicationListItem(r.Year, r.Code, r.Name, r.PublishedAt, r.HasResults))
            .ToListAsync(cancellationToken);

    /// <summary>The live publication of <paramref name="unitCode"/> for <paramref name="year"/>; null when there is none.</summary>
    public async Task<PublishedUnit?> FindAsync(int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var publication = await db.Publications.AsNoTracking()
            .Where(p => p.Year == year && p.WithdrawnAt == null)
            .Join(db.Units.Where(u => u.Code == unitCode), p => p.UnitId, u => u.Id, (p, _) => p)
            .OrderByDescending(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (publication is null)
        {
            return null;
        }

        var read = InterchangeJson.Read(publication.Content, "publication.json");
        return read.Document is { } document
            ? PublishedUnit.From(publication, document)
            : throw new InvalidOperationException($"publication {publication.Id} holds no readable snapshot");
    }

    /// <summary>
    /// The 预算公开 package of a publication as one .docx: 第一部分 部门整体绩效目标 (the overall goal with its sub-goals),
    /// then 第二部分 the published project goal tables in code order — the official layout of <c>PlanDocuments.WriteDocx</c>.
    /// </summary>
    public static byte[] PackageDocx(PublishedUnit published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var blocks = DocumentLayout.Build(new InterchangeDocument { Year = published.Year, Units = [published.Content] }).ToList();
        if (published.Content.DepartmentTable is { } table)
        {
            // 第一部分 ends with the 部门整体支出绩效目标表 (when it was approved and published), before 第二部分's project tables.
            var part2 = blocks.FindIndex(b => b is ParagraphBlock { Text: "第二部分" });
            blocks.InsertRange(part2 < 0 ? blocks.Count : part2, DepartmentTableLayout.Build(table, published.UnitCode, published.Year));
        }

        return DocxWriter.Write(blocks, published.Year);
    }

    public static string PackageFileName(PublishedUnit published)
    {
        ArgumentNullException.ThrowIfNull(published);
        return $"{published.Year}-{published.UnitCode}-{published.UnitName}预算公开绩效目标.docx";
    }
}
