namespace Comptoir.FacturX.Model;

/// <summary>Maps the API's item units onto UN/ECE Recommendation 20 codes (BT-130).</summary>
public static class UnitCodes
{
    /// <summary>The "one" unit used when nothing better is known.</summary>
    public const string Unit = "C62";

    private static readonly Dictionary<string, string> ApiUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unit"] = "C62",
        ["units"] = "C62",
        ["piece"] = "H87",
        ["pieces"] = "H87",
        ["item"] = "C62",
        ["hour"] = "HUR",
        ["hours"] = "HUR",
        ["minute"] = "MIN",
        ["second"] = "SEC",
        ["day"] = "DAY",
        ["days"] = "DAY",
        ["week"] = "WEE",
        ["month"] = "MON",
        ["months"] = "MON",
        ["year"] = "ANN",
        ["meter"] = "MTR",
        ["metre"] = "MTR",
        ["centimeter"] = "CMT",
        ["millimeter"] = "MMT",
        ["kilometer"] = "KMT",
        ["square_meter"] = "MTK",
        ["cubic_meter"] = "MTQ",
        ["gram"] = "GRM",
        ["kilogram"] = "KGM",
        ["ton"] = "TNE",
        ["liter"] = "LTR",
        ["litre"] = "LTR",
        ["milliliter"] = "MLT",
        ["kilowatt_hour"] = "KWH",
        ["package"] = "XPK",
        ["lump_sum"] = "LS",
        ["set"] = "SET",
        ["pair"] = "PR",
    };

    private static readonly HashSet<string> KnownCodes = new(ApiUnits.Values, StringComparer.Ordinal);

    /// <summary>The Rec 20 code for an API unit; a value that already is a known code is kept; anything else is C62.</summary>
    public static string ToRec20(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return Unit;
        }

        var trimmed = unit.Trim();
        if (ApiUnits.TryGetValue(trimmed, out var code))
        {
            return code;
        }

        return KnownCodes.Contains(trimmed) ? trimmed : Unit;
    }

    /// <summary>A short label for the PDF: the API unit as given, or nothing for the plain unit.</summary>
    public static string Label(string? unit) => string.IsNullOrWhiteSpace(unit) ? string.Empty : unit.Trim().Replace('_', ' ');
}
