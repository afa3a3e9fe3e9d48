using System.ComponentModel;

namespace Comptoir.Server.InternalTransfers;

// The internal transfer JSON and body (InternalTransfersApi), described for the OpenAPI document only.

[Description("An internal transfer, settled when it is created; amount is a number in euros, amount_cents the same in cents.")]
public sealed record InternalTransferDoc(string Id, string Slug, string Status, decimal Amount, long AmountCents, string AmountCurrency, string Reference, DateTimeOffset CreatedAt);

public sealed record InternalTransferResponseDoc(InternalTransferDoc InternalTransfer);

[Description("Two IBANs of the organization's accounts; amount a decimal string such as \"12345.67\"; currency (or amount_currency) EUR.")]
public sealed record InternalTransferFieldsDoc(string DebitIban, string CreditIban, string Amount, string Reference, string? Currency = null, string? AmountCurrency = null);

[Description("Needs X-Qonto-Idempotency-Key.")]
public sealed record InternalTransferRequestDoc(InternalTransferFieldsDoc InternalTransfer);
