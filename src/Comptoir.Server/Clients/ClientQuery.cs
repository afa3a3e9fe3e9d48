namespace Comptoir.Server.Clients;

/// <summary>Filters and order of GET /v2/clients.</summary>
public sealed record ClientQuery
{
    public string? Email { get; init; }
    public string? VatNumber { get; init; }
    public string? TaxIdentificationNumber { get; init; }
    public string? Name { get; init; }
    public string? UpdatedFrom { get; init; }
    public string? UpdatedTo { get; init; }

    /// <summary>name, created_at or updated_at.</summary>
    public string SortField { get; init; } = "name";

    public bool Descending { get; init; }
}
