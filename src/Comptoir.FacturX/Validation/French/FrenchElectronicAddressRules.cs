using System.Xml.Linq;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// Electronic addresses (BT-34, BT-49 and the other parties') and private identifiers (scheme 0224): both the
/// seller's and the buyer's address are given (BR-FR-12, BR-FR-13); for B2B the addressee's is its SIREN under scheme
/// 0225 (BR-FR-21, BR-FR-22); a 0225 address or 0224 identifier uses letters, digits, + - _ . only (BR-FR-23,
/// BR-FR-24), within 125 and 100 characters (BR-FR-25, BR-FR-26).
/// </summary>
internal static class FrenchElectronicAddressRules
{
    private const int MaxAddressLength = 125;
    private const int MaxPrivateIdLength = 100;

    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        f.Require(FrenchXPath.String(Addresses(d.Buyers)).Length > 0, "BR-FR-12_BT-49", d.Root);
        f.Require(FrenchXPath.String(Addresses(d.Sellers)).Length > 0, "BR-FR-13_BT-34", d.Root);

        // The addressee of a B2B invoice is the buyer, of a self-billed one (the buyer issues it) the seller.
        var isB2B = FrenchXPath.AnyIs(d.BarTreatments, "B2B");
        var isSelfBilled = FrenchXPath.AnyIs(d.TypeCodes, FrenchFormats.SelfBilledTypes);
        f.Require(!(isB2B && !isSelfBilled) || AddressIsSiren(d.Buyers), "BR-FR-21_BT-49", d.Root);
        f.Require(!(isB2B && isSelfBilled) || AddressIsSiren(d.Sellers), "BR-FR-22_BT-34", d.Root);

        foreach (var (parties, term) in new (IEnumerable<XElement> Parties, string Term)[]
        {
            (d.Sellers, "BT-34"), (d.Buyers, "BT-49"), (d.BuyerAgents, "EXT-FR-FE-12"), (d.Payees, "EXT-FR-FE-29"),
            (d.Payers, "EXT-FR-FE-52"), (d.SalesAgents, "EXT-FR-FE-75"), (d.Invoicees, "EXT-FR-FE-98"), (d.Invoicers, "EXT-FR-FE-121"),
        })
        {
            foreach (var address in Addresses(parties))
            {
                if ((string?)address.Attribute("schemeID") == "0225")
                {
                    f.Require(FrenchFormats.IsSchemeIdentifier(address.Value), "BR-FR-23_" + term, address);
                }

                f.Require(FrenchXPath.Length(address.Value) <= MaxAddressLength, "BR-FR-25_" + term, address);
            }
        }

        foreach (var (parties, term) in new (IEnumerable<XElement> Parties, string Term)[] { (d.Sellers, "BT-29"), (d.Buyers, "BT-46") })
        {
            foreach (var id in parties.Elements(GlobalId).WithAttribute("schemeID", "0224"))
            {
                f.Require(FrenchFormats.IsSchemeIdentifier(id.Value), "BR-FR-24_" + term, id);
                f.Require(FrenchXPath.Length(id.Value) <= MaxPrivateIdLength, "BR-FR-26_" + term, id);
            }
        }
    }

    private static IEnumerable<XElement> Addresses(IEnumerable<XElement> parties) => parties.Elements(UriCommunication).Elements(UriId);

    /// <summary>starts-with(address, legal id) and the address's scheme is 0225 (an empty legal id prefixes anything).</summary>
    private static bool AddressIsSiren(IEnumerable<XElement> parties)
    {
        var party = parties.ToList();
        var addresses = Addresses(party).ToList();
        var legalId = FrenchXPath.String(party.Elements(LegalOrganization).Elements(Id));
        return FrenchXPath.String(addresses).StartsWith(legalId, StringComparison.Ordinal)
            && addresses.Any(a => (string?)a.Attribute("schemeID") == "0225");
    }
}
