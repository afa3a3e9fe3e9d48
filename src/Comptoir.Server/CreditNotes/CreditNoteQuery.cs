namespace Comptoir.Server.CreditNotes;

/// <summary>The filters and order of GET /v2/credit_notes.</summary>
public sealed record CreditNoteQuery(string? CreatedFrom, string? CreatedTo, bool Descending);
