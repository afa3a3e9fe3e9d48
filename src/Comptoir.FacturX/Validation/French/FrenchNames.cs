using System.Xml.Linq;
using Comptoir.FacturX.Cii;
using Comptoir.FacturX.Validation.Cii;

namespace Comptoir.FacturX.Validation.French;

/// <summary>The CII element names only the French rules read (the others come from <see cref="CiiNames"/>).</summary>
internal static class FrenchNames
{
    public static readonly XNamespace Qdt = CiiNamespaces.Qdt;

    public static readonly XName BusinessProcessParameter = CiiNames.Ram + "BusinessProcessSpecifiedDocumentContextParameter";
    public static readonly XName SubjectCode = CiiNames.Ram + "SubjectCode";
    public static readonly XName Content = CiiNames.Ram + "Content";
    public static readonly XName FormattedIssueDateTime = CiiNames.Ram + "FormattedIssueDateTime";
    public static readonly XName QdtDateTimeString = Qdt + "DateTimeString";
    public static readonly XName UdtDateString = CiiNames.Udt + "DateString";
    public static readonly XName PaymentTerms = CiiNames.Ram + "SpecifiedTradePaymentTerms";
    public static readonly XName DueDateDateTime = CiiNames.Ram + "DueDateDateTime";
    public static readonly XName BuyerAgent = CiiNames.Ram + "BuyerAgentTradeParty";
    public static readonly XName SalesAgent = CiiNames.Ram + "SalesAgentTradeParty";
    public static readonly XName Payer = CiiNames.Ram + "PayerTradeParty";
    public static readonly XName Invoicee = CiiNames.Ram + "InvoiceeTradeParty";
    public static readonly XName Invoicer = CiiNames.Ram + "InvoicerTradeParty";
    public static readonly XName ItemSeller = CiiNames.Ram + "ItemSellerTradeParty";
    public static readonly XName ReferenceTypeCode = CiiNames.Ram + "ReferenceTypeCode";
    public static readonly XName ContractReferencedDocument = CiiNames.Ram + "ContractReferencedDocument";
    public static readonly XName LineStatusReasonCode = CiiNames.Ram + "LineStatusReasonCode";
    public static readonly XName ParentLineId = CiiNames.Ram + "ParentLineID";
    public static readonly XName ValueMeasure = CiiNames.Ram + "ValueMeasure";
}
