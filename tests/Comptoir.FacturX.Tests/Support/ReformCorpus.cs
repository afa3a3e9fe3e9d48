using Comptoir.FacturX.Model;
using static Comptoir.FacturX.Tests.Support.InvoiceCorpus;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>
/// The cases of the EN 16931 / French reform issue: 259 B without a seller VAT number, 293 B without one, three
/// exemption reasons on one invoice, 10 and 999 million EUR, a delivery address, a USD invoice and a ten-line
/// invoice. Each must pass every oracle; the cases that must be refused are in <see cref="Refused"/>.
/// </summary>
public static class ReformCorpus
{
    /// <summary>A micro-entrepreneur: no VAT number, its SIREN as tax registration (BT-32) so BR-E-02 holds.</summary>
    public static readonly Party MicroEntrepreneur = Seller with
    {
        Name = "Julie Martin EI",
        LegalId = "732829320",
        VatNumber = null,
        TaxRegistrationId = "732829320",
    };

    public static IEnumerable<CorpusCase> Cases()
    {
        yield return new("reform-259b-seller-without-vat", Base("F-2026-000101", Exempt("Conseil stratégique (client hors UE)", 2400m, "S259B")) with
        {
            Seller = Seller with { VatNumber = null }, Buyer = AmericanCompany,
        });
        yield return new("reform-293b-micro-entrepreneur", Base("F-2026-000102", Exempt("Cours de piano", 35m, "S293B") with { Quantity = 12m, Unit = "hour" }) with
        {
            Seller = MicroEntrepreneur,
        });
        yield return new("reform-three-exemption-reasons", Base("F-2026-000103",
            Exempt("Formation professionnelle continue", 1200m, "S261_4"),
            Exempt("Location de locaux nus", 900m, "S261D"),
            Exempt("Prestation médicale", 300m, "S261"),
            Item("Matériel pédagogique", 2m, 40m, 0.20m, "piece")));
        yield return new("reform-ten-million", Base("F-2026-000104", Item("Construction d'un bâtiment logistique", 1m, 10_000_000m, 0.20m, "lump_sum")));
        yield return new("reform-999-million", Base("F-2026-000105",
            Item("Ouvrage d'art — tranche ferme", 3m, 99_999_999.99m, 0.20m, "lump_sum"),
            Item("Ouvrage d'art — tranche optionnelle", 6.6667m, 99_999_999.99m, 0.20m, "lump_sum") with { Discount = new Comptoir.Core.Invoicing.LineDiscount(Comptoir.Core.Invoicing.DiscountKind.Percentage, 0.05m) }));
        yield return new("reform-delivery-address", Base("F-2026-000106", Item("Mobilier de bureau", 8m, 320m, 0.20m, "piece")) with
        {
            BillingMode = "B1",
            DeliveryDate = new DateOnly(2026, 3, 18),
            DeliverTo = new PostalAddress { Line1 = "Entrepôt Nord, 4 allée des Docks", PostCode = "59000", City = "Lille", CountryCode = "FR" },
        });
        yield return new("reform-usd-invoice", Base("F-2026-000107", Item("Software development", 40m, 125m, 0.20m)) with
        {
            Currency = "USD", EuroExchangeRate = 0.9214m,
        }, "en");
        yield return new("reform-ten-lines", Base("F-2026-000108", TenLines()) with
        {
            BillingMode = "M1",
            LegalMentions = ["Capital social : 10 000,00 € — RCS Paris 732 829 320 — Option pour le paiement de la TVA d'après les débits"],
            TermsAndConditions = "Conditions générales de vente disponibles sur demande.",
        });
    }

    /// <summary>Invoices that would break a fatal rule, with the rule the generator must name.</summary>
    public static IEnumerable<(string Name, InvoiceDocument Invoice, string Rule)> Refused()
    {
        yield return ("259b-seller-with-vat", Base("F-2026-000201", Exempt("Conseil stratégique (client hors UE)", 2400m, "S259B")) with { Buyer = AmericanCompany }, "BR-O-02");
        yield return ("259b-mixed-with-standard", Base("F-2026-000202", Exempt("Conseil (hors UE)", 2400m, "S259B"), Item("Déplacement", 1m, 300m, 0.20m)) with
        {
            // Its SIREN as tax registration, as the API writes it for a French seller without VAT number: the taxed
            // line then meets BR-S-02, and the invoice breaks only the rules of mixing category O.
            Seller = Seller with { VatNumber = null, TaxRegistrationId = "732829320" }, Buyer = AmericanCompany,
        }, "BR-O-11");
        yield return ("293b-without-any-tax-identifier", Base("F-2026-000203", Exempt("Cours de piano", 35m, "S293B")) with
        {
            Seller = MicroEntrepreneur with { TaxRegistrationId = null },
        }, "BR-E-02");
    }

    public static InvoiceItem[] TenLines() =>
    [
        Item("Audit de l'existant", 3m, 850m, 0.20m, "day"),
        Item("Atelier de cadrage", 1m, 1200m, 0.20m, "day"),
        Item("Licences logicielles", 25m, 39m, 0.20m, "piece"),
        Item("Paramétrage", 12m, 95m, 0.20m, "hour"),
        Item("Reprise des données", 1m, 2400m, 0.20m, "lump_sum"),
        Item("Formation des utilisateurs", 2m, 900m, 0.20m, "day"),
        Item("Manuels imprimés", 10m, 18.5m, 0.055m, "piece"),
        Item("Déplacements", 4m, 120m, 0.20m),
        Item("Support premier mois", 1m, 450m, 0.20m, "month"),
        Item("Hébergement", 12m, 49.9m, 0.20m, "month"),
    ];
}
