using Comptoir.Core.Invoicing;
using Comptoir.FacturX.Model;

namespace Comptoir.FacturX.Tests.Support;

/// <summary>One generated invoice of the conformance corpus.</summary>
public sealed record CorpusCase(string Name, InvoiceDocument Invoice, string Language = "fr")
{
    public override string ToString() => Name;
}

/// <summary>
/// The table of invoices every conformance check runs on: VAT mixes (20, 10, 5.5, 2.1, 0 %), exemptions, reverse
/// charge, intra-community and export, both discount kinds, 1 and 250 lines, long and accented texts, hostile
/// strings, credit notes (in part and in full, as the API issues them), foreign clients. Every case has a French
/// seller, so every case must pass BR-FR too.
/// </summary>
public static class InvoiceCorpus
{
    public static readonly Party Seller = new()
    {
        Name = "Atelier Dupont SAS",
        LegalId = "732829320",
        VatNumber = FrenchVat("732829320"),
        Address = new PostalAddress { Line1 = "12 rue de la Paix", PostCode = "75002", City = "Paris", CountryCode = "FR" },
        ElectronicAddress = new ElectronicAddress("732829320", "0225"),
        ContactEmail = "factures@atelier-dupont.fr",
    };

    public static readonly Party FrenchCompany = new()
    {
        Name = "Acme Corp",
        LegalId = "552100554",
        VatNumber = FrenchVat("552100554"),
        Address = new PostalAddress { Line1 = "1 Market Street", PostCode = "75001", City = "Paris", CountryCode = "FR" },
        ElectronicAddress = new ElectronicAddress("552100554", "0225"),
    };

    public static readonly Party GermanCompany = new()
    {
        Name = "Müller & Söhne GmbH",
        VatNumber = "DE123456789",
        Address = new PostalAddress { Line1 = "Königstraße 12", PostCode = "70173", City = "Stuttgart", CountryCode = "DE" },
        ElectronicAddress = new ElectronicAddress("DE123456789", "9930"),
    };

    public static readonly Party BelgianCompany = new()
    {
        Name = "Brasserie Lambic SRL",
        VatNumber = "BE0123456749",
        Address = new PostalAddress { Line1 = "Rue Haute 5", PostCode = "1000", City = "Bruxelles", CountryCode = "BE" },
        ElectronicAddress = new ElectronicAddress("0123456749", "0208"),
    };

    public static readonly Party AmericanCompany = new()
    {
        Name = "Globex Corporation",
        Address = new PostalAddress { Line1 = "500 Main St", PostCode = "94105", City = "San Francisco", CountrySubdivision = "CA", CountryCode = "US" },
        ElectronicAddress = new ElectronicAddress("GLOBEX-US-001", "0088"),
    };

    private static readonly InvoiceNote[] FrenchNotes =
    [
        new("En cas de retard de paiement, des pénalités calculées à trois fois le taux d'intérêt légal seront appliquées.", "PMD"),
        new("Tout retard de paiement entraînera une indemnité forfaitaire pour frais de recouvrement de 40 €.", "PMT"),
        new("Pas d'escompte accordé pour paiement anticipé.", "AAB"),
    ];

    public static IReadOnlyList<CorpusCase> All { get; } = Build();

    public static CorpusCase Get(string name) => All.Single(c => c.Name == name);

    public static InvoiceDocument Base(string number, params InvoiceItem[] lines) => new()
    {
        Number = number,
        IssueDate = new DateOnly(2026, 3, 19),
        DueDate = new DateOnly(2026, 4, 18),
        BillingMode = "S1",
        Seller = Seller,
        Buyer = FrenchCompany,
        Notes = FrenchNotes,
        Payment = new PaymentInstructions { Iban = "FR7616958000014527181398763", Bic = "QNTOFRP1XXX", AccountName = "Atelier Dupont SAS", RemittanceReference = number },
        PaymentTerms = "Paiement à 30 jours par virement SEPA.",
        Lines = lines,
    };

    public static InvoiceItem Item(string title, decimal quantity, decimal price, decimal rate, string unit = "hour") =>
        new() { Title = title, Quantity = quantity, UnitPrice = price, VatRate = rate, Unit = unit };

    public static InvoiceItem Exempt(string title, decimal price, string reason)
    {
        VatExemptions.TryGet(reason, out var exemption);
        return new InvoiceItem { Title = title, Quantity = 1m, UnitPrice = price, VatRate = 0m, VatCategory = exemption.Category, Exemption = exemption, Unit = "piece" };
    }

    /// <summary>
    /// A credit note as the API issues one (CreditNoteDocument): type 381 naming the invoice it corrects (BT-25,
    /// BT-26), its reason as a note and a header, no payment means and no due date, and terms saying whether the
    /// amount is deducted or refunded.
    /// </summary>
    public static InvoiceDocument CreditNote(string number, string invoiceNumber, string reason, CreditSettlement settlement, params InvoiceItem[] lines) =>
        Base(number, lines) with
        {
            Kind = DocumentKind.CreditNote,
            PrecedingInvoice = new PrecedingInvoice(invoiceNumber, new DateOnly(2026, 3, 2)),
            CreditSettlement = settlement,
            Payment = null,
            DueDate = null,
            PaymentTerms = settlement == CreditSettlement.Refund
                ? $"Avoir à rembourser : la facture {invoiceNumber} est réglée."
                : $"Avoir à déduire de la facture {invoiceNumber}.",
            Header = "Motif : " + reason,
            Notes = [.. FrenchNotes, new InvoiceNote(reason, "ACD")],
        };

    private static List<CorpusCase> Build()
    {
        var cases = new List<CorpusCase>
        {
            new("single-line-20", Base("F-2026-000001", Item("Consulting Services — March 2026", 10m, 150m, 0.20m))),
            new("rate-10", Base("F-2026-000002", Item("Travaux de rénovation", 12m, 45m, 0.10m))),
            new("rate-5-5", Base("F-2026-000003", Item("Livres", 3m, 12.99m, 0.055m, "piece")) with { BillingMode = "B1" }),
            new("rate-2-1", Base("F-2026-000004", Item("Presse quotidienne", 30m, 1.9m, 0.021m, "piece")) with { BillingMode = "B1" }),
            new("mixed-rates", Base("F-2026-000005",
                Item("Conseil", 2m, 600m, 0.20m, "day"),
                Item("Restauration sur place", 14m, 18.5m, 0.10m, "piece"),
                Item("Ouvrages techniques", 4m, 35.9m, 0.055m, "piece"),
                Item("Abonnement presse", 1m, 49.9m, 0.021m, "month")) with { BillingMode = "M1" }),
            new("rounding-per-category", Base("F-2026-000006",
                Item("Article A", 1m, 0.10m, 0.055m, "piece"), Item("Article B", 1m, 0.10m, 0.055m, "piece"), Item("Article C", 1m, 0.10m, 0.055m, "piece"),
                Item("Article D", 3m, 0.333m, 0.20m, "piece"))),
            new("zero-rated", Base("F-2026-000007", Item("Service taxé à 0 %", 1m, 250m, 0m) with { VatCategory = VatCategory.ZeroRated })),
            new("exempt-franchise", Base("F-2026-000008", Exempt("Cours particuliers", 480m, "S293B"))),
            new("exempt-261", Base("F-2026-000009", Exempt("Formation professionnelle continue", 1200m, "S261_4"))),
            new("exempt-mixed-with-standard", Base("F-2026-000010", Item("Prestation taxable", 5m, 100m, 0.20m), Exempt("Prestation exonérée", 300m, "S261"))),
            new("reverse-charge", Base("F-2026-000011", Exempt("Travaux de sous-traitance BTP", 8400m, "S283")) with { Buyer = FrenchCompany }),
            new("intra-community-goods", Base("F-2026-000012", Exempt("Machines-outils", 15000m, "S262TER")) with
            {
                Buyer = GermanCompany, BillingMode = "B1", DeliveryDate = new DateOnly(2026, 3, 17), DeliverTo = GermanCompany.Address,
            }),
            new("export-outside-eu", Base("F-2026-000013", Exempt("Pièces détachées", 3200m, "S262")) with { Buyer = AmericanCompany, BillingMode = "B1" }, "en"),
            new("services-to-eu-business", Base("F-2026-000014", Exempt("Développement logiciel", 9000m, "S259")) with { Buyer = BelgianCompany }),
            new("percentage-discount", Base("F-2026-000015", Item("Licence annuelle", 10m, 99m, 0.20m, "year") with { Discount = new LineDiscount(DiscountKind.Percentage, 0.15m) })),
            new("absolute-discount", Base("F-2026-000016", Item("Audit sécurité", 3m, 950m, 0.20m, "day") with { Discount = new LineDiscount(DiscountKind.Absolute, 125.50m) })),
            new("both-discounts", Base("F-2026-000017",
                Item("Licence", 7m, 19.99m, 0.20m, "piece") with { Discount = new LineDiscount(DiscountKind.Percentage, 0.333m) },
                Item("Support", 1m, 300m, 0.10m, "month") with { Discount = new LineDiscount(DiscountKind.Absolute, 0.01m) })),
            new("two-hundred-fifty-lines", Base("F-2026-000018", Enumerable.Range(1, 250).Select(i => Item($"Ligne {i} — prestation récurrente", i % 7 + 1, 10m + (i * 0.37m), (i % 4) switch { 0 => 0.20m, 1 => 0.10m, 2 => 0.055m, _ => 0.021m }, i % 2 == 0 ? "hour" : "piece")).ToArray())),
            new("long-accented-texts", Base("F-2026-000019", Item(
                "Élaboration d'un schéma directeur « mobilité douce » pour la communauté d'agglomération — phase 2 : concertation, études d'opportunité, chiffrage",
                1m, 18750m, 0.20m, "lump_sum") with
            {
                Description = string.Concat(Enumerable.Repeat("Réunions publiques, ateliers thématiques, synthèse des contributions, rédaction du rapport intermédiaire ; œuvre collective, déjà validée à l'été. ", 12)),
            }) with { Header = "Merci pour votre confiance ! Ça nous fait très plaisir.", Footer = "Atelier Dupont SAS — capital social 10 000 € — RCS Paris 732 829 320" }),
            new("hostile-strings", Base("F-2026-000020", Item("<script>alert('x')</script> & \"quotes\" ]]> \u0001\u0007 tab\there", 1m, 10m, 0.20m, "piece") with
            {
                Description = "Line one\r\nLine two\nemoji 🚀 and CJK 漢字 and RTL שלום",
            }) with { Buyer = FrenchCompany with { Name = "Acme & Co <Ltd> \"Paris\"" } }),
            new("credit-note", Base("A-2026-000001", Item("Remboursement trop-perçu", 2m, 150m, 0.20m)) with
            {
                Kind = DocumentKind.CreditNote, PrecedingInvoice = new PrecedingInvoice("F-2026-000001", new DateOnly(2026, 3, 1)),
            }),
            new("credit-note-partial", CreditNote("AV-2026-000002", "F-2026-000005", "Geste commercial : deux jours de conseil non consommés", CreditSettlement.Deduct,
                Item("Conseil", 1m, 600m, 0.20m, "day"),
                Item("Restauration sur place", 4m, 18.5m, 0.10m, "piece"))),
            new("credit-note-full", CreditNote("AV-2026-000003", "F-2026-000017", "Annulation de la facture F-2026-000017", CreditSettlement.Refund,
                Item("Licence", 7m, 19.99m, 0.20m, "piece") with { Discount = new LineDiscount(DiscountKind.Percentage, 0.333m) },
                Item("Support", 1m, 300m, 0.10m, "month") with { Discount = new LineDiscount(DiscountKind.Absolute, 0.01m) })),
            new("foreign-client-eu-vat", Base("F-2026-000021", Item("Formation en ligne", 5m, 200m, 0.20m)) with { Buyer = BelgianCompany }, "en"),
            new("performance-period", Base("F-2026-000022", Item("Maintenance mensuelle", 1m, 450m, 0.20m, "month")) with
            {
                PeriodStart = new DateOnly(2026, 3, 1), PeriodEnd = new DateOnly(2026, 3, 31),
            }),
            new("performance-date", Base("F-2026-000023", Item("Livraison mobilier", 6m, 189m, 0.20m, "piece")) with { DeliveryDate = new DateOnly(2026, 3, 15), BillingMode = "B1" }),
            new("prepaid-deposit", Base("F-2026-000024", Item("Solde du projet", 1m, 10000m, 0.20m, "lump_sum")) with { Prepaid = 3000m }),
            new("purchase-order-and-buyer-reference", Base("F-2026-000025", Item("Fournitures", 40m, 2.5m, 0.20m, "piece")) with
            {
                PurchaseOrderReference = "PO-2026-0042", BuyerReference = "SERVICE-ACHATS",
            }),
            new("correction-line-negative-quantity", Base("F-2026-000026", Item("Prestation", 10m, 80m, 0.20m), Item("Annulation partielle", -2m, 80m, 0.20m))),
            new("fractional-quantities", Base("F-2026-000027", Item("Demi-journée d'atelier", 0.5m, 900m, 0.20m, "day"), Item("Câble", 12.75m, 3.333m, 0.20m, "meter"), Item("Sable", 1.2345m, 40m, 0.20m, "ton"))),
            new("large-amounts", Base("F-2026-000028", Item("Construction d'un entrepôt", 1m, 999_999_999.99m, 0.20m, "lump_sum"))),
            new("unit-mapping", Base("F-2026-000029",
                Item("Heures", 1m, 10m, 0.20m, "hour"), Item("Jours", 1m, 10m, 0.20m, "day"), Item("Kilos", 1m, 10m, 0.20m, "kilogram"),
                Item("Mètres", 1m, 10m, 0.20m, "meter"), Item("Litres", 1m, 10m, 0.20m, "liter"), Item("Inconnue", 1m, 10m, 0.20m, "widget"))),
            new("english-labels", Base("INV-2026-0042", Item("Cloud hosting", 3m, 120m, 0.20m, "month")), "en"),
            new("services-both-billing-mode", Base("F-2026-000030", Item("Matériel", 2m, 500m, 0.20m, "piece"), Item("Installation", 4m, 90m, 0.20m)) with { BillingMode = "M1" }),
            new("no-due-date-terms-only", Base("F-2026-000031", Item("Prestation", 1m, 700m, 0.20m)) with { DueDate = null, PaymentTerms = "Paiement à réception de facture." }),
            new("not-subject-to-vat", Base("F-2026-000033", Exempt("Cotisation annuelle d'adhérent", 120m, "S259B")) with
            {
                Seller = Seller with { VatNumber = null }, Buyer = FrenchCompany with { VatNumber = null },
            }),
            new("mixed-categories-many-lines", Base("F-2026-000032", Enumerable.Range(1, 40).Select(i => i % 5 == 0 ? Exempt($"Exonéré {i}", 50m + i, "S261") : Item($"Taxable {i}", 1m + (i % 3), 20m + i, i % 2 == 0 ? 0.20m : 0.10m)).ToArray())),
        };
        cases.AddRange(ReformCorpus.Cases());
        return cases;
    }

    /// <summary>French VAT number of a SIREN: FR + key + SIREN, key = (12 + 3 x (SIREN mod 97)) mod 97.</summary>
    public static string FrenchVat(string siren)
    {
        var key = (12 + (3 * (long.Parse(siren, System.Globalization.CultureInfo.InvariantCulture) % 97))) % 97;
        return $"FR{key:00}{siren}";
    }
}
