namespace Comptoir.Server.SupplierInvoices;

/// <summary>Filters and order of GET /v2/supplier_invoices, as read from the query.</summary>
public sealed record SupplierInvoiceQuery
{
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>past_and_today, future or missing_date, relative to <see cref="Today"/>.</summary>
    public string? DueDate { get; init; }

    /// <summary>The organization's today (YYYY-MM-DD), for <see cref="DueDate"/>.</summary>
    public string Today { get; init; } = string.Empty;

    public string? CreatedFrom { get; init; }
    public string? CreatedTo { get; init; }
    public string? UpdatedFrom { get; init; }
    public string? UpdatedTo { get; init; }
    public string? AttachmentId { get; init; }
    public string? IssueDateFrom { get; init; }

    /// <summary>The comparison (&lt;=, &gt;=, =, &lt;, &gt;) and amount of filter[payable_amount], with its currency when given.</summary>
    public (string Operator, long Cents, string? Currency)? PayableAmount { get; init; }

    public bool? MissingData { get; init; }
    public bool ExcludeCreditNotes { get; init; }

    /// <summary>Folded search text, matched in <see cref="QueryFields"/>.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<string> QueryFields { get; init; } = SupplierInvoiceQueryFields.All;

    public string SortField { get; init; } = "created_at";
    public bool Descending { get; init; } = true;
}

/// <summary>The fields query_fields may name, and their search columns.</summary>
public static class SupplierInvoiceQueryFields
{
    public static readonly IReadOnlyList<string> All = ["supplier_name", "invoice_number", "file_name"];

    public static string Column(string field) => field switch
    {
        "supplier_name" => "supplier_name_search",
        "invoice_number" => "invoice_number_search",
        "file_name" => "file_name_search",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
