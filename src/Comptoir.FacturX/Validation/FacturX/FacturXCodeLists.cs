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

    /// <summary>ISO 4217 as the Factur-X lists state it: the EN 16931 list with STN where that one has STD.</summary>
    public static readonly FrozenSet<string> Currencies = CodeLists.En16931CodeLists.Currencies
        .Where(c => c != "STD").Append("STN").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The prefixes BR-CO-09 accepts, as the Factur-X rules write them (a space before and after each).</summary>
    public const string VatPrefixes =
        " 1A AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW ";
}
