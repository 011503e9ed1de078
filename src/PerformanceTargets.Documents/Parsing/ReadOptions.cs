namespace PerformanceTargets.Documents.Parsing;

/// <summary>
/// What the caller supplies that a document may lack: the unit (<c>--unit CODE [--unit-name NAME]</c>, or the unit chosen
/// in the import preview) and the label dictionary (the embedded one, extended by <c>Import:LabelDictionary</c>).
/// </summary>
public sealed record ReadOptions(string? UnitCode = null, string? UnitName = null, LabelDictionary? Labels = null)
{
    public static readonly ReadOptions None = new();

    public LabelDictionary Dictionary => Labels ?? LabelDictionary.Default;
}
