using System.Text.Json.Serialization;

namespace Comptoir.Server.ClientInvoices;

/// <summary>
/// Everything an invoice says beyond its indexed columns, stored as JSON in client_invoices.body. Decimal values
/// keep the text the client sent (already validated); computed amounts are integer cents.
/// </summary>
[PublicSurface]
public sealed class ClientInvoiceContent
{
    public string Currency { get; set; } = "EUR";
    public string? PurchaseOrder { get; set; }
    public string? TermsAndConditions { get; set; }
    public string? Header { get; set; }
    public string? Footer { get; set; }
    public string? ContactEmail { get; set; }
    public string? PerformanceDate { get; set; }
    public string? PerformanceStartDate { get; set; }
    public string? PerformanceEndDate { get; set; }
    public ClientInvoiceSettings Settings { get; set; } = new();
    public PaymentMethod Payment { get; set; } = new();
    public List<ClientInvoiceItemContent> Items { get; set; } = [];

    /// <summary>The client as it was when last saved (refreshed on draft updates, frozen at finalization).</summary>
    public string ClientSnapshot { get; set; } = "{}";

    /// <summary>The seller as it was when last saved (frozen at finalization).</summary>
    public string OrganizationSnapshot { get; set; } = "{}";

    /// <summary>The invoice's credit notes, oldest first (null until the first: stored bodies stay as they were).</summary>
    public List<string>? CreditNoteIds { get; set; }
}

/// <summary>Per-invoice overrides of the organization's legal settings (the request's "settings").</summary>
public sealed class ClientInvoiceSettings
{
    public string? VatNumber { get; set; }
    public string? CompanyLeadership { get; set; }
    public string? DistrictCourt { get; set; }
    public string? CommercialRegisterNumber { get; set; }
    public string? TaxNumber { get; set; }
    public string? LegalCapitalShare { get; set; }
    public string? TransactionType { get; set; }
    public string? VatPaymentCondition { get; set; }
    public string? DiscountConditions { get; set; }
    public string? LatePaymentPenalties { get; set; }
    public string? LegalFixedCompensation { get; set; }
}

/// <summary>Where the client pays: one of the organization's accounts.</summary>
public sealed class PaymentMethod
{
    public string Iban { get; set; } = string.Empty;
    public string? Bic { get; set; }
    public string? BeneficiaryName { get; set; }
}

/// <summary>One invoice item, as sent and as computed.</summary>
[PublicSurface]
public sealed class ClientInvoiceItemContent
{
    public string Title { get; set; } = string.Empty;
    public string? Description { get; set; }
    public string Quantity { get; set; } = "1";
    public string? Unit { get; set; }
    public string UnitPrice { get; set; } = "0";
    public string VatRate { get; set; } = "0";
    public string? VatExemptionReason { get; set; }
    public string? DiscountType { get; set; }
    public string? DiscountValue { get; set; }

    /// <summary>The line net, after discount (BT-131), in cents.</summary>
    public long SubtotalCents { get; set; }

    public long DiscountCents { get; set; }

    public long VatCents { get; set; }

    public long TotalCents { get; set; }
}

/// <summary>Source-generated JSON for the stored content.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientInvoiceContent))]
[PublicSurface]
internal sealed partial class ClientInvoiceContentJson : JsonSerializerContext
{
    /// <summary>
    /// For storage: quotes as \" and text as UTF-8 rather than \u0022 and \u00E9, so the snapshots nested as strings
    /// take a third less room and time to write (HTML-safe escaping protects nothing in a database column).
    /// </summary>
    public static ClientInvoiceContentJson Stored { get; } = new(new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
