namespace Comptoir.Client.Models;

/// <summary>A label transactions can carry; <see cref="ParentId"/> names the label it sits under.</summary>
public sealed record Label(string Id, string Name, string? ParentId);

/// <summary>A person acting for the organization; every API key and token acts as one.</summary>
public sealed record Membership(string Id, string FirstName, string LastName, string? Email, string Role, string TeamId, string Status);

/// <summary>A new SEPA beneficiary (created untrusted); <see cref="Bic"/> may be left out when the server knows the IBAN's bank.</summary>
public sealed record NewBeneficiary(string Name, string Iban, string? Bic = null, string? Email = null, string? ActivityTag = null);

/// <summary>The beneficiary fields to change; null ones stay as they are.</summary>
public sealed record BeneficiaryChanges(string? Name = null, string? Email = null, string? ActivityTag = null);

/// <summary>What to change on a transaction: <see cref="LabelIds"/> replaces the whole set; an empty <see cref="Note"/> clears it.</summary>
public sealed record TransactionChanges(IReadOnlyList<string>? LabelIds = null, string? Note = null);
