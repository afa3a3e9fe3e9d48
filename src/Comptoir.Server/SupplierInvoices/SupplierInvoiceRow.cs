namespace Comptoir.Server.SupplierInvoices;

/// <summary>A row of supplier_invoices. The data fields (number, supplier, amounts, dates...) are null until analysed.</summary>
[PublicSurface]
public sealed class SupplierInvoiceRow
{
    public string Id { get; set; } = string.Empty;
    public string OrganizationId { get; set; } = string.Empty;
    public string IdempotencyKey { get; set; } = string.Empty;
    public string AttachmentId { get; set; } = string.Empty;
    public string FileName { get; set; } = string.Empty;
    public string FileNameSearch { get; set; } = string.Empty;
    public string Status { get; set; } = SupplierInvoiceStatus.ToReview;

    /// <summary>The status an invoice had when marked paid by hand, where unmarking returns it.</summary>
    public string? StatusBeforePaid { get; set; }

    public string Source { get; set; } = string.Empty;
    public string SourceType { get; set; } = string.Empty;

    /// <summary>The request's meta, a JSON object as text.</summary>
    public string Meta { get; set; } = "{}";

    public string? InvoiceNumber { get; set; }
    public string? InvoiceNumberSearch { get; set; }
    public string? SupplierName { get; set; }
    public string? SupplierNameSearch { get; set; }
    public string? VatNumber { get; set; }
    public string? Tin { get; set; }
    public string? Description { get; set; }
    public string? Currency { get; set; }
    public long? TotalAmountCents { get; set; }
    public long? TotalAmountExcludingTaxesCents { get; set; }
    public long? TotalTaxAmountCents { get; set; }
    public long? PayableAmountCents { get; set; }

    /// <summary>The VAT breakdown as JSON text: [{"rate":"20","cents":1234}], rates in percent.</summary>
    public string? Taxes { get; set; }

    public string? IssueDate { get; set; }
    public string? DueDate { get; set; }
    public string? PaymentDate { get; set; }
    public string? ScheduledDate { get; set; }
    public string? Iban { get; set; }
    public bool IsEinvoice { get; set; }
    public string? EInvoiceType { get; set; }
    public bool IsCreditNote { get; set; }
    public bool HasDuplicates { get; set; }

    /// <summary>What the analysis found wrong, as JSON text: [{"rule":"BR-CO-15","message":"..."}]; null when nothing.</summary>
    public string? Discrepancies { get; set; }

    public string? AnalyzedAt { get; set; }

    /// <summary>The transfers that carry the invoice's file, as a JSON array of ids, oldest first.</summary>
    public string TransferIds { get; set; } = "[]";

    /// <summary>Transactions whose receipt is the same file (the attachment matcher), as a JSON array of ids.</summary>
    public string MatchedTransactions { get; set; } = "[]";

    /// <summary>The upload asked not to look for the file among transaction receipts.</summary>
    public bool SkipAttachmentMatcher { get; set; }
    public string? DeclinedNote { get; set; }
    public string? DeclinedReasonCode { get; set; }
    public string? InitiatorId { get; set; }
    public string CreatedAt { get; set; } = string.Empty;
    public string UpdatedAt { get; set; } = string.Empty;
}
