using System.Collections.Frozen;
using static Comptoir.FacturX.Validation.FacturX.StructureTable;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// BASIC and BASIC WL as subsets of the EN 16931 profile: their business-rule asserts are the EN 16931 profile's,
/// same contexts, tests and flags, each a pattern of its own, less the rules each leaves out; their structure rules
/// are their own tables. The few structure asserts that sit in the patterns of business rules are tables of their own
/// (EXTENDED keeps those of the agreement's parties and the preceding invoice, not those of the line settlement).
/// </summary>
internal static class ProfileRuleSubsets
{
    private static readonly StructureTable AgreementParties = new(
        Rule("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement",
            One("ram:SellerTradeParty", "000027"),
            One("ram:BuyerTradeParty", "000028")));

    private static readonly StructureTable PrecedingInvoice = new(
        Rule("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument",
            One("ram:IssuerAssignedID", "000415")));

    private static readonly StructureTable LineSettlement = new(
        Rule("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement",
            One("ram:ApplicableTradeTax", "000278"),
            One("ram:SpecifiedTradeSettlementLineMonetarySummation", "000279"),
            AtMostOne("ram:AdditionalReferencedDocument", "000293"),
            AtMostOne("ram:ReceivableSpecifiedTradeAccountingAccount", "000614")));

    /// <summary>BASIC has no supporting documents (BR-52), financial cards (BR-51) nor the CII-SR-474 to 476 warnings.</summary>
    private static readonly FrozenSet<string> LeftOutOfBasic = Set("BR-51", "BR-52", "CII-SR-474", "CII-SR-475", "CII-SR-476");

    /// <summary>BASIC WL has no lines, so none of the line rules, nor the category rules that read lines.</summary>
    private static readonly FrozenSet<string> LeftOutOfBasicWl = Set(
        "BR-16", "BR-21", "BR-22", "BR-23", "BR-24", "BR-25", "BR-26", "BR-27", "BR-28", "BR-30", "BR-41", "BR-42", "BR-43", "BR-44",
        "BR-51", "BR-52", "BR-54", "BR-64", "BR-65", "BR-AE-01", "BR-AE-02", "BR-AE-05", "BR-AE-08", "BR-AF-01", "BR-AF-02", "BR-AF-05",
        "BR-AF-08", "BR-AG-01", "BR-AG-02", "BR-AG-05", "BR-AG-08", "BR-B-01", "BR-B-02", "BR-CO-04", "BR-CO-07", "BR-CO-08", "BR-CO-10",
        "BR-CO-20", "BR-CO-23", "BR-CO-24", "BR-DEC-23", "BR-DEC-24", "BR-DEC-25", "BR-DEC-27", "BR-DEC-28", "BR-E-01", "BR-E-02",
        "BR-E-05", "BR-E-08", "BR-G-01", "BR-G-02", "BR-G-05", "BR-G-08", "BR-IC-01", "BR-IC-02", "BR-IC-05", "BR-IC-08", "BR-O-01",
        "BR-O-02", "BR-O-05", "BR-O-08", "BR-O-12", "BR-S-01", "BR-S-02", "BR-S-05", "BR-S-08", "BR-Z-01", "BR-Z-02", "BR-Z-05",
        "BR-Z-08", "CII-SR-474", "CII-SR-475", "CII-SR-476", "PEPPOL-EN16931-R008");

    /// <summary>The EN 16931 profile's business rules the profile does not have.</summary>
    public static FrozenSet<string> LeftOut(FacturXProfile profile) => profile switch
    {
        FacturXProfile.Basic => LeftOutOfBasic,
        FacturXProfile.BasicWl => LeftOutOfBasicWl,
        _ => FrozenSet<string>.Empty,
    };

    /// <summary>The profile's structure tables, each a pattern of the official rules.</summary>
    public static StructureTable[] Structure(FacturXProfile profile) => profile switch
    {
        FacturXProfile.Basic => [BasicProfileStructure.Rules, AgreementParties, PrecedingInvoice],
        FacturXProfile.BasicWl => [BasicWlProfileStructure.Rules, AgreementParties, PrecedingInvoice],
        FacturXProfile.Extended => [.. ExtendedProfileStructure.Rules, AgreementParties, PrecedingInvoice],
        _ => [En16931ProfileStructure.Rules, AgreementParties, PrecedingInvoice, LineSettlement],
    };

    private static FrozenSet<string> Set(params string[] ids) => ids.ToFrozenSet(StringComparer.Ordinal);
}
