using System.Collections.Frozen;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The code lists of the Factur-X 1.09.2 rule sets (FACTUR-X_*_codedb.xml) where they differ from the EN 16931
/// ones; the others (document types, ICD, countries) are the same lists as <c>En16931CodeLists</c>.
/// </summary>
internal static class FacturXCodeLists
{
    /// <summary>MINIMUM's specification identifiers (code list 1).</summary>
    public static readonly FrozenSet<string> MinimumGuidelines = new[] { "urn:factur-x.eu:1p0:minimum", "urn:zugferd.de:2p0:minimum" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Date formats (code list 3): 102 only.</summary>
    public static readonly FrozenSet<string> DateFormats = new[] { "102" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The EN 16931 profile's specification identifier (code list 1).</summary>
    public static readonly FrozenSet<string> En16931Guidelines = Set("urn:cen.eu:en16931:2017");

    /// <summary>BASIC's specification identifiers.</summary>
    public static readonly FrozenSet<string> BasicGuidelines = Set("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic");

    /// <summary>BASIC WL's specification identifiers.</summary>
    public static readonly FrozenSet<string> BasicWlGuidelines = Set("urn:factur-x.eu:1p0:basicwl", "urn:zugferd.de:2p0:basicwl");

    /// <summary>The ICD list as the Factur-X lists state it: the EN 16931 list up to 0240 (no 0241 to 0248).</summary>
    public static readonly FrozenSet<string> IcdUpTo0240 = CodeLists.En16931CodeLists.Icd
        .Where(c => string.CompareOrdinal(c, "0241") < 0 || string.CompareOrdinal(c, "0248") > 0).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The electronic address schemes as the Factur-X lists state them: the EN 16931 list without 0219 and 0220.</summary>
    public static readonly FrozenSet<string> ElectronicAddressSchemes = CodeLists.En16931CodeLists.ElectronicAddressSchemes
        .Where(c => c is not "0219" and not "0220").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The VAT categories as the Factur-X lists state them: the EN 16931 list without B (split payment).</summary>
    public static readonly FrozenSet<string> VatCategories = CodeLists.En16931CodeLists.VatCategories
        .Where(c => c != "B").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The tax scheme of a tax registration the profiles accept (VA).</summary>
    public static readonly FrozenSet<string> VatScheme = Set("VA");

    /// <summary>The tax type code the profiles accept (VAT).</summary>
    public static readonly FrozenSet<string> VatTaxType = Set("VAT");

    /// <summary>An additional document's type codes the EN 16931 profile distinguishes: tender (50), invoiced object (130), supporting document (916).</summary>
    public static readonly FrozenSet<string> ReferencedDocumentTypes = Set("50", "130", "916");

    public static readonly FrozenSet<string> TenderType = Set("50");

    public static readonly FrozenSet<string> InvoicedObjectType = Set("130");

    public static readonly FrozenSet<string> SupportingDocumentType = Set("916");

    /// <summary>The MIME codes of an attached supporting document (BT-125).</summary>
    public static readonly FrozenSet<string> AttachmentMimeCodes = Set(
        "application/pdf", "image/png", "image/jpeg", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet");

    /// <summary>ISO 4217 as the Factur-X lists state it: the EN 16931 list with STN where that one has STD.</summary>
    public static readonly FrozenSet<string> Currencies = CodeLists.En16931CodeLists.Currencies
        .Where(c => c != "STD").Append("STN").ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The prefixes BR-CO-09 accepts, as the Factur-X rules write them (a space before and after each).</summary>
    public const string VatPrefixes =
        " 1A AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW ";
}
