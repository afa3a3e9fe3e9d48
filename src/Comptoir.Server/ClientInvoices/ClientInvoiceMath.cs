using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;

namespace Comptoir.Server.ClientInvoices;

/// <summary>Computes an invoice's amounts with <see cref="InvoiceCalculator"/>, the code the Factur-X writer uses.</summary>
[PublicSurface]
public static class ClientInvoiceMath
{
    public static (long TotalCents, long VatCents) Apply(ClientInvoiceContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lines = content.Items.Select(ToLine).ToArray();
        var totals = InvoiceCalculator.Compute(lines);
        for (var i = 0; i < content.Items.Count; i++)
        {
            var amounts = totals.Lines[i];
            var item = content.Items[i];
            item.SubtotalCents = Rounding.ToCentsInteger(amounts.Net);
            item.DiscountCents = Rounding.ToCentsInteger(amounts.DiscountAmount);
            item.VatCents = Rounding.ToCentsInteger(amounts.Vat);
            item.TotalCents = Rounding.ToCentsInteger(amounts.Total);
        }

        return (Rounding.ToCentsInteger(totals.GrandTotal), Rounding.ToCentsInteger(totals.TaxTotal));
    }

    public static InvoiceLine ToLine(ClientInvoiceItemContent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var rate = Parse(item.VatRate);
        var category = VatExemptions.CategoryOf(rate, item.VatExemptionReason);
        LineDiscount? discount = item.DiscountType is null ? null
            : new LineDiscount(item.DiscountType == "absolute" ? DiscountKind.Absolute : DiscountKind.Percentage, Parse(item.DiscountValue!));
        return new InvoiceLine(Parse(item.Quantity), Parse(item.UnitPrice), rate, category, discount);
    }

    private static decimal Parse(string text) => DecimalText.TryParse(text, out var value) ? value : throw new InvalidDataException($"Stored decimal '{text}' is invalid.");
}
