namespace Comptoir.FacturX.Layout;

/// <summary>The words printed on an invoice, in French (default) or English.</summary>
internal sealed record InvoiceLabels
{
    public required string Invoice { get; init; }
    public required string CreditNote { get; init; }
    public required string Draft { get; init; }
    public required string Number { get; init; }
    public required string IssueDate { get; init; }
    public required string DueDate { get; init; }
    public required string DeliveryDate { get; init; }
    public required string Period { get; init; }
    public required string PurchaseOrder { get; init; }
    public required string CorrectedInvoice { get; init; }
    public required string BilledTo { get; init; }
    public required string Siren { get; init; }
    public required string VatNumber { get; init; }
    public required string Description { get; init; }
    public required string Quantity { get; init; }
    public required string UnitPrice { get; init; }
    public required string Discount { get; init; }
    public required string Vat { get; init; }
    public required string AmountExclTax { get; init; }
    public required string VatBreakdown { get; init; }
    public required string TaxBase { get; init; }
    public required string Rate { get; init; }
    public required string VatAmount { get; init; }
    public required string TotalExclTax { get; init; }
    public required string TotalVat { get; init; }
    public required string TotalInclTax { get; init; }
    public required string Prepaid { get; init; }
    public required string AmountDue { get; init; }
    public required string AmountToDeduct { get; init; }
    public required string AmountToRefund { get; init; }
    public required string PaymentDetails { get; init; }
    public required string PaymentReference { get; init; }
    public required string Page { get; init; }
    public required string Continued { get; init; }
    public required string Operation { get; init; }
    public required string Goods { get; init; }
    public required string Services { get; init; }
    public required string GoodsAndServices { get; init; }
    public required string DeliveredTo { get; init; }
    public required string VatTotalInEuro { get; init; }
    public required string ExchangeRate { get; init; }

    public static readonly InvoiceLabels French = new()
    {
        Invoice = "FACTURE",
        CreditNote = "AVOIR",
        Draft = "BROUILLON",
        Number = "Numéro",
        IssueDate = "Date d'émission",
        DueDate = "Date d'échéance",
        DeliveryDate = "Date de livraison",
        Period = "Période",
        PurchaseOrder = "Bon de commande",
        CorrectedInvoice = "Facture d'origine",
        BilledTo = "Facturé à",
        Siren = "SIREN",
        VatNumber = "N° TVA",
        Description = "Désignation",
        Quantity = "Qté",
        UnitPrice = "PU HT",
        Discount = "Remise",
        Vat = "TVA",
        AmountExclTax = "Total HT",
        VatBreakdown = "Détail de la TVA",
        TaxBase = "Base HT",
        Rate = "Taux",
        VatAmount = "Montant TVA",
        TotalExclTax = "Total HT",
        TotalVat = "Total TVA",
        TotalInclTax = "Total TTC",
        Prepaid = "Déjà réglé",
        AmountDue = "Net à payer",
        AmountToDeduct = "Montant à déduire",
        AmountToRefund = "Montant à rembourser",
        PaymentDetails = "Paiement par virement SEPA",
        PaymentReference = "Référence à rappeler",
        Page = "Page",
        Continued = "suite",
        Operation = "Opération",
        Goods = "Livraison de biens",
        Services = "Prestation de services",
        GoodsAndServices = "Biens et services",
        DeliveredTo = "Livré à",
        VatTotalInEuro = "Total TVA en EUR",
        ExchangeRate = "taux",
    };

    public static readonly InvoiceLabels English = new()
    {
        Invoice = "INVOICE",
        CreditNote = "CREDIT NOTE",
        Draft = "DRAFT",
        Number = "Number",
        IssueDate = "Issue date",
        DueDate = "Due date",
        DeliveryDate = "Delivery date",
        Period = "Period",
        PurchaseOrder = "Purchase order",
        CorrectedInvoice = "Original invoice",
        BilledTo = "Billed to",
        Siren = "SIREN",
        VatNumber = "VAT number",
        Description = "Description",
        Quantity = "Qty",
        UnitPrice = "Unit price",
        Discount = "Discount",
        Vat = "VAT",
        AmountExclTax = "Net amount",
        VatBreakdown = "VAT breakdown",
        TaxBase = "Taxable base",
        Rate = "Rate",
        VatAmount = "VAT amount",
        TotalExclTax = "Total excl. VAT",
        TotalVat = "Total VAT",
        TotalInclTax = "Total incl. VAT",
        Prepaid = "Already paid",
        AmountDue = "Amount due",
        AmountToDeduct = "Amount to deduct",
        AmountToRefund = "Amount to refund",
        PaymentDetails = "Payment by SEPA credit transfer",
        PaymentReference = "Reference to quote",
        Page = "Page",
        Continued = "continued",
        Operation = "Operation",
        Goods = "Supply of goods",
        Services = "Supply of services",
        GoodsAndServices = "Goods and services",
        DeliveredTo = "Delivered to",
        VatTotalInEuro = "Total VAT in EUR",
        ExchangeRate = "rate",
    };

    public static InvoiceLabels For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : French;
}
