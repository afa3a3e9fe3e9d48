using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// BR-FR-01 and BR-FR-02: an invoice number (BT-1) and the numbers of the invoices it refers to (BT-25 and, per line,
/// EXT-FR-FE-136) have at most 35 characters, all letters, digits or + - _ /, and no space.
/// </summary>
internal static class FrenchNumberRules
{
    private const int MaxLength = 35;

    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        Check(d.Header.Elements(Id), "BT-1", f);
        Check(d.Settlements.Elements(InvoiceReferencedDocument).Elements(IssuerAssignedId), "BT-25", f);
        Check(d.Lines.Elements(LineSettlement).Elements(InvoiceReferencedDocument).Elements(IssuerAssignedId), "EXT-FR-FE-136", f);
    }

    private static void Check(IEnumerable<XElement> numbers, string term, FrenchFindings f)
    {
        foreach (var number in numbers)
        {
            f.Require(FrenchXPath.Length(number.Value) <= MaxLength, "BR-FR-01_" + term, number);
            f.Require(FrenchFormats.IsInvoiceNumber(number.Value), "BR-FR-02_" + term, number);
        }
    }
}
