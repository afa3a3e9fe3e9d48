namespace Comptoir.FacturX.Reading.Text;

/// <summary>
/// What <see cref="InvoiceFieldFinder"/> read from an invoice's text; a field is null when no label (or, for the
/// identifiers, no checksum-valid value) was found. Amounts are as printed, in the invoice's currency.
/// </summary>
public sealed record InvoiceTextFields
{
    public string? SupplierName { get; init; }
    public string? InvoiceNumber { get; init; }
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }

    /// <summary>Total including VAT (TTC).</summary>
    public decimal? TotalIncludingVat { get; init; }

    public decimal? VatAmount { get; init; }

    /// <summary>Total excluding VAT (HT).</summary>
    public decimal? TotalExcludingVat { get; init; }

    /// <summary>What is left to pay ("Net à payer", "Amount due"); the total including VAT when not printed apart.</summary>
    public decimal? AmountDue { get; init; }

    /// <summary>ISO 4217 code from the currency signs and codes printed (€ / EUR, $ / USD, £ / GBP).</summary>
    public string? Currency { get; init; }

    /// <summary>Compact, upper-case, mod-97 checked.</summary>
    public string? Iban { get; init; }

    /// <summary>The supplier's SIREN (9 digits, Luhn checked).</summary>
    public string? Siren { get; init; }

    /// <summary>The supplier's VAT number, compact (a French one has its key checked).</summary>
    public string? VatNumber { get; init; }

    /// <summary>The document calls itself a credit note (avoir).</summary>
    public bool IsCreditNote { get; init; }
}
