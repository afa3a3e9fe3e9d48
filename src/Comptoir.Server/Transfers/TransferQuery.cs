namespace Comptoir.Server.Transfers;

/// <summary>The filters and order of GET /v2/sepa/transfers; empty lists and nulls filter nothing.</summary>
public sealed record TransferQuery
{
    public static readonly string[] SortFields = ["created_at", "updated_at", "scheduled_date"];

    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Ids { get; init; } = [];
    public IReadOnlyList<string> BeneficiaryIds { get; init; } = [];
    public string? UpdatedFrom { get; init; }
    public string? UpdatedTo { get; init; }
    public string? ScheduledFrom { get; init; }
    public string? ScheduledTo { get; init; }
    public string SortField { get; init; } = "created_at";
    public bool Descending { get; init; } = true;
}
