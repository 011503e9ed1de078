namespace PerformanceTargets.Documents.Blocks;

/// <summary>
/// The shape every document format is reduced to before parsing and built from before writing:
/// an ordered list of paragraphs and tables. A table is rows of cells; a cell's paragraphs are joined with <c>\n</c>.
/// A vertically merged cell that continues the one above reads as an empty cell (<see cref="MergeKind.Continue"/>),
/// exactly as the text dump shows it.
/// </summary>
public abstract record Block;

/// <summary>A paragraph outside tables. <paramref name="Line"/> is the 1-based source line (text dump) or paragraph number (.docx).</summary>
public sealed record ParagraphBlock(string Text, ParagraphStyle Style = ParagraphStyle.Body, int Line = 0) : Block;

public sealed record TableBlock(IReadOnlyList<RowBlock> Rows, int Line = 0) : Block;

public sealed record RowBlock(IReadOnlyList<CellBlock> Cells, int Line = 0);

/// <summary>One cell. <paramref name="Span"/> is the number of grid columns it covers (Word's gridSpan).</summary>
public sealed record CellBlock(string Text, int Span = 1, MergeKind Merge = MergeKind.None, bool Bold = false);

public enum MergeKind
{
    None,

    /// <summary>The first cell of a vertical merge; it holds the text.</summary>
    Restart,

    /// <summary>A cell continuing the merge above; it reads as empty.</summary>
    Continue,
}

/// <summary>How the writers format a paragraph; readers ignore it.</summary>
public enum ParagraphStyle
{
    Body,
    PartTitle,
    Title,
    Heading1,
    Heading2,
    TableTitle,
}
