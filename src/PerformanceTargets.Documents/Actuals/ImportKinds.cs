namespace PerformanceTargets.Documents.Actuals;

public enum ImportKind
{
    /// <summary>A goal document: .txt, .docx, or JSON interchange (with <c>units</c>).</summary>
    Plan,

    /// <summary>Year-end actuals: the .xlsx 自评表, or JSON with top-level <c>projects</c> and no <c>units</c>.</summary>
    Actuals,
}

/// <summary>Tells a goal document from an actuals file: <c>.xlsx</c> with the 自评表's sheets (资金, 指标) → actuals, another .xlsx → goal tables filled in Excel; JSON with top-level <c>projects</c> and no <c>units</c> → actuals; anything else → a goal document.</summary>
public static class ImportKinds
{
    /// <param name="fileName">The file's name: its extension tells the format.</param>
    /// <param name="content">The file's bytes.</param>
    public static ImportKind Classify(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => LooksLikeSelfEvaluation(content) ? ImportKind.Actuals : ImportKind.Plan,
            ".json" when ActualsJson.LooksLikeActuals(content) => ImportKind.Actuals,
            _ => ImportKind.Plan,
        };
    }

    /// <summary>True when the workbook has the 自评表 template's sheets 资金 and 指标 (or cannot be opened: the actuals reader then says why).</summary>
    private static bool LooksLikeSelfEvaluation(byte[] content)
    {
        if (!Blocks.XlsxBlocks.IsSafePackage(content))
        {
            return true;
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
            var names = document.WorkbookPart?.Workbook?.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name?.Value).ToHashSet() ?? [];
            return names.Contains("资金") && names.Contains("指标");
        }
        catch (Exception ex) when (ex is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or FileFormatException or ArgumentException)
        {
            return true;
        }
    }
}
