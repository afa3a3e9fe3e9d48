using System.Globalization;
using Comptoir.Core.Invoicing;
using Comptoir.Core.Money;
using Comptoir.Server.ClientInvoices;
using Comptoir.Server.Http.Errors;

namespace Comptoir.Server.CreditNotes;

/// <summary>
/// Turns the lines asked for into a credit note's lines, never beyond what remains to be credited of each invoice
/// item (its net, excluding VAT, in exact cents; and its quantity, for lines by quantity). A line by quantity keeps
/// the item's unit price and discount (an absolute discount in proportion, the last such line taking what is left
/// of it, so that crediting every unit credits exactly the item's net); a line by amount is 1 x that amount.
/// </summary>
[PublicSurface]
public static class CreditNoteLines
{
    /// <summary>The credit note's items and what each credits, or a 422 naming the line that asks too much.</summary>
    public static (List<ClientInvoiceItemContent> Items, List<CreditedLine> Credited) Build(ClientInvoiceContent invoice, IEnumerable<CreditedLine> prior, IReadOnlyList<CreditLineRequest> requested)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(requested);
        var state = invoice.Items.Select(_ => new ItemState()).ToArray();
        foreach (var line in prior)
        {
            if (line.ItemIndex < state.Length)
            {
                state[line.ItemIndex].Add(line);
            }
        }

        var items = new List<ClientInvoiceItemContent>();
        var credited = new List<CreditedLine>();
        void Take(ClientInvoiceItemContent item, CreditedLine line)
        {
            items.Add(item);
            credited.Add(line);
            state[line.ItemIndex].Add(line);
        }

        if (requested.Count == 0)
        {
            for (var i = 0; i < invoice.Items.Count; i++)
            {
                if (Remainder(invoice.Items[i], i, state[i]) is { } remainder)
                {
                    Take(remainder.Item, remainder.Line);
                }
            }

            return items.Count == 0
                ? throw ApiException.Conflict("fully_credited", "Nothing remains to be credited on this invoice.")
                : (items, credited);
        }

        foreach (var request in requested)
        {
            if (request.ItemIndex >= invoice.Items.Count)
            {
                throw ApiException.Invalid(request.Pointer + "/item_index", "not_found", $"The invoice has {invoice.Items.Count} item(s), numbered from 0; there is no item {request.ItemIndex}.");
            }

            var source = invoice.Items[request.ItemIndex];
            var itemState = state[request.ItemIndex];
            var remainingNet = source.SubtotalCents - itemState.NetCents;
            if (source.SubtotalCents <= 0)
            {
                throw ApiException.Invalid(request.Pointer + "/item_index", "not_creditable", $"Item {request.ItemIndex} has no positive amount to credit.");
            }

            var (item, line) = request.Quantity is { } quantity
                ? ByQuantity(source, request.ItemIndex, quantity, itemState, request.Pointer)
                : ByAmount(source, request.ItemIndex, request.AmountCents!.Value);
            if (line.NetCents > remainingNet)
            {
                throw ApiException.Invalid(request.Pointer, "exceeds_remaining",
                    $"This line credits {Money(line.NetCents)} excluding VAT of item {request.ItemIndex}, of which {Money(Math.Max(remainingNet, 0))} remains to be credited.");
            }

            if (line.NetCents <= 0)
            {
                throw ApiException.Invalid(request.Pointer, "invalid", "This line credits nothing: its amount after discount is 0.");
            }

            Take(item, line);
        }

        return (items, credited);
    }

    /// <summary>Whether every item with a positive net has been credited in full.</summary>
    public static bool NothingRemains(ClientInvoiceContent invoice, IEnumerable<CreditedLine> credited)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var byItem = credited.GroupBy(l => l.ItemIndex).ToDictionary(g => g.Key, g => g.Sum(l => l.NetCents));
        return invoice.Items.Select((item, i) => item.SubtotalCents <= 0 || byItem.GetValueOrDefault(i) >= item.SubtotalCents).All(done => done);
    }

    /// <summary>What remains of one item, for a full credit: the item itself when untouched, else its remainder.</summary>
    private static (ClientInvoiceItemContent Item, CreditedLine Line)? Remainder(ClientInvoiceItemContent source, int index, ItemState state)
    {
        if (!state.Any)
        {
            // Untouched (negative correction lines included): credited exactly as invoiced.
            var copy = Copy(source, source.Quantity, source.DiscountType, source.DiscountValue);
            return (copy, new CreditedLine(index, source.Quantity, source.SubtotalCents, source.DiscountCents));
        }

        var remainingNet = source.SubtotalCents - state.NetCents;
        if (remainingNet <= 0)
        {
            return null;
        }

        var quantity = Parse(source.Quantity) - state.Quantity;
        if (!state.AnyByAmount && quantity > 0m)
        {
            var byQuantity = ByQuantity(source, index, quantity, state, string.Empty);
            if (byQuantity.Line.NetCents == remainingNet)
            {
                return byQuantity;
            }
        }

        // Rounding of a percentage discount, or earlier lines by amount: the rest as one amount.
        return ByAmount(source, index, remainingNet);
    }

    private static (ClientInvoiceItemContent Item, CreditedLine Line) ByQuantity(ClientInvoiceItemContent source, int index, decimal quantity, ItemState state, string pointer)
    {
        var invoiced = Parse(source.Quantity);
        var remaining = invoiced - state.Quantity;
        if (quantity > remaining)
        {
            throw ApiException.Invalid(pointer + "/quantity", "exceeds_remaining",
                $"quantity {DecimalText.Plain(quantity)} is more than the {DecimalText.Plain(Math.Max(remaining, 0m))} of item {index} that remain to be credited (of {source.Quantity}).");
        }

        string? discountValue = source.DiscountValue;
        long discountCents = 0;
        if (source.DiscountType == "absolute")
        {
            // In proportion, and the line that completes the item takes exactly what is left of its discount.
            discountCents = quantity == remaining
                ? source.DiscountCents - state.DiscountCents
                : Rounding.ToCentsInteger(Rounding.ToCents(Rounding.FromCents(source.DiscountCents) * quantity / invoiced));
            discountValue = DecimalText.Amount(Rounding.FromCents(discountCents));
        }

        var item = Copy(source, DecimalText.Plain(quantity), discountCents == 0 && source.DiscountType == "absolute" ? null : source.DiscountType, discountCents == 0 && source.DiscountType == "absolute" ? null : discountValue);
        var amounts = InvoiceCalculator.Compute([ClientInvoiceMath.ToLine(item)]).Lines[0];
        var net = Rounding.ToCentsInteger(amounts.Net);
        return (item, new CreditedLine(index, DecimalText.Plain(quantity), net, source.DiscountType == "absolute" ? discountCents : 0));
    }

    private static (ClientInvoiceItemContent Item, CreditedLine Line) ByAmount(ClientInvoiceItemContent source, int index, long amountCents)
    {
        var item = Copy(source, "1", null, null);
        item.Unit = null;
        item.UnitPrice = DecimalText.Amount(Rounding.FromCents(amountCents));
        return (item, new CreditedLine(index, null, amountCents, 0));
    }

    private static ClientInvoiceItemContent Copy(ClientInvoiceItemContent source, string quantity, string? discountType, string? discountValue) => new()
    {
        Title = source.Title,
        Description = source.Description,
        Quantity = quantity,
        Unit = source.Unit,
        UnitPrice = source.UnitPrice,
        VatRate = source.VatRate,
        VatExemptionReason = source.VatExemptionReason,
        DiscountType = discountType,
        DiscountValue = discountValue,
    };

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Money(long cents) => DecimalText.Amount(Rounding.FromCents(cents)) + " EUR";

    /// <summary>What the earlier credit notes took of one item.</summary>
    private sealed class ItemState
    {
        public bool Any { get; private set; }
        public bool AnyByAmount { get; private set; }
        public long NetCents { get; private set; }
        public long DiscountCents { get; private set; }
        public decimal Quantity { get; private set; }

        public void Add(CreditedLine line)
        {
            Any = true;
            NetCents += line.NetCents;
            DiscountCents += line.DiscountCents;
            if (line.Quantity is { } quantity)
            {
                Quantity += Parse(quantity);
            }
            else
            {
                AnyByAmount = true;
            }
        }
    }
}
