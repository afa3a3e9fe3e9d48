using Comptoir.Core.Money;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;

namespace Comptoir.Server.CreditNotes;

/// <summary>One line asked for: an invoice item (its index) credited by quantity or by an amount excluding VAT.</summary>
/// <param name="Pointer">Where the line is in the request, for the errors that name it.</param>
public sealed record CreditLineRequest(int ItemIndex, decimal? Quantity, long? AmountCents, string Pointer);

/// <summary>A credit note to issue: no lines means everything that remains to be credited.</summary>
[PublicSurface]
public sealed record CreditNoteRequest(string InvoiceId, string Reason, IReadOnlyList<CreditLineRequest> Lines)
{
    public const int MaxReasonLength = 500;
    public const int MaxLines = 200;

    /// <summary>The largest amount a line may credit: the API's largest unit price (the line is 1 x that amount).</summary>
    private const long MaxAmountCents = 100_000_000_00;

    /// <summary>The full credit of whatever remains, for <paramref name="reason"/>.</summary>
    public static CreditNoteRequest Full(string invoiceId, string reason) => new(invoiceId, reason, []);

    /// <summary>
    /// Reads {"invoice_id", "reason", "items": [{"item_index", "quantity" | "amount"}]}, flat or wrapped in
    /// {"credit_note": {...}}; every invalid field is named in one 422.
    /// </summary>
    public static CreditNoteRequest Read(JsonBody root)
    {
        var body = root.Object("credit_note") ?? root;
        var errors = new FieldErrors();
        string invoiceId = string.Empty, reason = string.Empty;
        var lines = new List<CreditLineRequest>();
        errors.Check(() =>
        {
            invoiceId = body.RequiredString("invoice_id", 36);
            if (!Guid.TryParse(invoiceId, out _))
            {
                throw body.Invalid("invoice_id", "not_found", "invoice_id is not an invoice of this organization.");
            }
        });
        errors.Check(() =>
        {
            reason = body.RequiredString("reason", MaxReasonLength).Trim();
            if (reason.Length == 0)
            {
                throw body.Required("reason", "reason is required: a credit note states why it corrects the invoice.");
            }
        });
        errors.Check(() =>
        {
            foreach (var item in body.Objects("items", MaxLines))
            {
                errors.Check(() => lines.Add(ReadLine(item)));
            }
        });
        errors.ThrowIfAny();
        return new CreditNoteRequest(invoiceId, reason, lines);
    }

    private static CreditLineRequest ReadLine(JsonBody item)
    {
        var index = item.Decimal("item_index") ?? throw item.Required("item_index", "item_index is required: the position of the invoice's item, from 0.");
        if (index < 0 || index != decimal.Truncate(index) || index > int.MaxValue)
        {
            throw item.Invalid("item_index", "invalid", "item_index must be a whole number from 0.");
        }

        var quantity = item.Decimal("quantity");
        var amount = item.Money("amount");
        if ((quantity is null) == (amount is null))
        {
            throw item.Invalid(quantity is null ? "quantity" : "amount", "invalid", "give either quantity (units of the item) or amount (excluding VAT), not both and not neither.");
        }

        if (quantity is { } q && (q <= 0m || DecimalText.Scale(q) > 4))
        {
            throw item.Invalid("quantity", "invalid", "quantity must be above 0, with at most 4 decimals.");
        }

        long? amountCents = null;
        if (amount is { } a)
        {
            if (a <= 0m || DecimalText.Scale(a) > 2 || a > Rounding.FromCents(MaxAmountCents))
            {
                throw item.Invalid("amount", "invalid", "amount (excluding VAT) must be above 0, with at most 2 decimals.");
            }

            amountCents = Rounding.ToCentsInteger(a);
        }

        return new CreditLineRequest((int)index, quantity, amountCents, item.Pointer);
    }
}
