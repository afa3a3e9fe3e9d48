using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// What the billing mode (BT-23) says of payment: a final invoice after down payments (B4, S4, M4) is not itself a
/// down payment (BR-FR-CO-08); an invoice already paid (B2, S2, M2) has its total prepaid, nothing due, and a due date
/// (BR-FR-CO-09). And an invoice in another currency states its VAT in euros (BR-FR-CO-12).
/// </summary>
internal static class FrenchSettlementRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        f.Require(!FrenchXPath.AnyIs(d.BillingModes, "B4", "S4", "M4") || !FrenchXPath.AnyIs(d.TypeCodes, "386", "500", "503"), "BR-FR-CO-08_BT-23", d.Root);

        var totals = d.Settlements.Elements(Summation).ToList();
        var paid = FrenchXPath.AnyIs(d.BillingModes, "B2", "S2", "M2");
        f.Require(!paid || FrenchXPath.Number(totals.Elements(TotalPrepaidAmount)) == FrenchXPath.Number(totals.Elements(GrandTotalAmount)), "BR-FR-CO-09_BT-23-1", d.Root);
        f.Require(!paid || FrenchXPath.Number(totals.Elements(DuePayableAmount)) == 0, "BR-FR-CO-09_BT-23-2", d.Root);
        var dueDate = FrenchXPath.String(d.Settlements.Elements(FrenchNames.PaymentTerms).Elements(FrenchNames.DueDateDateTime).Elements(DateTimeString));
        f.Require(!paid || dueDate.Length > 0, "BR-FR-CO-09_BT-23-3", d.Root);

        var foreign = FrenchXPath.AnyIsNot(d.Settlements.Elements(InvoiceCurrencyCode), "EUR");
        var euroVat = FrenchXPath.String(totals.Elements(TaxTotalAmount).WithAttribute("currencyID", "EUR"));
        f.Require(!foreign || (FrenchXPath.AnyIs(d.Settlements.Elements(TaxCurrencyCode), "EUR") && euroVat.Length > 0), "BR-FR-CO-12_BT-5", d.Root);
    }
}
