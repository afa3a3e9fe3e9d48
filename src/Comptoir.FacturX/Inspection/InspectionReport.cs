using Comptoir.FacturX.Reading;

namespace Comptoir.FacturX.Inspection;

/// <summary>A finding about a file: an error makes it non-conformant; a warning is worth knowing.</summary>
public sealed record Finding(string Rule, string Message, bool IsError = true);

/// <summary>What <see cref="FacturXInspector"/> found in a PDF.</summary>
public sealed record InspectionReport
{
    /// <summary>The embedded invoice XML file, if any.</summary>
    public EmbeddedFile? Attachment { get; init; }

    /// <summary>The parsed invoice, when the XML could be read.</summary>
    public CiiInvoice? Invoice { get; init; }

    /// <summary>fx:ConformanceLevel declared in the XMP, if any.</summary>
    public string? DeclaredConformanceLevel { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public bool IsValid => !Findings.Any(f => f.IsError);
}
