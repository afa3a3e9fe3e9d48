using Comptoir.FacturX.Validation.CodeLists;
using static Comptoir.FacturX.Validation.FacturX.StructureTable;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The structure of a Factur-X EXTENDED invoice (the FX-SCH-A-* pattern of its official rules), entry by entry in
/// their order: the document context and header here, the trade agreement, delivery, settlement and lines in
/// tables of their own (no context of one part meets an element of another, so the first match is the same).
/// </summary>
internal static class ExtendedProfileStructure
{
    public static readonly StructureTable Document = new(
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument",
            One("ram:ID", "000019"),
            AtMostOne("ram:Name", "000630"),
            One("ram:TypeCode", "000020"),
            AtMostOne("ram:LanguageID", "000315")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:EffectiveSpecifiedPeriod",
            One("ram:CompleteDateTime", "000316")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:EffectiveSpecifiedPeriod/ram:CompleteDateTime/udt:DateTimeString",
            Attribute("format", "000631"),
            AttributeCode("format", FacturXCodeLists.DateFormats, "000632")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:EffectiveSpecifiedPeriod/ram:Description",
            NotUsed()),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:EffectiveSpecifiedPeriod/ram:EndDateTime",
            NotUsed()),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:EffectiveSpecifiedPeriod/ram:StartDateTime",
            NotUsed()),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID",
            NoAttribute("schemeID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IncludedNote",
            AtMostOne("ram:Content", "000317"),
            AtMostOne("ram:SubjectCode", "000161")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IncludedNote/ram:ContentCode",
            NoAttribute("listID"),
            NoAttribute("listVersionID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode",
            Code(En16931CodeLists.CiiTextSubjects, "000633"),
            NoAttribute("listID"),
            NoAttribute("listVersionID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
            Attribute("format", "000021"),
            AttributeCode("format", FacturXCodeLists.DateFormats, "000634")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:LanguageID",
            Code(ExtendedCodeLists.Languages, "000389"),
            NoAttribute("schemeID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode",
            Code(En16931CodeLists.CiiDocumentTypes, "000635")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext",
            AtMostOne("ram:BusinessProcessSpecifiedDocumentContextParameter", "000024"),
            One("ram:GuidelineSpecifiedDocumentContextParameter", "000025")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter",
            One("ram:ID", "000406")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
            NoAttribute("schemeID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter",
            One("ram:ID", "000407")),
        Rule("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
            Code(ExtendedCodeLists.Guidelines, "000636"),
            NoAttribute("schemeID")),
        Rule("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction",
            AtLeastOne("ram:IncludedSupplyChainTradeLineItem", "000265")));

    /// <summary>The whole pattern, part by part.</summary>
    public static readonly StructureTable[] Rules =
    [
        Document,
        ExtendedAgreementStructure.Rules,
        ExtendedDeliveryStructure.Rules,
        ExtendedSettlementStructure.Rules,
        ExtendedLineStructure.Rules,
    ];
}
