using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// References to other documents: a global-discount credit note (262) names its contract and billing period
/// (BR-FR-CO-03); a corrective invoice refers to exactly one earlier invoice (BR-FR-CO-04); a credit note to at
/// least one, with its date, in the header or on every detail line (BR-FR-CO-05); invoiced objects AFL and AVV are
/// given once, not empty (BR-FR-29 on the header, BR-FR-30 on lines).
/// </summary>
internal static class FrenchReferenceRules
{
    private static readonly string[] CorrectiveTypes = ["384", "471", "472", "473"];
    private static readonly string[] CreditNoteTypes = ["261", "381", "396", "502", "503"];

    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        var period = d.Settlements.Elements(BillingPeriod).ToList();
        f.Require(!FrenchXPath.AnyIs(d.TypeCodes, "262")
            || (FrenchXPath.String(d.Agreements.Elements(FrenchNames.ContractReferencedDocument).Elements(IssuerAssignedId)).Length > 0
                && FrenchXPath.String(period.Elements(StartDateTime).Elements(DateTimeString)).Length > 0
                && FrenchXPath.String(period.Elements(EndDateTime).Elements(DateTimeString)).Length > 0), "BR-FR-CO-03_BT-3", d.Root);

        var headerReferences = d.Settlements.Elements(InvoiceReferencedDocument).ToList();
        f.Require(!FrenchXPath.AnyIs(d.TypeCodes, CorrectiveTypes) || headerReferences.Count == 1, "BR-FR-CO-04_BT-4", d.Root);

        // Lines without a status, or of status DETAIL, are the ones that carry amounts; GROUP and INFORMATION do not.
        var detailLines = d.Lines.Where(l => !FrenchInvoice.LineStatus(l).Any() || FrenchXPath.AnyIs(FrenchInvoice.LineStatus(l), "DETAIL"));
        f.Require(!FrenchXPath.AnyIs(d.TypeCodes, CreditNoteTypes)
            || headerReferences.Any(IsDatedReference)
            || detailLines.All(l => l.Elements(LineSettlement).Elements(InvoiceReferencedDocument).Any(IsDatedReference)), "BR-FR-CO-05_BT-3", d.Root);

        foreach (var agreement in d.Agreements)
        {
            CheckInvoicedObjects(agreement, "BR-FR-29", "BT-18", f);
        }

        foreach (var line in d.Lines)
        {
            CheckInvoicedObjects(line, "BR-FR-30", "BT-128", f);
        }
    }

    /// <summary>ram:InvoiceReferencedDocument[ram:IssuerAssignedID and ram:FormattedIssueDateTime/qdt:DateTimeString].</summary>
    private static bool IsDatedReference(XElement reference) =>
        reference.Elements(IssuerAssignedId).Any() && reference.Elements(FrenchNames.FormattedIssueDateTime).Elements(FrenchNames.QdtDateTimeString).Any();

    /// <summary>
    /// The ram:AdditionalReferencedDocument children of <paramref name="owner"/> with scheme AFL, and with AVV, at most
    /// once each, and their ids not empty (a document claiming both schemes is checked as AFL, the first rule).
    /// </summary>
    private static void CheckInvoicedObjects(XElement owner, string rule, string term, FrenchFindings f)
    {
        var documents = owner.Elements(AdditionalReferencedDocument).ToList();
        var afl = documents.Where(r => FrenchXPath.AnyIs(r.Elements(FrenchNames.ReferenceTypeCode), "AFL")).ToList();
        var avv = documents.Where(r => FrenchXPath.AnyIs(r.Elements(FrenchNames.ReferenceTypeCode), "AVV")).ToList();
        f.Require(afl.Count <= 1 && avv.Count <= 1, $"{rule}_{term}", owner);
        foreach (var document in documents)
        {
            var scheme = afl.Contains(document) ? "AFL" : avv.Contains(document) ? "AVV" : null;
            if (scheme is null)
            {
                continue;
            }

            foreach (var id in document.Elements(IssuerAssignedId))
            {
                f.Require(Engine.XsValues.HasText(id), $"{rule}_{scheme}", id);
            }
        }
    }
}
