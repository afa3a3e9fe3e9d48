using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Layout;

/// <summary>
/// The printed name of an item's unit, in the invoice's language: French invoices say "heures", not "hour". The
/// name comes from the unit's UN/ECE Rec 20 code (<see cref="UnitCodes"/>), so "hour", "hours" and "HUR" print
/// alike; a unit the table does not know prints as given.
/// </summary>
internal static class UnitNames
{
    private static readonly Dictionary<string, (string One, string Many)> French = new(StringComparer.Ordinal)
    {
        ["H87"] = ("pièce", "pièces"),
        ["HUR"] = ("heure", "heures"),
        ["MIN"] = ("minute", "minutes"),
        ["SEC"] = ("seconde", "secondes"),
        ["DAY"] = ("jour", "jours"),
        ["WEE"] = ("semaine", "semaines"),
        ["MON"] = ("mois", "mois"),
        ["ANN"] = ("an", "ans"),
        ["MTR"] = ("mètre", "mètres"),
        ["CMT"] = ("cm", "cm"),
        ["MMT"] = ("mm", "mm"),
        ["KMT"] = ("km", "km"),
        ["MTK"] = ("m²", "m²"),
        ["MTQ"] = ("m³", "m³"),
        ["GRM"] = ("g", "g"),
        ["KGM"] = ("kg", "kg"),
        ["TNE"] = ("tonne", "tonnes"),
        ["LTR"] = ("litre", "litres"),
        ["MLT"] = ("ml", "ml"),
        ["KWH"] = ("kWh", "kWh"),
        ["XPK"] = ("colis", "colis"),
        ["LS"] = ("forfait", "forfaits"),
        ["SET"] = ("lot", "lots"),
        ["PR"] = ("paire", "paires"),
    };

    private static readonly Dictionary<string, (string One, string Many)> English = new(StringComparer.Ordinal)
    {
        ["H87"] = ("piece", "pieces"),
        ["HUR"] = ("hour", "hours"),
        ["MIN"] = ("minute", "minutes"),
        ["SEC"] = ("second", "seconds"),
        ["DAY"] = ("day", "days"),
        ["WEE"] = ("week", "weeks"),
        ["MON"] = ("month", "months"),
        ["ANN"] = ("year", "years"),
        ["MTR"] = ("metre", "metres"),
        ["CMT"] = ("cm", "cm"),
        ["MMT"] = ("mm", "mm"),
        ["KMT"] = ("km", "km"),
        ["MTK"] = ("m²", "m²"),
        ["MTQ"] = ("m³", "m³"),
        ["GRM"] = ("g", "g"),
        ["KGM"] = ("kg", "kg"),
        ["TNE"] = ("tonne", "tonnes"),
        ["LTR"] = ("litre", "litres"),
        ["MLT"] = ("ml", "ml"),
        ["KWH"] = ("kWh", "kWh"),
        ["XPK"] = ("package", "packages"),
        ["LS"] = ("lump sum", "lump sums"),
        ["SET"] = ("set", "sets"),
        ["PR"] = ("pair", "pairs"),
    };

    /// <summary>The unit's name for <paramref name="quantity"/> units; empty for the plain unit (C62) or no unit.</summary>
    public static string For(string? unit, decimal quantity, bool french)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var code = UnitCodes.ToRec20(unit);
        if (code == UnitCodes.Unit && !IsPlainUnit(unit))
        {
            return UnitCodes.Label(unit);
        }

        var table = french ? French : English;
        if (!table.TryGetValue(code, out var names))
        {
            return string.Empty;
        }

        // French takes the plural from 2 on ("1,5 heure"); English everywhere but 1 ("1.5 hours").
        var plural = french ? Math.Abs(quantity) >= 2m : Math.Abs(quantity) != 1m;
        return plural ? names.Many : names.One;
    }

    private static bool IsPlainUnit(string unit) => unit.Trim().ToLowerInvariant() is "unit" or "units" or "item" or "c62";
}
