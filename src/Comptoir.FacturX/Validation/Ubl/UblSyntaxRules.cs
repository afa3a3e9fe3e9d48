using System.Xml.Linq;
using Comptoir.FacturX.Validation.Engine;
using Comptoir.FacturX.Validation.Rules;
using static Comptoir.FacturX.Validation.Rules.En16931Rules;
using static Comptoir.FacturX.Validation.Ubl.UblNames;

namespace Comptoir.FacturX.Validation.Ubl;

/// <summary>The fatal UBL syntax rules (UBL-SR-*, UBL-DT-*, UBL-CR-666/673): cardinalities the EN 16931 subset of
/// UBL narrows, and the two-decimal amounts.</summary>
internal static class UblSyntaxRules
{
    public static void Check(UblDocument d, FindingCollector f)
    {
        CheckInvoice(d, f);
        CheckParts(d, f);
        CheckDataTypes(d, f);
    }

    private static void CheckInvoice(UblDocument d, FindingCollector f)
    {
        var root = d.Root;
        var supplier = root.Elements(AccountingSupplierParty).Elements(Party).ToList();
        var customer = root.Elements(AccountingCustomerParty).Elements(Party).ToList();
        bool UpperIsVat(XElement scheme) => scheme.Elements(TaxScheme).Elements(Id).Any(i => i.Value.ToUpperInvariant() == "VAT");
        bool UpperIsNotVat(XElement scheme) => scheme.Elements(TaxScheme).Elements(Id).Any(i => i.Value.ToUpperInvariant() != "VAT");
        void AtMostOne(IEnumerable<XElement> elements, Rule rule) => f.Require(elements.Count() <= 1, rule, root);

        f.Require(!d.All(AdditionalDocumentReference).Any(r => r.Elements(DocumentTypeCode).Any(c => c.Value == "130") && r.Element(Attachment) is not null), UblCr666, root);
        f.Require(!d.All(AdditionalDocumentReference).Any(r => r.Elements(DocumentTypeCode).Any(c => c.Value == "130") && r.Element(DocumentDescription) is not null), UblCr673, root);
        AtMostOne(root.Elements(ContractDocumentReference).Elements(Id), UblSr01);
        AtMostOne(root.Elements(ReceiptDocumentReference).Elements(Id), UblSr02);
        AtMostOne(root.Elements(DespatchDocumentReference).Elements(Id), UblSr03);
        AtMostOne(root.Elements(AdditionalDocumentReference).Where(r => r.Elements(DocumentTypeCode).Any(c => c.Value == "130")).Elements(Id), UblSr04);
        AtMostOne(root.Elements(PaymentTerms).Elements(Note), UblSr05);
        AtMostOne(root.Elements(InvoicePeriod), UblSr08);
        AtMostOne(supplier.Elements(PartyLegalEntity).Elements(RegistrationName), UblSr09);
        AtMostOne(supplier.Elements(PartyName).Elements(Name), UblSr10);
        AtMostOne(supplier.Elements(PartyLegalEntity).Elements(CompanyId), UblSr11);
        AtMostOne(supplier.Elements(PartyTaxScheme).Where(UpperIsVat).Elements(CompanyId), UblSr12);
        AtMostOne(supplier.Elements(PartyTaxScheme).Where(UpperIsNotVat).Elements(CompanyId), UblSr13);
        AtMostOne(supplier.Elements(PartyLegalEntity).Elements(CompanyLegalForm), UblSr14);
        AtMostOne(customer.Elements(PartyLegalEntity).Elements(RegistrationName), UblSr15);
        AtMostOne(customer.Elements(PartyIdentification).Elements(Id), UblSr16);
        AtMostOne(customer.Elements(PartyLegalEntity).Elements(CompanyId), UblSr17);
        AtMostOne(customer.Elements(PartyTaxScheme).Where(UpperIsVat).Elements(CompanyId), UblSr18);
        AtMostOne(root.Elements(Delivery), UblSr24);
        AtMostOne(d.All(Id).Where(i => i.Parent?.Name == PartyIdentification && ((string?)i.Attribute("schemeID"))?.ToUpperInvariant() == "SEPA"), UblSr29);
        AtMostOne(root.Elements(ProjectReference).Elements(Id), UblSr39);
        AtMostOne(customer.Elements(PartyName).Elements(Name), UblSr40);
        f.Require(d.All(PaymentId).Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() <= 1, UblSr44, root);
        AtMostOne(root.Elements(PaymentMeans).Elements(PaymentDueDate), UblSr45);
        AtMostOne(root.Elements(PaymentMeans).Elements(PaymentMeansCode).Where(c => c.Attribute("name") is not null), UblSr46);
        f.Require(d.All(PaymentMeansCode).Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() <= 1, UblSr47, root);
        AtMostOne(root.Elements(InvoicePeriod).Elements(DescriptionCode), UblSr49);
        AtMostOne(root.Elements(PaymentMeans).Elements(CardAccount), UblSr54);
        AtMostOne(root.Elements(PaymentMeans).Elements(PaymentMandate), UblSr55);
        AtMostOne(root.Elements(OriginatorDocumentReference).Elements(Id), UblSr56);
    }

    private static void CheckParts(UblDocument d, FindingCollector f)
    {
        foreach (var address in d.All(PostalAddress).Concat(d.All(Address)))
        {
            f.Require(address.Elements(AddressLine).Count() <= 1, UblSr51, address);
        }

        foreach (var party in d.All(Party).Where(p => p.Parent?.Name == AccountingSupplierParty))
        {
            f.Require(party.Elements(PartyTaxScheme).Count() <= 2, UblSr42, party);
        }

        foreach (var reference in d.All(AdditionalDocumentReference))
        {
            var types = reference.Elements(DocumentTypeCode).ToList();
            f.Require(reference.Elements(DocumentDescription).Count() <= 1, UblSr33, reference);
            f.Require(
                types.Any(t => t.Value == "130") || (d.IsCreditNote && types.Any(t => t.Value == "50"))
                || (!reference.Elements(Id).Any(i => i.Attribute("schemeID") is not null) && types.Count == 0),
                UblSr43,
                reference);
        }

        foreach (var delivery in d.All(Delivery))
        {
            f.Require(delivery.Elements(DeliveryParty).Elements(PartyName).Elements(Name).Count() <= 1, UblSr25, delivery);
        }

        foreach (var allowanceCharge in d.All(AllowanceCharge))
        {
            if (UblDocument.IndicatorIs(allowanceCharge, charge: false))
            {
                f.Require(allowanceCharge.Elements(AllowanceChargeReason).Count() <= 1, UblSr30, allowanceCharge);
            }
            else if (UblDocument.IndicatorIs(allowanceCharge, charge: true))
            {
                f.Require(allowanceCharge.Elements(AllowanceChargeReason).Count() <= 1, UblSr31, allowanceCharge);
            }
        }

        foreach (var scheme in d.All(PartyTaxScheme))
        {
            f.Require(scheme.Elements(TaxScheme).Elements(Id).Any() && scheme.Element(CompanyId) is not null, UblSr53, scheme);
        }

        foreach (var line in d.All(InvoiceLine).Concat(d.All(CreditNoteLine)))
        {
            f.Require(line.Elements(Note).Count() <= 1, UblSr34, line);
            f.Require(line.Elements(OrderLineReference).Elements(LineId).Count() <= 1, UblSr35, line);
            f.Require(line.Elements(InvoicePeriod).Count() <= 1, UblSr36, line);
            f.Require(line.Elements(Price).Elements(AllowanceCharge).Elements(Amount).Count() <= 1, UblSr37, line);
            f.Require(line.Elements(Item).Elements(ClassifiedTaxCategory).Count() == 1, UblSr48, line);
            f.Require(line.Elements(Item).Elements(Description).Count() <= 1, UblSr50, line);
            f.Require(line.Elements(DocumentReference).Count() <= 1, UblSr52, line);
        }

        foreach (var payee in d.All(PayeeParty))
        {
            var names = payee.Elements(PartyName).Elements(Name).ToList();
            var supplierNames = payee.Parent?.Elements(AccountingSupplierParty).Elements(Party).Elements(PartyLegalEntity).Elements(RegistrationName).ToList() ?? [];
            var differsFromSupplier = names.Any(n => supplierNames.Any(s => s.Value != n.Value));
            f.Require(names.Count <= 1 && differsFromSupplier, UblSr19, payee);
            f.Require(payee.Elements(PartyIdentification).Elements(Id).Count(i => ((string?)i.Attribute("schemeID"))?.ToUpperInvariant() != "SEPA") <= 1 && differsFromSupplier, UblSr20, payee);
            f.Require(payee.Elements(PartyLegalEntity).Elements(CompanyId).Count() <= 1 && differsFromSupplier, UblSr21, payee);
        }

        foreach (var means in d.All(PaymentMeans))
        {
            f.Require(means.Elements(PaymentId).Count() <= 1, UblSr26, means);
            f.Require(means.Elements(PaymentMeansCode).Count() <= 1, UblSr27, means);
            f.Require(means.Elements(PaymentMandate).Elements(Id).Count() <= 1, UblSr28, means);
        }

        foreach (var reference in d.All(BillingReference))
        {
            f.Require(reference.Elements(InvoiceDocumentReference).Count() <= 1, UblSr06, reference);
            f.Require(reference.Elements(InvoiceDocumentReference).Elements(Id).Any(), UblSr07, reference);
        }

        foreach (var representative in d.All(TaxRepresentativeParty))
        {
            f.Require(representative.Elements(PartyName).Elements(Name).Count() <= 1, UblSr22, representative);
            f.Require(representative.Elements(PartyTaxScheme).Elements(CompanyId).Count() <= 1, UblSr23, representative);
        }

        foreach (var subtotal in d.All(TaxSubtotal))
        {
            f.Require(subtotal.Elements(TaxCategory).Elements(TaxExemptionReason).Count() <= 1, UblSr32, subtotal);
        }
    }

    private static void CheckDataTypes(UblDocument d, FindingCollector f)
    {
        foreach (var (name, elements) in d.Names)
        {
            var local = name.LocalName;
            if (local.EndsWith("Amount", StringComparison.Ordinal) && !local.EndsWith("PriceAmount", StringComparison.Ordinal))
            {
                foreach (var amount in elements.Where(a => !a.Ancestors(AllowanceCharge).Any(ac => ac.Parent?.Name == Price)))
                {
                    f.Require(XsValues.AtMostTwoDecimals(amount), UblDt01, amount);
                }
            }
            else if (local.EndsWith("BinaryObject", StringComparison.Ordinal))
            {
                foreach (var binary in elements)
                {
                    f.Require(binary.Attribute("mimeCode") is not null, UblDt06, binary);
                    f.Require(binary.Attribute("filename") is not null, UblDt07, binary);
                }
            }
        }
    }
}
