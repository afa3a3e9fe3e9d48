using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The sub-invoices of a multi-vendor or bidirectional invoice (BT-23 S8..M9) add up and are numbered consistently:
/// a group head's net total is its children's (BR-FR-MV-05, within a cent per child), its VAT total the breakdown
/// rows tagged with its number (BR-FR-MV-09), its gross total net plus VAT (BR-FR-MV-10); every line names its
/// vendor and sub-invoice number, its parent's when it has one (BR-FR-MV-06, BR-FR-MV-07); a detail line's exemption
/// reason starts with #number# (BR-FR-MV-08); the main seller's group carries the invoice number exactly when it is
/// its only group (BR-FR-MV-11); sub-invoice numbers are unique (BR-FR-MV-12).
/// </summary>
internal static class FrenchSubInvoiceRules
{
    private const double Cent = 0.01;

    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        if (!d.IsSpecialContract)
        {
            return;
        }

        foreach (var line in d.Lines)
        {
            var parentIds = line.Elements(LineDocument).Elements(FrenchNames.ParentLineId).ToList();
            var parents = parentIds.Count == 0 ? [] : d.LinesWithId(parentIds).ToList();
            var vendor = Engine.XsValues.NormalizeSpace(FrenchXPath.String(FrenchInvoice.ItemSellerLegalIds(line)));
            var parentVendor = Engine.XsValues.NormalizeSpace(FrenchXPath.String(parents.SelectMany(FrenchInvoice.ItemSellerLegalIds)));
            f.Require(vendor.Length > 0 && (parentIds.Count == 0 || vendor == parentVendor), "BR-FR-MV-06_EXT-FR-FE-167", line);

            var number = FrenchInvoice.LineInvoiceNumber(line);
            var parentNumber = Engine.XsValues.NormalizeSpace(FrenchXPath.String(parents.SelectMany(FrenchInvoice.LineInvoiceNumbers)));
            f.Require(number.Length > 0 && (parentIds.Count == 0 || number == parentNumber), "BR-FR-MV-07_BT-128", line);

            if (FrenchXPath.AnyIs(FrenchInvoice.LineStatus(line), "DETAIL"))
            {
                var reason = FrenchXPath.String(line.Elements(LineSettlement).Elements(TradeTax).Elements(ExemptionReason));
                f.Require(Engine.XsValues.HasText(reason) && number.Length > 0 && reason.StartsWith($"#{number}#", StringComparison.Ordinal), "BR-FR-MV-08_BT-128", line);
            }
        }

        foreach (var head in d.Lines.Where(FrenchInvoice.IsGroupHead))
        {
            CheckGroupTotals(d, head, f);
        }

        CheckMainSellerGroups(d, f);

        foreach (var transaction in d.Transactions)
        {
            f.Require(!HasRepeatedNumber(d, transaction), "BR-FR-MV-12_BT-128", transaction);
        }
    }

    private static void CheckGroupTotals(FrenchInvoice d, XElement head, FrenchFindings f)
    {
        var transaction = head.Parent!;
        var summation = head.Elements(LineSettlement).Elements(LineSummation).ToList();
        var invoiceCurrencies = transaction.Elements(Settlement).Elements(InvoiceCurrencyCode).ToList();
        var vatTotal = FrenchXPath.Number(FrenchMultiVendorRules.InCurrency(summation.Elements(TaxTotalAmount), invoiceCurrencies));

        // Children: the lines naming the head as parent, but comments (status INFORMATION; a line without status is none).
        var headId = Engine.XsValues.NormalizeSpace(FrenchXPath.String(head.Elements(LineDocument).Elements(LineId)));
        var childTotals = transaction.Elements(LineItem)
            .Where(l => FrenchXPath.AnyIs(l.Elements(LineDocument).Elements(FrenchNames.ParentLineId), headId) && FrenchXPath.AnyIsNot(FrenchInvoice.LineStatus(l), "INFORMATION"))
            .Elements(LineSettlement).Elements(LineSummation).Elements(LineTotalAmount).ToList();
        var netTotal = FrenchXPath.Number(summation.Elements(LineTotalAmount));
        f.Require(Math.Abs(netTotal - XsValues.Sum(childTotals)) <= Tolerance(childTotals.Count), "BR-FR-MV-05_EXT-FR-FE-BG-12", head);

        var tag = $"#{FrenchInvoice.LineInvoiceNumber(head)}#";
        var taggedVat = transaction.Elements(Settlement).Elements(TradeTax)
            .Where(t => FrenchXPath.AnyIs(t.Elements(TypeCodeName), "VAT") && FrenchXPath.String(t.Elements(ExemptionReason)).StartsWith(tag, StringComparison.Ordinal))
            .Elements(CalculatedAmount);
        f.Require(Math.Abs(vatTotal - XsValues.Sum(taggedVat)) <= Cent, "BR-FR-MV-09_EXT-FR-FE-181", head);

        var grandTotals = summation.Elements(GrandTotalAmount).ToList();
        var headLineIds = head.Elements(LineDocument).Elements(LineId).ToList();
        var details = d.Lines.Count(l => FrenchXPath.AnyShared(l.Elements(LineDocument).Elements(FrenchNames.ParentLineId), headLineIds) && FrenchXPath.AnyIs(FrenchInvoice.LineStatus(l), "DETAIL"));
        f.Require(grandTotals.Count == 0
            || (FrenchInvoice.HasText(grandTotals) && Math.Abs(FrenchXPath.Number(grandTotals) - netTotal - vatTotal) <= Tolerance(details)), "BR-FR-MV-10_EXT-FR-FE-184", head);
    }

    /// <summary>0.01 * n, an xs:decimal product compared as a double.</summary>
    private static double Tolerance(int lines) => (double)(0.01m * lines);

    /// <summary>
    /// BR-FR-MV-11: the main seller's group heads (their vendor is the seller's legal id); when exactly one carries the
    /// invoice number (BT-1) as its sub-invoice number, all is well; when none does, each head must carry it; when
    /// several do, each head must carry another.
    /// </summary>
    private static void CheckMainSellerGroups(FrenchInvoice d, FrenchFindings f)
    {
        var sellerIds = d.Sellers.Elements(LegalOrganization).Elements(Id).ToList();
        var invoiceIds = d.Header.Elements(Id).ToList();
        bool IsSellerHead(XElement line) => FrenchXPath.AnyShared(FrenchInvoice.ItemSellerLegalIds(line), sellerIds) && FrenchInvoice.IsGroupHead(line);

        var carrying = d.Document.All(LineItem).Where(IsSellerHead)
            .Elements(LineSettlement).Elements(AdditionalReferencedDocument)
            .Count(r => FrenchXPath.AnyIs(r.Elements(FrenchNames.ReferenceTypeCode), "AFL") && FrenchXPath.AnyIs(r.Elements(TypeCodeName), "130")
                && FrenchXPath.AnyShared(r.Elements(IssuerAssignedId), invoiceIds));
        foreach (var head in d.Lines.Where(IsSellerHead))
        {
            var number = FrenchInvoice.LineInvoiceNumber(head);
            f.Require(carrying == 1 || (carrying == 0 && FrenchXPath.AnyIs(invoiceIds, number)) || (carrying > 1 && FrenchXPath.AnyIsNot(invoiceIds, number)), "BR-FR-MV-11_BT-128", head);
        }
    }

    /// <summary>A group head's sub-invoice number equal to an ram:IssuerAssignedID anywhere before it in the document.</summary>
    private static bool HasRepeatedNumber(FrenchInvoice d, XElement transaction)
    {
        var numbers = transaction.Elements(LineItem).Where(FrenchInvoice.IsGroupHead).SelectMany(FrenchInvoice.LineInvoiceNumbers).ToHashSet();
        if (numbers.Count == 0)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in d.Document.All(IssuerAssignedId))
        {
            if (numbers.Contains(id) && seen.Contains(id.Value))
            {
                return true;
            }

            seen.Add(id.Value);
        }

        return false;
    }
}
