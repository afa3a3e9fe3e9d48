namespace Comptoir.FacturX.Pdf;

/// <summary>Document metadata, written both in the Info dictionary and the XMP packet so they agree (PDF/A 6.6.2.3).</summary>
public sealed record PdfDocumentInfo
{
    public required string Title { get; init; }

    public required string Author { get; init; }

    public string Subject { get; init; } = string.Empty;

    public string Producer { get; init; } = "Comptoir.FacturX";

    public string CreatorTool { get; init; } = "Comptoir";

    public required DateTimeOffset Created { get; init; }

    /// <summary>Language of the text (/Lang), e.g. fr-FR.</summary>
    public string Language { get; init; } = "fr-FR";

    /// <summary>fx:ConformanceLevel when the file is Factur-X ("EN 16931"); null for a plain PDF/A.</summary>
    public string? FacturXConformanceLevel { get; init; }
}
