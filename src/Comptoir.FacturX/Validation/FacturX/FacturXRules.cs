using Comptoir.FacturX.Validation.Rules;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The Factur-X 1.09.2 structure rules (FX-SCH-A-*) of the profiles the validator implements: official id and
/// text. The two kinds of report the official rules leave without an id (an attribute or an element the profile
/// does not use) get one here, so that a caller can tell them apart; <see cref="Unnamed"/> lists them.
/// </summary>
internal static class FacturXRules
{
    public static readonly Rule AttributeNotUsed = new("FX-ATTRIBUTE-NOT-USED", "The attribute is marked as not used in the given context of this Factur-X profile.");

    public static readonly Rule ElementNotUsed = new("FX-ELEMENT-NOT-USED", "The element is marked as not used in the given context of this Factur-X profile.");

    /// <summary>The ids given here to reports that have none in the official rules.</summary>
    public static readonly IReadOnlySet<string> Unnamed = new HashSet<string>(StringComparer.Ordinal) { AttributeNotUsed.Id, ElementNotUsed.Id };

    public static readonly Rule FxSchA000019 = new("FX-SCH-A-000019", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000020 = new("FX-SCH-A-000020", "Element 'ram:TypeCode' must occur exactly 1 times.");

    public static readonly Rule FxSchA000021 = new("FX-SCH-A-000021", "Attribute '@format' is required in this context.");

    public static readonly Rule FxSchA000022 = new("FX-SCH-A-000022", "Value of '@format' is not allowed.");

    public static readonly Rule FxSchA000023 = new("FX-SCH-A-000023", "Value of 'ram:TypeCode' is not allowed.");

    public static readonly Rule FxSchA000024 = new("FX-SCH-A-000024", "Element 'ram:BusinessProcessSpecifiedDocumentContextParameter' may occur at maximum 1 times.");

    public static readonly Rule FxSchA000025 = new("FX-SCH-A-000025", "Element 'ram:GuidelineSpecifiedDocumentContextParameter' must occur exactly 1 times.");

    public static readonly Rule FxSchA000406 = new("FX-SCH-A-000406", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000407 = new("FX-SCH-A-000407", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000026 = new("FX-SCH-A-000026", "Value of 'ram:ID' is not allowed.");

    public static readonly Rule FxSchA000027 = new("FX-SCH-A-000027", "Element 'ram:SellerTradeParty' must occur exactly 1 times.");

    public static readonly Rule FxSchA000028 = new("FX-SCH-A-000028", "Element 'ram:BuyerTradeParty' must occur exactly 1 times.");

    public static readonly Rule FxSchA000029 = new("FX-SCH-A-000029", "Element 'ram:IssuerAssignedID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000030 = new("FX-SCH-A-000030", "Element 'ram:Name' must occur exactly 1 times.");

    public static readonly Rule FxSchA000408 = new("FX-SCH-A-000408", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000031 = new("FX-SCH-A-000031", "Value of '@schemeID' is not allowed.");

    public static readonly Rule FxSchA000409 = new("FX-SCH-A-000409", "Element 'ram:Name' must occur exactly 1 times.");

    public static readonly Rule FxSchA000032 = new("FX-SCH-A-000032", "Element 'ram:PostalTradeAddress' must occur exactly 1 times.");

    public static readonly Rule FxSchA000033 = new("FX-SCH-A-000033", "Element variant 'ram:SpecifiedTaxRegistration[ram:ID/@schemeID=\"VA\"]' may occur at maximum 1 times.");

    public static readonly Rule FxSchA000034 = new("FX-SCH-A-000034", "Element variant 'ram:SpecifiedTaxRegistration[ram:ID/@schemeID=\"FC\"]' may occur at maximum 1 times.");

    public static readonly Rule FxSchA000035 = new("FX-SCH-A-000035", "Element 'ram:CountryID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000036 = new("FX-SCH-A-000036", "Value of 'ram:CountryID' is not allowed.");

    public static readonly Rule FxSchA000410 = new("FX-SCH-A-000410", "Value of '@schemeID' is not allowed.");

    public static readonly Rule FxSchA000411 = new("FX-SCH-A-000411", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000037 = new("FX-SCH-A-000037", "Attribute '@schemeID' is required in this context.");

    public static readonly Rule FxSchA000412 = new("FX-SCH-A-000412", "Element 'ram:ID' must occur exactly 1 times.");

    public static readonly Rule FxSchA000413 = new("FX-SCH-A-000413", "Attribute '@schemeID' is required in this context.");

    public static readonly Rule FxSchA000038 = new("FX-SCH-A-000038", "Element 'ram:InvoiceCurrencyCode' must occur exactly 1 times.");

    public static readonly Rule FxSchA000039 = new("FX-SCH-A-000039", "Element 'ram:SpecifiedTradeSettlementHeaderMonetarySummation' must occur exactly 1 times.");

    public static readonly Rule FxSchA000040 = new("FX-SCH-A-000040", "Value of 'ram:InvoiceCurrencyCode' is not allowed.");

    public static readonly Rule FxSchA000041 = new("FX-SCH-A-000041", "Element 'ram:TaxBasisTotalAmount' must occur exactly 1 times.");

    public static readonly Rule FxSchA000042 = new("FX-SCH-A-000042", "Element variant 'ram:TaxTotalAmount[@currencyID=../../ram:InvoiceCurrencyCode]' may occur at maximum 1 times.");

    public static readonly Rule FxSchA000192 = new("FX-SCH-A-000192", "Element variant 'ram:TaxTotalAmount[@currencyID=../../ram:TaxCurrencyCode]' may occur at maximum 1 times.");

    public static readonly Rule FxSchA000043 = new("FX-SCH-A-000043", "Element 'ram:GrandTotalAmount' must occur exactly 1 times.");

    public static readonly Rule FxSchA000044 = new("FX-SCH-A-000044", "Element 'ram:DuePayableAmount' must occur exactly 1 times.");

    public static readonly Rule FxSchA000045 = new("FX-SCH-A-000045", "Value of '@currencyID' is not allowed.");

    public static readonly Rule FxSchA000414 = new("FX-SCH-A-000414", "Value of '@currencyID' is not allowed.");
}
