using System.Text.Json;
using System.Text.Json.Serialization;
using Comptoir.Core.Money;

namespace Comptoir.Server.SupplierInvoices;

/// <summary>The supplier invoice as the API prints it; the data fields are null until the analysis has run.</summary>
[PublicSurface]
public sealed record SupplierInvoiceResponse(
    string Id,
    string OrganizationId,
    string FileName,
    string Status,
    string SourceType,
    string Source,
    string CreatedAt,
    string UpdatedAt,
    string AttachmentId,
    string DisplayAttachmentId,
    string? InvoiceNumber,
    string? SupplierName,
    string? VatNumber,
    string? Tin,
    string? Description,
    SupplierInvoiceMoney? TotalAmount,
    SupplierInvoiceMoney? TotalAmountExcludingTaxes,
    SupplierInvoiceMoney? TotalTaxAmount,
    IReadOnlyList<SupplierInvoiceTax> Taxes,
    SupplierInvoiceMoney? PayableAmount,
    string? IssueDate,
    string? DueDate,
    string? PaymentDate,
    string? ScheduledDate,
    string? Iban,
    bool IsEinvoice,
    string? EInvoiceType,
    bool IsCreditNote,
    bool HasDuplicates,
    bool HasDiscrepancies,
    IReadOnlyList<SupplierInvoiceDiscrepancy> Discrepancies,
    string? AnalyzedAt,
    IReadOnlyList<string> MatchedTransactions,
    IReadOnlyList<string> TransferIds,
    JsonElement? RequestTransfer,
    string? DeclinedNote,
    string? DeclinedReasonCode,
    IReadOnlyList<JsonElement> EinvoicingLifecycleEvents,
    JsonElement Meta,
    SupplierInvoiceActions AvailableActions,
    string? InitiatorId)
{
    public static SupplierInvoiceResponse From(SupplierInvoiceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var currency = row.Currency ?? "EUR";
        SupplierInvoiceMoney? Money(long? cents) => cents is { } value ? new SupplierInvoiceMoney(DecimalText.Amount(Rounding.FromCents(value)), currency) : null;
        using var meta = JsonDocument.Parse(row.Meta);
        return new SupplierInvoiceResponse(
            row.Id, row.OrganizationId, row.FileName, row.Status, row.SourceType, row.Source, row.CreatedAt, row.UpdatedAt,
            row.AttachmentId, row.AttachmentId, row.InvoiceNumber, row.SupplierName, row.VatNumber, row.Tin, row.Description,
            Money(row.TotalAmountCents), Money(row.TotalAmountExcludingTaxesCents), Money(row.TotalTaxAmountCents),
            [.. SupplierInvoiceStore.ReadTaxes(row.Taxes).Select(t => new SupplierInvoiceTax(Money(t.Cents)!, RateText(t.Rate)))],
            Money(row.PayableAmountCents), row.IssueDate, row.DueDate, row.PaymentDate, row.ScheduledDate, row.Iban,
            row.IsEinvoice, row.EInvoiceType, row.IsCreditNote, row.HasDuplicates, row.Discrepancies is not null,
            [.. SupplierInvoiceStore.ReadDiscrepancies(row.Discrepancies).Select(d => new SupplierInvoiceDiscrepancy(d.Rule, d.Message, d.Location, d.Field))],
            row.AnalyzedAt, SupplierInvoiceStore.ReadIds(row.MatchedTransactions), SupplierInvoiceStore.ReadIds(row.TransferIds), null, row.DeclinedNote, row.DeclinedReasonCode, [], meta.RootElement.Clone(),
            SupplierInvoiceActions.For(row.Status),
            row.InitiatorId);
    }

    /// <summary>The API's rates are fractions as decimal text ("0.2" for 20 %); the row keeps percent.</summary>
    private static string RateText(string percent) =>
        DecimalText.TryParse(percent, out var value) ? DecimalText.Plain(value / 100m) : percent;
}

/// <summary>{"value": "120.00", "currency": "EUR"}.</summary>
[PublicSurface]
public sealed record SupplierInvoiceMoney(string Value, string Currency);

/// <summary>One VAT row: the tax and its rate as a fraction ("0.2").</summary>
[PublicSurface]
public sealed record SupplierInvoiceTax(SupplierInvoiceMoney TaxAmount, string TaxRate);

/// <summary>
/// A rule of EN 16931 the invoice breaks, and how; location (an XPath into the e-invoice's XML) and field (the
/// business term, BT-xx) when the validator names them, null for the arithmetic checks of MINIMUM and BASIC WL.
/// </summary>
[PublicSurface]
public sealed record SupplierInvoiceDiscrepancy(string Rule, string Message, string? Location, string? Field);

/// <summary>
/// Which actions the invoice's status allows now, read from <see cref="SupplierInvoiceTransitions"/>: the public API's
/// (mark_as_paid, unmark_as_paid, reject), the web app's (submit, approve, archive, discard, edit) and pay.
/// </summary>
[PublicSurface]
public sealed record SupplierInvoiceActions(bool MarkAsPaid, bool UnmarkAsPaid, bool Reject, bool Submit, bool Approve, bool Archive, bool Discard, bool Edit, bool Pay)
{
    public static SupplierInvoiceActions For(string status) => new(
        SupplierInvoiceTransitions.MarkAsPaid.AllowedFrom(status),
        SupplierInvoiceTransitions.UnmarkAsPaid.AllowedFrom(status),
        SupplierInvoiceTransitions.Reject.AllowedFrom(status),
        SupplierInvoiceTransitions.Submit.AllowedFrom(status),
        SupplierInvoiceTransitions.Approve.AllowedFrom(status),
        SupplierInvoiceTransitions.Archive.AllowedFrom(status),
        SupplierInvoiceTransitions.Discard.AllowedFrom(status),
        SupplierInvoiceTransitions.Edit.AllowedFrom(status),
        SupplierInvoiceTransitions.Pay.AllowedFrom(status));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SupplierInvoiceResponse))]
internal sealed partial class SupplierInvoicesJsonContext : JsonSerializerContext;
