using System.Xml.Linq;
using Comptoir.FacturX.Validation.CodeLists;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Cii.CiiNames;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;

namespace Comptoir.FacturX.Validation.Cii;

/// <summary>Parties, delivery, invoicing period and references: BR-17 to BR-20, BR-29, BR-52, BR-55 to BR-57,
/// BR-CO-09, BR-CO-19, BR-CO-26.</summary>
internal static class CiiPartyRules
{
    public static void Check(CiiDocument d, FindingCollector f)
    {
        foreach (var payee in d.All(Payee))
        {
            var seller = payee.Parent?.Parent?.Elements(Agreement).Elements(Seller).ToList() ?? [];
            var sameName = payee.Elements(Name).Any(n => seller.Elements(Name).Any(s => s.Value == n.Value));
            var sameId = payee.Elements(Id).Any(n => seller.Elements(Id).Any(s => s.Value == n.Value));
            var sameLegalId = payee.Elements(LegalOrganization).Elements(Id).Any(n => seller.Elements(LegalOrganization).Elements(Id).Any(s => s.Value == n.Value));
            f.Require(payee.Element(Name) is not null && !sameName && !sameId && !sameLegalId, Br17, payee);
        }

        foreach (var seller in d.All(Seller))
        {
            f.Require(
                seller.Element(Id) is not null || seller.Element(GlobalId) is not null || seller.Elements(LegalOrganization).Elements(Id).Any() || CiiDocument.TaxIds(seller, "VA").Any(),
                BrCo26,
                seller);
        }

        foreach (var representative in d.All(TaxRepresentative))
        {
            f.Require(XsValues.HasText(representative.Element(Name)), Br18, representative);
            f.Require(representative.Element(PostalAddress) is not null, Br19, representative);
            f.Require(XsValues.HasText(representative.Element(PostalAddress)?.Element(CountryId)), Br20, representative);
            f.Require(XsValues.HasText(CiiDocument.TaxIds(representative, "VA").FirstOrDefault()), Br56, representative);
        }

        foreach (var vatId in d.All(Id).Where(id => id.Parent?.Name == TaxRegistration && (string?)id.Attribute("schemeID") == "VA"))
        {
            var prefix = vatId.Value.Length >= 2 ? vatId.Value[..2] : vatId.Value;
            f.Require(En16931CodeLists.CiiVatPrefixes.Contains(prefix), BrCo09, vatId);
        }

        foreach (var delivery in d.Root.Elements(SupplyChainTradeTransaction).Elements(Delivery))
        {
            var addresses = delivery.Elements(ShipTo).Elements(PostalAddress).ToList();
            f.Require(addresses.Count == 0 || XsValues.HasText(addresses.Elements(CountryId).FirstOrDefault()), Br57, delivery);
        }

        foreach (var period in d.All(BillingPeriod).Where(p => p.Parent?.Name == Settlement))
        {
            f.Require(CiiLineRules.PeriodEndsAfterStart(period), Br29, period);
            f.Require(period.Element(StartDateTime) is not null || period.Element(EndDateTime) is not null, BrCo19, period);
        }

        foreach (var preceding in d.Root.Elements(SupplyChainTradeTransaction).Elements(Settlement).Elements(InvoiceReferencedDocument))
        {
            f.Require(XsValues.HasText(preceding.Element(IssuerAssignedId)), Br55, preceding);
        }

        foreach (var document in d.All(AdditionalReferencedDocument))
        {
            f.Require(XsValues.HasText(document.Element(IssuerAssignedId)), Br52, document);
        }
    }
}
