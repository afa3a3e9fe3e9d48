namespace Comptoir.Server.ClientInvoices;

/// <summary>Filters and order of GET /v2/client_invoices.</summary>
public sealed record ClientInvoiceQuery
{
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public string? CreatedFrom { get; init; }
    public string? CreatedTo { get; init; }
    public string? UpdatedFrom { get; init; }
    public string? UpdatedTo { get; init; }
    public string? DueDate { get; init; }
    public string? DueFrom { get; init; }
    public string? DueTo { get; init; }

    /// <summary>created_at or updated_at.</summary>
    public string SortField { get; init; } = "created_at";

    public bool Descending { get; init; } = true;

    /// <summary>Every field above, as one text: two queries with the same text select the same invoices in the same order.</summary>
    public string Canonical() => string.Join('|',
        string.Join(',', Statuses.Distinct().Order(StringComparer.Ordinal)),
        CreatedFrom, CreatedTo, UpdatedFrom, UpdatedTo, DueDate, DueFrom, DueTo, SortField, Descending ? "desc" : "asc");
}
