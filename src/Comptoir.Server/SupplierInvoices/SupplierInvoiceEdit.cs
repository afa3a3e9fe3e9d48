using Comptoir.Core.Money;
using Comptoir.Server.Http.Errors;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>
/// Corrections to a supplier invoice's extracted data (the web app's edit); a null field is left as it is. Amounts are
/// exact: decimal text with at most two decimals, kept in cents, never through a floating-point number.
/// </summary>
[PublicSurface]
public sealed record SupplierInvoiceEdit
{
    public string? SupplierName { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? VatNumber { get; init; }
    public string? Tin { get; init; }
    public string? Description { get; init; }
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? Currency { get; init; }
    public long? TotalAmountCents { get; init; }
    public long? TotalAmountExcludingTaxesCents { get; init; }
    public long? TotalTaxAmountCents { get; init; }
    public long? PayableAmountCents { get; init; }

    /// <summary>Checked with ISO 13616 mod-97 and stored without spaces, in capitals.</summary>
    public string? Iban { get; init; }

    public bool IsEmpty => this == new SupplierInvoiceEdit();

    /// <summary>An amount as decimal text ("1234.50"): at most two decimals, exact; an ApiException naming the field otherwise.</summary>
    public static long Cents(string field, string text)
    {
        if (!DecimalText.TryParse(text, out var amount) || DecimalText.Scale(amount) > 2 || Math.Abs(amount) > Rounding.MaxCentsAmount)
        {
            throw ApiException.Invalid($"/supplier_invoice/{field}", "invalid", $"{field} must be an amount with at most 2 decimals, like 1234.50; got '{text}'.");
        }

        return Rounding.ToCentsInteger(amount);
    }

    /// <summary>The edit with its text fields trimmed and its IBAN normalized; an ApiException names the first wrong field.</summary>
    public SupplierInvoiceEdit Checked()
    {
        string? Text(string field, string? value, int max)
        {
            if (value is null)
            {
                return null;
            }

            var trimmed = value.Trim();
            if (trimmed.Length == 0 || trimmed.Length > max)
            {
                throw ApiException.Invalid($"/supplier_invoice/{field}", "invalid", $"{field} must have 1 to {max} characters.");
            }

            return trimmed;
        }

        string? iban = null;
        if (Iban is not null)
        {
            iban = Core.Banking.Iban.Normalize(Iban);
            if (Core.Banking.Iban.Validate(iban) is { } problem)
            {
                throw ApiException.Invalid("/supplier_invoice/iban", "invalid", $"iban is not a valid IBAN: {problem}");
            }
        }

        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
        {
            throw ApiException.Invalid("/supplier_invoice/currency", "invalid", "currency must be an ISO 4217 code such as EUR.");
        }

        return this with
        {
            SupplierName = Text("supplier_name", SupplierName, 200),
            InvoiceNumber = Text("invoice_number", InvoiceNumber, 100),
            VatNumber = Text("vat_number", VatNumber, 30)?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(),
            Tin = Text("tin", Tin, 30),
            Description = Text("description", Description, 1000),
            Iban = iban,
        };
    }
}
