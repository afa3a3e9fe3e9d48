using Comptoir.FacturX.Validation.FacturX;

namespace Comptoir.FacturX.Validation;

/// <summary>Which rule sets <see cref="InvoiceValidator"/> runs beyond the EN 16931 ones.</summary>
public sealed record ValidationOptions
{
    /// <summary>Run the EN 16931 rules (what <see cref="InvoiceValidator.Validate(byte[])"/> runs). On by default.</summary>
    public bool En16931 { get; init; } = true;

    /// <summary>
    /// Also run this Factur-X profile's own rules (its cardinalities, the elements it does not use, its code lists
    /// and its own binding of the business rules). Ignored for UBL.
    /// </summary>
    public FacturXProfile? FacturXProfile { get; init; }

    /// <summary>Run the Factur-X rules of the profile the document declares (BT-24), when it declares one.</summary>
    public bool FacturXProfileFromGuideline { get; init; }
}
