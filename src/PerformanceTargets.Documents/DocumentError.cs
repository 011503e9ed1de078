using System.Text;
using PerformanceTargets.Documents.Interchange;

namespace PerformanceTargets.Documents;

/// <summary>
/// One reason a document was refused, located as precisely as the format allows, with a Chinese message for the user:
/// <c>seed.txt 表3 第5行 指标值: 不能为空</c>. Table and row numbers are 1-based and count in document order.
/// </summary>
/// <param name="File">The file name as uploaded.</param>
/// <param name="Table">表N: the table's number in the document; null outside tables.</param>
/// <param name="Row">第N行 of that table; null for the whole table.</param>
/// <param name="Field">The column or field, e.g. 指标值, 其中：财政资金, or a JSON path.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
/// <param name="Paragraph">第N段: a paragraph's number outside tables in a .docx.</param>
/// <param name="Line">第N行: a line of a text dump outside tables.</param>
public sealed record DocumentError(string File, int? Table, int? Row, string? Field, string Message, int? Paragraph = null, int? Line = null)
{
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Table is not null)
        {
            text.Append(" 表").Append(Table);
        }

        if (Row is not null)
        {
            text.Append(" 第").Append(Row).Append('行');
        }

        if (Paragraph is not null)
        {
            text.Append(" 第").Append(Paragraph).Append('段');
        }

        if (Line is not null)
        {
            text.Append(" 第").Append(Line).Append('行');
        }

        if (Field is not null)
        {
            text.Append(' ').Append(Field);
        }

        return text.Append(": ").Append(Message).ToString().TrimStart();
    }
}

/// <summary>All or nothing: either a <see cref="Document"/> or at least one error, never both.</summary>
public sealed class ImportResult
{
    private ImportResult(InterchangeDocument? document, IReadOnlyList<DocumentError> errors)
    {
        Document = document;
        Errors = errors;
    }

    public InterchangeDocument? Document { get; }

    public IReadOnlyList<DocumentError> Errors { get; }

    public bool Succeeded => Document is not null;

    public static ImportResult Success(InterchangeDocument document) => new(document, []);

    public static ImportResult Failure(IReadOnlyList<DocumentError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(null, errors);

    public static ImportResult Failure(DocumentError error) => new(null, [error]);
}
