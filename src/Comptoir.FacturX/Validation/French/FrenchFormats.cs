using System.Text.RegularExpressions;
using Comptoir.FacturX.Validation.Engine;

namespace Comptoir.FacturX.Validation.French;

/// <summary>The formats and code lists the French rules' custom functions test, as the Schematron states them.</summary>
internal static partial class FrenchFormats
{
    /// <summary>BT-3 values allowed in France (custom:is-valid-document-type-code).</summary>
    public static readonly string[] DocumentTypes = ["380", "389", "393", "501", "386", "500", "384", "471", "472", "473", "261", "262", "381", "396", "502", "503"];

    /// <summary>BT-23, the billing mode (custom:is-valid-billing-mode).</summary>
    public static readonly string[] BillingModes = ["B1", "S1", "M1", "B2", "S2", "M2", "S3", "B4", "S4", "M4", "S5", "S6", "B7", "S7", "B8", "S8", "M8", "B9", "S9", "M9"];

    /// <summary>The VAT categories that exist in France (custom:is-valid-vat-category-code).</summary>
    public static readonly string[] VatCategories = ["S", "E", "AE", "K", "G", "O", "Z"];

    /// <summary>The French VAT rates, written as the rule accepts them (custom:is-valid-vat-rate): "20.0" yes, "20.000" no.</summary>
    public static readonly string[] VatRates =
    [
        "0", "0.0", "0.00", "10", "10.0", "10.00", "13", "13.0", "13.00", "20", "20.0", "20.00",
        "8.5", "8.50", "19.6", "19.60", "2.1", "2.10", "5.5", "5.50", "7", "7.0", "7.00",
        "20.6", "20.60", "1.05", "0.9", "0.90", "1.75", "9.2", "9.20", "9.6", "9.60",
    ];

    /// <summary>BT-123 codes of an attachment (custom:is-valid-attachment-code).</summary>
    public static readonly string[] AttachmentCodes =
    [
        "RIB", "LISIBLE", "FEUILLE_DE_STYLE", "PJA", "BORDEREAU_SUIVI", "DOCUMENT_ANNEXE", "BON_LIVRAISON", "BON_COMMANDE",
        "BORDEREAU_SUIVI_VALIDATION", "ETAT_ACOMPTE", "FACTURE_PAIEMENT_DIRECT", "RECAPITULATIF_COTRAITANCE",
    ];

    /// <summary>The treatments a BAR note may name (custom:is-valid-bar-treatment).</summary>
    public static readonly string[] BarTreatments = ["B2B", "B2BINT", "B2C", "B2CINT", "OUTOFSCOPE", "ARCHIVEONLY"];

    /// <summary>The self-billed document types (BT-3) the BAR/B2B and multi-vendor rules set apart.</summary>
    public static readonly string[] SelfBilledTypes = ["389", "501", "500", "471", "473", "261", "502"];

    /// <summary>custom:is-valid-id-format: letters, digits, + - _ / once spaces are normalized, and no space at all.</summary>
    public static bool IsInvoiceNumber(string id) => InvoiceNumber().IsMatch(XsValues.NormalizeSpace(id)) && !id.Contains(' ', StringComparison.Ordinal);

    /// <summary>custom:is-valid-schemeid-format (an electronic address or private identifier): letters, digits, + - _ .</summary>
    public static bool IsSchemeIdentifier(string value) => SchemeIdentifier().IsMatch(value);

    /// <summary>custom:is-valid-date-format: a real date AAAAMMJJ of 2000-2099 in the first 8 characters.</summary>
    public static bool IsDate(string text)
    {
        var date = FrenchXPath.Prefix(text, 8);
        if (!DatePattern().IsMatch(date))
        {
            return false;
        }

        // number() of a non-ASCII digit is NaN, which every comparison below then fails, as in XPath.
        var year = FrenchXPath.Number(date[..4]);
        var month = FrenchXPath.Number(date[4..6]);
        var day = FrenchXPath.Number(date[6..8]);
        var leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        double maxDay = month switch
        {
            1 or 3 or 5 or 7 or 8 or 10 or 12 => 31,
            4 or 6 or 9 or 11 => 30,
            2 when leap => 29,
            2 => 28,
            _ => 0,
        };
        return day <= maxDay;
    }

    /// <summary>custom:check-siret-siren-coherence: 14 digits starting with the SIREN.</summary>
    public static bool IsSiretOf(string siret, string? siren) => Siret().IsMatch(siret) && siren is not null && FrenchXPath.Prefix(siret, 9) == siren;

    /// <summary>matches(x, '^\d{9}$'): a SIREN's shape (the rules check no checksum).</summary>
    public static bool IsSiren(string text) => Siren().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9+\-_/]+\z")]
    private static partial Regex InvoiceNumber();

    [GeneratedRegex(@"^[A-Za-z0-9+\-_.]+\z")]
    private static partial Regex SchemeIdentifier();

    [GeneratedRegex(@"^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\z")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{14}\z")]
    private static partial Regex Siret();

    [GeneratedRegex(@"^\d{9}\z")]
    private static partial Regex Siren();
}
