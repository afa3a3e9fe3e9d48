using System.Xml.Linq;
using Comptoir.FacturX.Validation.Cii;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The paths the French rules share, read once from the CII document: the header, the transaction's parts and
/// parties, the billing mode (BT-23) and what it makes of the invoice (a multi-vendor or bidirectional contract).
/// Each is a sequence, as the XPath it stands for, so that a rule reading "every" or "some" reads them all.
/// </summary>
internal sealed class FrenchInvoice
{
    /// <summary>BT-23 values of the multi-vendor (S8, B8, M8) and bidirectional (S9, B9, M9) contracts.</summary>
    private static readonly string[] MultiVendorModes = ["S8", "B8", "M8"];
    private static readonly string[] BidirectionalModes = ["S9", "B9", "M9"];

    public FrenchInvoice(CiiDocument document)
    {
        Document = document;
        var root = document.Root;
        Header = [.. root.Elements(ExchangedDocument)];
        Transactions = [.. root.Elements(SupplyChainTradeTransaction)];
        Agreements = [.. Transactions.Elements(Agreement)];
        Deliveries = [.. Transactions.Elements(Delivery)];
        Settlements = [.. Transactions.Elements(Settlement)];
        Lines = [.. Transactions.Elements(LineItem)];
        TypeCodes = [.. Header.Elements(TypeCodeName)];
        Notes = [.. Header.Elements(IncludedNote)];
        BillingModes = [.. root.Elements(ExchangedDocumentContext).Elements(FrenchNames.BusinessProcessParameter).Elements(Id)];
        var mode = FrenchXPath.Normalized(BillingModes);
        IsMultiVendor = BillingModes.Count > 0 && MultiVendorModes.Contains(mode);
        IsBidirectional = BillingModes.Count > 0 && BidirectionalModes.Contains(mode);
    }

    public CiiDocument Document { get; }

    public XElement Root => Document.Root;

    /// <summary>/rsm:CrossIndustryInvoice/rsm:ExchangedDocument.</summary>
    public IReadOnlyList<XElement> Header { get; }

    public IReadOnlyList<XElement> Transactions { get; }

    public IReadOnlyList<XElement> Agreements { get; }

    public IReadOnlyList<XElement> Deliveries { get; }

    public IReadOnlyList<XElement> Settlements { get; }

    /// <summary>The transaction's ram:IncludedSupplyChainTradeLineItem.</summary>
    public IReadOnlyList<XElement> Lines { get; }

    /// <summary>BT-3.</summary>
    public IReadOnlyList<XElement> TypeCodes { get; }

    /// <summary>BG-1: the header's ram:IncludedNote.</summary>
    public IReadOnlyList<XElement> Notes { get; }

    /// <summary>BT-23: ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID.</summary>
    public IReadOnlyList<XElement> BillingModes { get; }

    /// <summary>BT-23 is S8, B8 or M8 (custom:isSpecialContractMV).</summary>
    public bool IsMultiVendor { get; }

    /// <summary>BT-23 is S9, B9 or M9 (custom:isSpecialContractBD).</summary>
    public bool IsBidirectional { get; }

    /// <summary>Either (custom:isSpecialContract): the lines then carry sub-invoices, checked by the MV and BD rules.</summary>
    public bool IsSpecialContract => IsMultiVendor || IsBidirectional;

    public IEnumerable<XElement> Sellers => Agreements.Elements(Seller);

    public IEnumerable<XElement> Buyers => Agreements.Elements(Buyer);

    /// <summary>The contents of the notes whose subject is BAR (the treatment: B2B, B2C, ...).</summary>
    public IEnumerable<XElement> BarTreatments => NotesWithSubject("BAR").Elements(FrenchNames.Content);

    public IEnumerable<XElement> NotesWithSubject(string code) => Notes.Where(n => FrenchXPath.AnyIs(n.Elements(FrenchNames.SubjectCode), code));

    public IEnumerable<XElement> BuyerAgents => Agreements.Elements(FrenchNames.BuyerAgent);

    public IEnumerable<XElement> SalesAgents => Agreements.Elements(FrenchNames.SalesAgent);

    public IEnumerable<XElement> Payees => Settlements.Elements(Payee);

    public IEnumerable<XElement> Payers => Settlements.Elements(FrenchNames.Payer);

    public IEnumerable<XElement> Invoicees => Settlements.Elements(FrenchNames.Invoicee);

    public IEnumerable<XElement> Invoicers => Settlements.Elements(FrenchNames.Invoicer);

    public IEnumerable<XElement> ShipTos => Deliveries.Elements(ShipTo);

    public IEnumerable<XElement> LineShipTos => Lines.Elements(LineDelivery).Elements(ShipTo);

    /// <summary>ram:AssociatedDocumentLineDocument/ram:LineStatusReasonCode of a line (EXT-FR-FE-163).</summary>
    public static IEnumerable<XElement> LineStatus(XElement line) => line.Elements(LineDocument).Elements(FrenchNames.LineStatusReasonCode);

    /// <summary>A line with the status GROUP and no parent line: the head of a sub-invoice.</summary>
    public static bool IsGroupHead(XElement line) =>
        FrenchXPath.AnyIs(LineStatus(line), "GROUP") && !line.Elements(LineDocument).Elements(FrenchNames.ParentLineId).Any();

    /// <summary>The line's ram:ItemSellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID (EXT-FR-FE-167).</summary>
    public static IEnumerable<XElement> ItemSellerLegalIds(XElement line) =>
        line.Elements(LineAgreement).Elements(FrenchNames.ItemSeller).Elements(LegalOrganization).Elements(Id);

    /// <summary>The line's invoice number as an invoiced object: ram:AdditionalReferencedDocument with AFL and type 130.</summary>
    public static string LineInvoiceNumber(XElement line) => FrenchXPath.Normalized(LineInvoiceNumbers(line));

    public static IEnumerable<XElement> LineInvoiceNumbers(XElement line) =>
        line.Elements(LineSettlement).Elements(AdditionalReferencedDocument)
            .Where(r => FrenchXPath.AnyIs(r.Elements(FrenchNames.ReferenceTypeCode), "AFL") && FrenchXPath.AnyIs(r.Elements(TypeCodeName), "130"))
            .Elements(IssuerAssignedId);

    /// <summary>The lines whose ram:LineID is one of <paramref name="lineIds"/> (a line's parents).</summary>
    public IEnumerable<XElement> LinesWithId(IEnumerable<XElement> lineIds)
    {
        var ids = lineIds.Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        return Lines.Where(l => l.Elements(LineDocument).Elements(LineId).Any(i => ids.Contains(i.Value)));
    }

    /// <summary>normalize-space(...) != ''.</summary>
    public static bool HasText(IEnumerable<XElement> nodes) => XsValues.HasText(FrenchXPath.String(nodes));
}
