using Comptoir.FacturX.Validation.Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>The rules of the EN 16931 profile that the EN 16931 catalogue has not (or has as warnings only).</summary>
internal static class En16931ProfileRules
{
    public static readonly Rule CiiSr465 = new("CII-SR-465", "Only one BT-41 element is allowed on an invoice.");

    public static readonly Rule CiiSr466 = new("CII-SR-466", "Only one BT-56 element is allowed on an invoice.");

    public static readonly Rule CiiSr475 = new("CII-SR-475", "Only one AdditionalReferencedDocument Name BT-123 is allowed with TypeCode 916.", FindingSeverity.Warning);

    public static readonly Rule CiiSr476 = new("CII-SR-476", "Only one AdditionalReferencedDocument AttachmentBinaryObject BT-125 is allowed with TypeCode 916.", FindingSeverity.Warning);

    public static readonly Rule PeppolR008 = new("PEPPOL-EN16931-R008", "Document MUST not contain empty elements.", FindingSeverity.Warning);
}
