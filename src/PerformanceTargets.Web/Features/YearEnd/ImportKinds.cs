using PerformanceTargets.Web.Features.Documents;

namespace PerformanceTargets.Web.Features.YearEnd;

public enum ImportKind
{
    /// <summary>A goal document: .txt, .docx, or JSON interchange (with <c>units</c>).</summary>
    Plan,

    /// <summary>Year-end actuals: the .xlsx 自评表, or JSON with top-level <c>projects</c> and no <c>units</c>.</summary>
    Actuals,
}

/// <summary>Tells a goal document from an actuals file: <c>.xlsx</c> → actuals; JSON with top-level <c>projects</c> and no <c>units</c> → actuals; anything else → a goal document.</summary>
public static class ImportKinds
{
    public static ImportKind Classify(ImportFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var extension = Path.GetExtension(file.Name).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => ImportKind.Actuals,
            ".json" when ActualsJson.LooksLikeActuals(file.Content) => ImportKind.Actuals,
            _ => ImportKind.Plan,
        };
    }
}
