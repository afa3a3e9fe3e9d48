using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;

namespace Comptoir.FacturX.Validation.French;

/// <summary>
/// The parties' French identifiers: the seller's SIREN (BR-FR-10), the buyer's for B2B (BR-FR-11), every SIREN and
/// every 0002/0231 identifier of 9 digits (BR-FR-32), a SIRET of 14 digits starting with the SIREN (BR-FR-09), each
/// global identifier with one scheme of its own (BR-FR-CO-10), and a member of a single taxable person (scheme 0231)
/// saying so in a TXD note and naming its representative's VAT number (BR-FR-CO-14, BR-FR-CO-15).
/// </summary>
internal static class FrenchPartyRules
{
    public static void Check(FrenchInvoice d, FrenchFindings f)
    {
        // The seller's and buyer's SIRET must start with the SIREN they state; the other parties' may stand alone.
        foreach (var (party, term) in IdentifiedParties(d))
        {
            f.Require(SiretMatchesSiren(party, ownSirenOnly: term is "BT-29" or "BT-46"), "BR-FR-09_" + term, party);
        }

        var sellerSiren = d.Sellers.Elements(LegalOrganization).Elements(Id).WithAttribute("schemeID", "0002").ToList();
        f.Require(sellerSiren.Count > 0 && FrenchFormats.IsSiren(XsValues.NormalizeSpace(sellerSiren[0].Value)), "BR-FR-10_BT-30", d.Root);

        var buyerSiren = FrenchXPath.String(d.Buyers.Elements(LegalOrganization).Elements(Id).WithAttribute("schemeID", "0002"));
        f.Require(!FrenchXPath.AnyIs(d.BarTreatments, "B2B") || FrenchFormats.IsSiren(buyerSiren), "BR-FR-11_BT-47", d.Root);

        foreach (var id in d.Document.All(LegalOrganization).Elements(Id).WithAttribute("schemeID", "0002"))
        {
            f.Require(FrenchFormats.IsSiren(XsValues.NormalizeSpace(id.Value)), "BR-FR-32-LEGALID", id);
        }

        foreach (var id in d.Document.All(GlobalId).Where(g => (string?)g.Attribute("schemeID") is "0002" or "0231"))
        {
            f.Require(FrenchFormats.IsSiren(XsValues.NormalizeSpace(id.Value)), "BR-FR-32-GLOBALID", id);
        }

        foreach (var (party, term) in IdentifiedParties(d))
        {
            var ids = party.Elements(GlobalId).ToList();
            var schemes = ids.Select(i => i.Attribute("schemeID")).OfType<XAttribute>().Select(a => a.Value).ToList();
            f.Require(schemes.Count == ids.Count, $"BR-FR-CO-10_{term}-1", party);
            f.Require(schemes.Distinct(StringComparer.Ordinal).Count() == schemes.Count, $"BR-FR-CO-10_{term}-2", party);
        }

        // Scheme 0231: the seller is a member of a single taxable person (assujetti unique).
        var isMember = d.Sellers.Elements(GlobalId).WithAttribute("schemeID", "0231").Any();
        var hasMemberNote = d.NotesWithSubject("TXD").Any(n => FrenchXPath.AnyIs(n.Elements(FrenchNames.Content), "MEMBRE_ASSUJETTI_UNIQUE"));
        f.Require(!isMember || hasMemberNote, "BR-FR-CO-14_BT-29-1", d.Root);
        var representatives = d.Agreements.Elements(TaxRepresentative).ToList();
        var representativeVat = FrenchXPath.String(representatives.Elements(TaxRegistration).Elements(Id).WithAttribute("schemeID", "VA"));
        f.Require(!isMember || (representatives.Count > 0 && representativeVat.Length > 0), "BR-FR-CO-15_BT-29-1", d.Root);
    }

    /// <summary>Every party that may carry a SIRET or global identifiers, with the business term the rule ids name.</summary>
    private static IEnumerable<(XElement Party, string Term)> IdentifiedParties(FrenchInvoice d) =>
        new (IEnumerable<XElement> Parties, string Term)[]
        {
            (d.Sellers, "BT-29"), (d.Buyers, "BT-46"), (d.Payees, "BT-60"), (d.BuyerAgents, "EXT-FR-FE-06"), (d.Payers, "EXT-FR-FE-46"),
            (d.SalesAgents, "EXT-FR-FE-69"), (d.Invoicees, "EXT-FR-FE-92"), (d.Invoicers, "EXT-FR-FE-115"), (d.ShipTos, "BT-71"),
            (d.LineShipTos, "EXT-FR-FE-146"),
        }.SelectMany(group => group.Parties.Select(party => (party, group.Term)));

    /// <summary>
    /// custom:check-siret-siren-coherence on the first SIRET (GlobalID scheme 0009), if any. The SIREN is the party's
    /// legal identifier (scheme 0002); for the parties other than seller and buyer, without one, the SIRET's own first
    /// nine digits.
    /// </summary>
    private static bool SiretMatchesSiren(XElement party, bool ownSirenOnly)
    {
        var siret = party.Elements(GlobalId).WithAttribute("schemeID", "0009").FirstOrDefault();
        if (siret is null)
        {
            return true;
        }

        var legal = party.Elements(LegalOrganization).Elements(Id).WithAttribute("schemeID", "0002").FirstOrDefault();
        var siren = ownSirenOnly || (legal is not null && legal.Value.Length > 0) ? legal?.Value : FrenchXPath.Prefix(siret.Value, 9);
        return FrenchFormats.IsSiretOf(siret.Value, siren);
    }
}
