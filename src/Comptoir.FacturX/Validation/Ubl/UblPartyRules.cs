using System.Xml.Linq;
using Comptoir.FacturX.Validation.CodeLists;
using Comptoir.FacturX.Validation.Engine;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>Parties, delivery, invoicing period, references and notes as bound to UBL: BR-09, BR-11, BR-17 to BR-20,
/// BR-29, BR-52, BR-55 to BR-57, BR-62, BR-63, BR-CO-09, BR-CO-19, BR-CO-26, BR-CL-08.</summary>
internal static class UblPartyRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        foreach (var document in d.All(AdditionalDocumentReference))
        {
            f.Require(XsValues.HasText(document.Element(Id)), Br52, document);
        }

        foreach (var endpoint in d.All(EndpointId).Where(e => e.Parent?.Name == Party && e.Parent.Parent?.Name == AccountingCustomerParty))
        {
            f.Require(endpoint.Attribute("schemeID") is not null, Br63, endpoint);
        }

        foreach (var endpoint in d.All(EndpointId).Where(e => e.Parent?.Name == Party && e.Parent.Parent?.Name == AccountingSupplierParty))
        {
            f.Require(endpoint.Attribute("schemeID") is not null, Br62, endpoint);
        }

        foreach (var address in d.All(PostalAddress).Where(a => a.Parent?.Name == Party))
        {
            var owner = address.Parent!.Parent?.Name;
            if (owner == AccountingCustomerParty)
            {
                f.Require(XsValues.HasText(address.Elements(Country).Elements(IdentificationCode).FirstOrDefault()), Br11, address);
            }
            else if (owner == AccountingSupplierParty)
            {
                f.Require(XsValues.HasText(address.Elements(Country).Elements(IdentificationCode).FirstOrDefault()), Br09, address);
            }
        }

        foreach (var address in d.All(Address).Where(a => a.Parent?.Name == DeliveryLocation && a.Parent.Parent?.Name == Delivery))
        {
            f.Require(address.Elements(Country).Elements(IdentificationCode).Any(), Br57, address);
        }

        foreach (var period in d.All(InvoicePeriod).Where(p => p.Parent?.Name != InvoiceLine && p.Parent?.Name != CreditNoteLine))
        {
            f.Require(UblLineRules.PeriodEndsAfterStart(period), Br29, period);
            f.Require(period.Element(StartDate) is not null || period.Element(EndDate) is not null || period.Element(DescriptionCode) is not null, BrCo19, period);
        }

        foreach (var note in d.Root.Elements(Note))
        {
            f.Require(NoteSubjectKnown(note.Value), BrCl08, note);
        }

        foreach (var payee in d.All(PayeeParty))
        {
            var supplier = payee.Parent?.Elements(AccountingSupplierParty).Elements(Party).ToList() ?? [];
            var names = payee.Elements(PartyName).Elements(Name).ToList();
            var sameName = names.Any(n => supplier.Elements(PartyName).Elements(Name).Any(s => s.Value == n.Value));
            var sameId = payee.Elements(PartyIdentification).Elements(Id).Any(n => supplier.Elements(PartyIdentification).Elements(Id).Any(s => s.Value == n.Value));
            f.Require(names.Count > 0 && !sameName && !sameId, Br17, payee);
        }

        foreach (var reference in d.All(BillingReference))
        {
            f.Require(reference.Elements(InvoiceDocumentReference).Elements(Id).Any(), Br55, reference);
        }

        foreach (var supplier in d.All(AccountingSupplierParty))
        {
            var party = supplier.Elements(Party).ToList();
            f.Require(
                UblDocument.VatIds(party).Any()
                || party.Elements(PartyIdentification).Elements(Id).Any(id => (string?)id.Attribute("schemeID") != "SEPA")
                || party.Elements(PartyLegalEntity).Elements(CompanyId).Any(),
                BrCo26,
                supplier);
        }

        foreach (var representative in d.All(TaxRepresentativeParty))
        {
            f.Require(XsValues.HasText(representative.Elements(PartyName).Elements(Name).FirstOrDefault()), Br18, representative);
            f.Require(representative.Element(PostalAddress) is not null, Br19, representative);
            f.Require(UblDocument.VatIds([representative]).Any(), Br56, representative);
            foreach (var address in representative.Elements(PostalAddress))
            {
                f.Require(XsValues.HasText(address.Elements(Country).Elements(IdentificationCode).FirstOrDefault()), Br20, address);
            }
        }

        foreach (var scheme in d.All(PartyTaxScheme).Where(UblDocument.IsVat))
        {
            var companyId = scheme.Element(CompanyId)?.Value ?? string.Empty;
            var prefix = companyId.Length >= 2 ? companyId[..2] : companyId;
            f.Require(En16931CodeLists.UblVatPrefixText.Contains(prefix, StringComparison.Ordinal), BrCo09, scheme);
        }
    }

    /// <summary>BR-CL-08 in UBL: a note "#XXX#..." names a text subject code of the list; other notes pass.</summary>
    private static bool NoteSubjectKnown(string note)
    {
        var first = note.IndexOf('#', StringComparison.Ordinal);
        if (first < 0)
        {
            return true;
        }

        var rest = note[(first + 1)..];
        var second = rest.IndexOf('#', StringComparison.Ordinal);
        var code = second < 0 ? string.Empty : rest[..second];
        return code.Length != 3 || En16931CodeLists.UblTextSubjectText.Contains(code, StringComparison.Ordinal);
    }
}
