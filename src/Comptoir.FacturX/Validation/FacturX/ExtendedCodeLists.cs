using System.Collections.Frozen;
using Comptoir.FacturX.Validation.CodeLists;

namespace Comptoir.FacturX.Validation.FacturX;

/// <summary>
/// The code lists of the Factur-X 1.09.2 EXTENDED rule set (FACTUR-X_EXTENDED_codedb.xml) that no other profile
/// uses; where EXTENDED states a list as another profile does, its structure rules use that one.
/// </summary>
internal static class ExtendedCodeLists
{
    /// <summary>EXTENDED's specification identifiers (code list 1).</summary>
    public static readonly FrozenSet<string> Guidelines = Set(
        "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended");

    /// <summary>ISO 639-2 language codes (the document language).</summary>
    public static readonly FrozenSet<string> Languages = Split(
        "aar abk ace ach ada ady afa afh afr ain aka akk alb ale alg alt amh ang anp apa ara arc arg arm arn " +
        "arp art arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej bel bem ben " +
        "ber bho bih bik bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad cai car cat cau ceb cel " +
        "ces cha chb che chg chk chm chn cho chp chr chu chv chy cmc cnr cop cor cos cpe cpf cpp cre crh crp " +
        "csb cus cym cze dak dan dar day del den deu dgr din div doi dra dsb dua dum dut dyu dzo efi egy eka " +
        "ell elx eng enm epo est eus ewe ewo fan fao fas fat fij fil fin fiu fon fra fre frm fro frr frs fry " +
        "ful fur gaa gay gba gem geo ger gez gil gla gle glg glv gmh goh gon gor got grb grc gre grn gsw guj " +
        "gwi hai hat hau haw heb her hil him hin hit hmn hmo hrv hsb hun hup hye iba ibo ice ido iii ijo iku " +
        "ile ilo ina inc ind ine inh ipk ira iro isl ita jav jbo jpn jpr jrb kaa kab kac kal kam kan kar kas " +
        "kat kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok kom kon kor kos kpe krc krl kro kru kua kum " +
        "kur kut lad lah lam lao lat lav lez lim lin lit lol loz ltz lua lub lug lui lun luo lus mac mad mag " +
        "mah mai mak mal man mao map mar mas may mdf mdr men mga mic min mis mkd mkh mlg mlt mnc mni mno moh " +
        "mon mos mri msa mul mun mus mwl mwr mya myn myv nah nai nap nau nav nbl nde ndo nds nep new nia nic " +
        "niu nld nno nob nog non nor nqo nso nub nwc nya nym nyn nyo nzi oci oji ori orm osa oss ota oto paa " +
        "pag pal pam pan pap pau peo per phi phn pli pol pon por pra pro pus qaa-qtz que raj rap rar roa roh " +
        "rom ron rum run rup rus sad sag sah sai sal sam san sas sat scn sco sel sem sga sgn shn sid sin sio " +
        "sit sla slk slo slv sma sme smi smj smn smo sms sna snd snk sog som son sot spa sqi srd srn srp srr " +
        "ssa ssw suk sun sus sux swa swe syc syr tah tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv " +
        "tkl tlh tli tmh tog ton tpi tsi tsn tso tuk tum tup tur tut tvl twi tyv udm uga uig ukr umb und urd " +
        "uzb vai ven vie vol vot wak wal war was wel wen wln wol xal xho yao yap yid yor ypk zap zbl zen zgh " +
        "zha zho znd zul zun zxx zza ");

    /// <summary>UNTDID 1229 action codes 1 to 119 (a line's status code).</summary>
    public static readonly FrozenSet<string> LineStatusActions = Split(
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 " +
        "37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 " +
        "70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 " +
        "102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 117 118 119 ");

    /// <summary>A line's status (BT-X-7): a detail line, a group of lines or an information line.</summary>
    public static readonly FrozenSet<string> LineStatusCodes = Set("DETAIL", "GROUP", "INFORMATION");

    /// <summary>The ICD list of the party identifiers, with the BY and SE schemes EXTENDED adds.</summary>
    public static readonly FrozenSet<string> PartyIdentifierSchemes = En16931CodeLists.Icd.Append("BY").Append("SE").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Incoterms 2020 and the UNTDID 4053 codes 1 and 2 (delivery terms).</summary>
    public static readonly FrozenSet<string> Incoterms = Split(
        "1 2 CFR CIF CIP CPT DAP DDP DPU EXW FAS FCA FOB ");

    /// <summary>The date-time formats of an additional document's issue date: 102 (date) and 205 (date and time).</summary>
    public static readonly FrozenSet<string> DateTimeFormats = Set("102", "205");

    /// <summary>The MIME codes of an attached document in EXTENDED: the EN 16931 profile's, JSON and XML.</summary>
    public static readonly FrozenSet<string> AttachmentMimeCodes = FacturXCodeLists.AttachmentMimeCodes
        .Append("application/json").Append("application/xml").Append("text/xml").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>UNTDID 5153 tax types.</summary>
    public static readonly FrozenSet<string> TaxTypes = Split(
        "AAA AAB AAC AAD AAE AAF AAG AAH AAI AAJ AAK AAL AAM AAO AAP ADD BOL CAP CAR COC CST CUD CVD ENV EXC " +
        "EXP FET FRE GCN GST ILL IMP IND LAC LCN LDP LOC LST MCA MCD OTH PDB PDC PRF SCN SSS STT SUP SUR SWT " +
        "TAC TOT TOX TTA VAD VAT ");

    /// <summary>UNTDID 5153 tax types other than VAT (a line's other taxes).</summary>
    public static readonly FrozenSet<string> TaxTypesButVat = TaxTypes.Where(t => t != "VAT").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The document types of a referenced invoice: the CII document types without 471 to 473 and 500 to 503.</summary>
    public static readonly FrozenSet<string> ReferencedDocumentTypes = En16931CodeLists.CiiDocumentTypes
        .Where(t => t is not ("471" or "472" or "473" or "500" or "501" or "502" or "503")).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>UNTDID 1153 reference qualifiers, with the French CONTRAT and MARCHE.</summary>
    public static readonly FrozenSet<string> ReferenceQualifiers = En16931CodeLists.ReferenceQualifiers
        .Append("CONTRAT").Append("MARCHE").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>UNECE recommendation 19 transport modes (0 to 9).</summary>
    public static readonly FrozenSet<string> TransportModes = Set("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /// <summary>The types of the seller's receivable accounting account (1 to 7).</summary>
    public static readonly FrozenSet<string> AccountingAccountTypes = Set("1", "2", "3", "4", "5", "6", "7");

    /// <summary>UNTDID 6313 and the Factur-X extension: the item attribute codes BR-FXEXT-04 recommends.</summary>
    public static readonly FrozenSet<string> ProductCharacteristicTypes = Split(
        "A AAA AAB AAC AAD AAF AAG AAH AAI AAJ AAK AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX AAY AAZ " +
        "ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABS ABT ABX ABY ABZ ACA ACE ACG ACN " +
        "ACP ACS ACV ACW ACX ADR ADS ADT ADU ADV ADW ADX ADY ADZ AEA AEB AEC AED AEE AEF AEG AEH AEI AEJ AEK " +
        "AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AF AFA AFB AFC AFD AFE AFF AFG AFH AFI " +
        "AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW AFX B BL BMY BMZ BNA BNB BNC BND BNE BNF " +
        "BNG BNH BNI BNJ BNK BNL BNM BNN BNO BNP BNQ BNR BNS BNT BNU BNV BNW BNX BNY BNZ BR BRA BRB BRC BRD " +
        "BRE BRF BRG BRH BRI BRJ BRK BRL BRM BRN BRO BRP BRQ BRR BRS BRT BRU BRV BS BSW BSX BSY BSZ BTA BTB " +
        "BTC BTD BTE BTF BTG BTH BTI BTJ BTK BTL BTM BW CHN CHO CM CT CV CZ D DI DL DN DP DR DS DW E EA F FI " +
        "FL FN FV GG GW HF HM HT IB ID L LM LN LND M MO MW N OD PRS PTN RA RF RJ RMW RP RUN RY SQ T TC TH TN " +
        "TT VGM VH VW WA WD WM WU XH XQ XZ YS ZAL ZAS ZB ZBI ZC ZCA ZCB ZCE ZCL ZCO ZCR ZCU ZFE ZFS ZGE ZH " +
        "ZK ZMG ZMN ZMO ZN ZNA ZNB ZNI ZO ZP ZPB ZS ZSB ZSE ZSI ZSL ZSN ZTA ZTE ZTI ZV ZW ZWA ZZN ZZR ZZZ " +
        "BEST_BEFORE_DATE COLOR_TEXT COMMISSION DEPOSIT_SYSTEM DEPOSIT_TYPE ENERGY_CLASS EXPIRATION_DATE FEE " +
        "KIND_OF_ARTICLE MATERIAL METER_LOCATION METER_NUMBER ORGANIC_CONTROL_BODY PACKAGING_MATERIAL " +
        "PACKAGING_TYPE PROMOTIONAL_VARIANT SEAL_NUMBER SIZE_CODE SIZE_TEXT TRADING_UNIT WASTE_CODE " +
        "WASTE_FRACTION WEEE_NUMBER ");

    private static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
