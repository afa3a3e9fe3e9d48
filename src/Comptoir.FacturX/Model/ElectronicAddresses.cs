namespace Comptoir.FacturX.Model;

/// <summary>
/// Chooses a party's electronic address (BT-34 / BT-49) the way the French reform's directory does by default:
/// an explicit e-invoicing address first, then a French company's SIREN (scheme 0225), then a VAT number with its
/// country's EAS scheme, then an e-mail address (scheme EM).
/// </summary>
public static class ElectronicAddresses
{
    /// <summary>Scheme of the French e-invoicing directory (SIREN, SIREN_SIRET or SIREN_SIRET_routing code).</summary>
    public const string FrenchDirectory = "0225";

    /// <summary>CEF EAS codes of the EU VAT number schemes.</summary>
    private static readonly Dictionary<string, string> VatSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = "9914", ["BE"] = "9925", ["BG"] = "9926", ["CY"] = "9928", ["CZ"] = "9929", ["DE"] = "9930",
        ["EE"] = "9931", ["EL"] = "9933", ["GR"] = "9933", ["HR"] = "9934", ["IE"] = "9935", ["IT"] = "0211",
        ["LT"] = "9937", ["LU"] = "9938", ["LV"] = "9939", ["MT"] = "9940", ["NL"] = "9944", ["PL"] = "9945",
        ["PT"] = "9946", ["RO"] = "9947", ["SI"] = "9949", ["SK"] = "9950", ["ES"] = "9920", ["HU"] = "9910",
        ["SE"] = "9955", ["FR"] = "9957", ["DK"] = "0198", ["FI"] = "0213",
    };

    /// <summary>Picks the best address from what is known of a party; null when nothing usable is known.</summary>
    public static ElectronicAddress? Choose(string? explicitAddress, string? siren, string? vatNumber, string? email)
    {
        if (!string.IsNullOrWhiteSpace(explicitAddress))
        {
            var value = explicitAddress.Trim();
            return value.Contains('@', StringComparison.Ordinal) ? new ElectronicAddress(value, "EM") : new ElectronicAddress(value, FrenchDirectory);
        }

        if (Siren.TryNormalize(siren, out var normalized))
        {
            return new ElectronicAddress(normalized, FrenchDirectory);
        }

        if (!string.IsNullOrWhiteSpace(vatNumber))
        {
            var vat = vatNumber.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (vat.Length > 2 && VatSchemes.TryGetValue(vat[..2], out var scheme))
            {
                return new ElectronicAddress(vat, scheme);
            }
        }

        return string.IsNullOrWhiteSpace(email) ? null : new ElectronicAddress(email.Trim(), "EM");
    }
}

/// <summary>French company identifiers: SIREN (9 digits) and SIRET (14 digits, starting with the SIREN).</summary>
public static class Siren
{
    /// <summary>Accepts a SIREN or a SIRET (spaces allowed) and returns the 9-digit SIREN.</summary>
    public static bool TryNormalize(string? value, out string siren)
    {
        siren = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var digits = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!digits.All(char.IsAsciiDigit) || (digits.Length != 9 && digits.Length != 14))
        {
            return false;
        }

        siren = digits[..9];
        return true;
    }

    /// <summary>The SIREN inside a French VAT number (FRkk + 9 digits), if it is one.</summary>
    public static bool TryFromFrenchVat(string? vatNumber, out string siren)
    {
        siren = string.Empty;
        var vat = vatNumber?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return vat is { Length: 13 } && vat.StartsWith("FR", StringComparison.Ordinal) && TryNormalize(vat[4..], out siren);
    }
}
