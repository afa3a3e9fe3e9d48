using System.Xml.Linq;
using Comptoir.FacturX.Cii;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>The CII element names the rules read, resolved once.</summary>
internal static class CiiNames
{
    public static readonly XNamespace Rsm = CiiNamespaces.Rsm;
    public static readonly XNamespace Ram = CiiNamespaces.Ram;
    public static readonly XNamespace Udt = CiiNamespaces.Udt;

    public static readonly XName CrossIndustryInvoice = Rsm + "CrossIndustryInvoice";
    public static readonly XName ExchangedDocumentContext = Rsm + "ExchangedDocumentContext";
    public static readonly XName ExchangedDocument = Rsm + "ExchangedDocument";
    public static readonly XName SupplyChainTradeTransaction = Rsm + "SupplyChainTradeTransaction";

    public static readonly XName GuidelineParameter = Ram + "GuidelineSpecifiedDocumentContextParameter";
    public static readonly XName Id = Ram + "ID";
    public static readonly XName GlobalId = Ram + "GlobalID";
    public static readonly XName TypeCodeName = Ram + "TypeCode";
    public static readonly XName IssueDateTime = Ram + "IssueDateTime";
    public static readonly XName DateTimeString = Udt + "DateTimeString";
    public static readonly XName UdtDateTime = Udt + "DateTime";
    public static readonly XName Indicator = Udt + "Indicator";
    public static readonly XName IncludedNote = Ram + "IncludedNote";

    public static readonly XName LineItem = Ram + "IncludedSupplyChainTradeLineItem";
    public static readonly XName LineDocument = Ram + "AssociatedDocumentLineDocument";
    public static readonly XName LineId = Ram + "LineID";
    public static readonly XName Product = Ram + "SpecifiedTradeProduct";
    public static readonly XName ProductCharacteristic = Ram + "ApplicableProductCharacteristic";
    public static readonly XName ProductClassification = Ram + "DesignatedProductClassification";
    public static readonly XName ClassCode = Ram + "ClassCode";
    public static readonly XName OriginTradeCountry = Ram + "OriginTradeCountry";
    public static readonly XName Description = Ram + "Description";
    public static readonly XName Value = Ram + "Value";
    public static readonly XName LineAgreement = Ram + "SpecifiedLineTradeAgreement";
    public static readonly XName NetPrice = Ram + "NetPriceProductTradePrice";
    public static readonly XName GrossPrice = Ram + "GrossPriceProductTradePrice";
    public static readonly XName AppliedAllowanceCharge = Ram + "AppliedTradeAllowanceCharge";
    public static readonly XName ChargeAmount = Ram + "ChargeAmount";
    public static readonly XName LineDelivery = Ram + "SpecifiedLineTradeDelivery";
    public static readonly XName BilledQuantity = Ram + "BilledQuantity";
    public static readonly XName BasisQuantity = Ram + "BasisQuantity";
    public static readonly XName LineSettlement = Ram + "SpecifiedLineTradeSettlement";
    public static readonly XName LineSummation = Ram + "SpecifiedTradeSettlementLineMonetarySummation";

    public static readonly XName Agreement = Ram + "ApplicableHeaderTradeAgreement";
    public static readonly XName Delivery = Ram + "ApplicableHeaderTradeDelivery";
    public static readonly XName Settlement = Ram + "ApplicableHeaderTradeSettlement";
    public static readonly XName Seller = Ram + "SellerTradeParty";
    public static readonly XName Buyer = Ram + "BuyerTradeParty";
    public static readonly XName Payee = Ram + "PayeeTradeParty";
    public static readonly XName TaxRepresentative = Ram + "SellerTaxRepresentativeTradeParty";
    public static readonly XName ShipTo = Ram + "ShipToTradeParty";
    public static readonly XName Name = Ram + "Name";
    public static readonly XName LegalOrganization = Ram + "SpecifiedLegalOrganization";
    public static readonly XName TaxRegistration = Ram + "SpecifiedTaxRegistration";
    public static readonly XName PostalAddress = Ram + "PostalTradeAddress";
    public static readonly XName CountryId = Ram + "CountryID";
    public static readonly XName UriCommunication = Ram + "URIUniversalCommunication";
    public static readonly XName UriId = Ram + "URIID";
    public static readonly XName DefinedTradeContact = Ram + "DefinedTradeContact";
    public static readonly XName ActualDelivery = Ram + "ActualDeliverySupplyChainEvent";
    public static readonly XName OccurrenceDateTime = Ram + "OccurrenceDateTime";

    public static readonly XName InvoiceCurrencyCode = Ram + "InvoiceCurrencyCode";
    public static readonly XName TaxCurrencyCode = Ram + "TaxCurrencyCode";
    public static readonly XName PaymentReference = Ram + "PaymentReference";
    public static readonly XName PaymentMeans = Ram + "SpecifiedTradeSettlementPaymentMeans";
    public static readonly XName Information = Ram + "Information";
    public static readonly XName PayeeAccount = Ram + "PayeePartyCreditorFinancialAccount";
    public static readonly XName IbanId = Ram + "IBANID";
    public static readonly XName ProprietaryId = Ram + "ProprietaryID";
    public static readonly XName FinancialCard = Ram + "ApplicableTradeSettlementFinancialCard";
    public static readonly XName TradeTax = Ram + "ApplicableTradeTax";
    public static readonly XName CategoryTradeTax = Ram + "CategoryTradeTax";
    public static readonly XName CategoryCode = Ram + "CategoryCode";
    public static readonly XName RatePercent = Ram + "RateApplicablePercent";
    public static readonly XName BasisAmount = Ram + "BasisAmount";
    public static readonly XName CalculatedAmount = Ram + "CalculatedAmount";
    public static readonly XName ExemptionReason = Ram + "ExemptionReason";
    public static readonly XName ExemptionReasonCode = Ram + "ExemptionReasonCode";
    public static readonly XName TaxPointDate = Ram + "TaxPointDate";
    public static readonly XName DueDateTypeCode = Ram + "DueDateTypeCode";
    public static readonly XName BillingPeriod = Ram + "BillingSpecifiedPeriod";
    public static readonly XName StartDateTime = Ram + "StartDateTime";
    public static readonly XName EndDateTime = Ram + "EndDateTime";
    public static readonly XName AllowanceCharge = Ram + "SpecifiedTradeAllowanceCharge";
    public static readonly XName ChargeIndicator = Ram + "ChargeIndicator";
    public static readonly XName ActualAmount = Ram + "ActualAmount";
    public static readonly XName Reason = Ram + "Reason";
    public static readonly XName ReasonCode = Ram + "ReasonCode";
    public static readonly XName Summation = Ram + "SpecifiedTradeSettlementHeaderMonetarySummation";
    public static readonly XName LineTotalAmount = Ram + "LineTotalAmount";
    public static readonly XName ChargeTotalAmount = Ram + "ChargeTotalAmount";
    public static readonly XName AllowanceTotalAmount = Ram + "AllowanceTotalAmount";
    public static readonly XName TaxBasisTotalAmount = Ram + "TaxBasisTotalAmount";
    public static readonly XName TaxTotalAmount = Ram + "TaxTotalAmount";
    public static readonly XName RoundingAmount = Ram + "RoundingAmount";
    public static readonly XName GrandTotalAmount = Ram + "GrandTotalAmount";
    public static readonly XName TotalPrepaidAmount = Ram + "TotalPrepaidAmount";
    public static readonly XName DuePayableAmount = Ram + "DuePayableAmount";
    public static readonly XName InvoiceReferencedDocument = Ram + "InvoiceReferencedDocument";
    public static readonly XName AdditionalReferencedDocument = Ram + "AdditionalReferencedDocument";
    public static readonly XName IssuerAssignedId = Ram + "IssuerAssignedID";
}
