namespace Comptoir.Server.InternalTransfers;

/// <summary>Money moved between two accounts of one organization (table internal_transfers): settled at once.</summary>
public sealed class InternalTransferRow
{
    public const string Settled = "settled";

    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string IdempotencyKey { get; set; } = string.Empty;
    public string DebitAccountId { get; set; } = string.Empty;
    public string CreditAccountId { get; set; } = string.Empty;
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Reference { get; set; } = string.Empty;
    public string Status { get; set; } = Settled;
    public string DebitTransactionId { get; set; } = string.Empty;
    public string CreditTransactionId { get; set; } = string.Empty;
    public string? InitiatorId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}

/// <summary>What POST /v2/internal_transfers asks for: IBANs of two accounts of the organization.</summary>
public sealed record InternalTransferRequest(string DebitIban, string CreditIban, long AmountCents, string Reference);
