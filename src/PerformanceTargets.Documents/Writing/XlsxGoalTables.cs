using PerformanceTargets.Documents.Blocks;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents.Writing;

/// <summary>
/// The goal tables as an .xlsx workbook (one sheet 绩效目标表): per project its project table and indicator table in the
/// official layout (<see cref="DocumentLayout"/>: the kept import details included), a fully empty row between tables,
/// one cell a table cell (a merged cell is written once, a vertical continuation as an empty cell). The .xlsx reader
/// reads it back (docs/formats.md §4a). Like every .xlsx goal table it carries the tables only: not 第一部分 (the unit's
/// overall goal and sub-goals), not the year or the status.
/// </summary>
public static class XlsxGoalTables
{
    public const string SheetName = "绩效目标表";

    public static byte[] Write(InterchangeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var output = new MemoryStream();
        using (var writer = new XlsxStreamWriter(output, [SheetName]))
        {
            // The title is the sheet's first row and the first project table's top row.
            var sheet = writer.NextSheet([$"{document.Year}年度预算项目绩效目标表"]);
            var first = true;
            foreach (var unit in document.Units)
            {
                foreach (var project in unit.Projects)
                {
                    if (!first)
                    {
                        EmptyRow(sheet);
                    }

                    first = false;
                    Table(sheet, DocumentLayout.ProjectTable(unit, project));
                    EmptyRow(sheet);
                    Table(sheet, DocumentLayout.IndicatorTable(project));
                }
            }

            writer.Complete();
        }

        return output.ToArray();
    }

    private static void Table(XlsxSheetWriter sheet, TableBlock table)
    {
        foreach (var row in table.Rows)
        {
            // A row of empty cells only (the row under a plan that is 未填报) would end the table in Excel's form.
            if (row.Cells.All(c => c.Text.Length == 0))
            {
                continue;
            }

            sheet.BeginRow();
            foreach (var cell in row.Cells)
            {
                sheet.Text(cell.Text.Length == 0 ? null : cell.Text);
            }

            sheet.EndRow();
        }
    }

    private static void EmptyRow(XlsxSheetWriter sheet)
    {
        sheet.BeginRow();
        sheet.EndRow();
    }
}
