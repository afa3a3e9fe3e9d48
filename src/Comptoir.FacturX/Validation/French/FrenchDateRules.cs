using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// BR-FR-03: every date is a real AAAAMMJJ date of 2000-2099. BR-FR-CO-07: the due date (BT-9) is not before the
/// issue date (BT-2), but for down payments (386, 500, 503) and invoices already paid (BT-23 B2, S2, M2).
/// </summary>
internal static class FrenchDateRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        var headerReferences = d.Settlements.Elements(InvoiceReferencedDocument);
        var period = d.Settlements.Elements(BillingPeriod);
        var lineSettlements = d.Lines.Elements(LineSettlement);
        Check(d.Header.Elements(IssueDateTime).Elements(DateTimeString), "BT-2", f);
        Check(d.Settlements.Elements(TradeTax).Elements(TaxPointDate).Elements(FrenchNames.UdtDateString), "BT-7", f);
        Check(d.Settlements.Elements(FrenchNames.PaymentTerms).Elements(FrenchNames.DueDateDateTime).Elements(DateTimeString), "BT-9", f);
        Check(headerReferences.Elements(FrenchNames.FormattedIssueDateTime).Elements(FrenchNames.QdtDateTimeString), "BT-26", f);
        Check(d.Deliveries.Elements(ActualDelivery).Elements(OccurrenceDateTime).Elements(DateTimeString), "BT-72", f);
        Check(period.Elements(StartDateTime).Elements(DateTimeString), "BT-73", f);
        Check(period.Elements(EndDateTime).Elements(DateTimeString), "BT-74", f);
        Check(lineSettlements.Elements(InvoiceReferencedDocument).Elements(FrenchNames.FormattedIssueDateTime).Elements(FrenchNames.QdtDateTimeString), "EXT-FR-FE-138", f);
        Check(d.Lines.Elements(LineDelivery).Elements(ActualDelivery).Elements(OccurrenceDateTime).Elements(DateTimeString), "EXT-FR-FE-158", f);
        Check(lineSettlements.Elements(BillingPeriod).Elements(StartDateTime).Elements(DateTimeString), "EXT-FR-FE-134", f);
        Check(lineSettlements.Elements(BillingPeriod).Elements(EndDateTime).Elements(DateTimeString), "EXT-FR-FE-135", f);

        f.Require(DueDateNotBeforeIssue(d), "BR-FR-CO-07_BT-9", d.Root);
    }

    private static void Check(IEnumerable<XElement> dates, string term, FrenchFindings f)
    {
        foreach (var date in dates)
        {
            f.Require(FrenchFormats.IsDate(date.Value), "BR-FR-03_" + term, date);
        }
    }

    private static bool DueDateNotBeforeIssue(FrenchInvoice d)
    {
        var due = FrenchXPath.String(d.Settlements.Elements(FrenchNames.PaymentTerms).Elements(FrenchNames.DueDateDateTime).Elements(DateTimeString));
        if (due.Length == 0 || FrenchXPath.AnyIs(d.TypeCodes, "386", "500", "503") || FrenchXPath.AnyIs(d.BillingModes, "B2", "S2", "M2"))
        {
            return true;
        }

        // $dueDate ge $issueDate on untyped text compares strings; no issue date makes it false.
        var issue = d.Header.Elements(IssueDateTime).Elements(DateTimeString).FirstOrDefault();
        return issue is not null && FrenchXPath.CompareCodePoints(due, issue.Value) >= 0;
    }
}
