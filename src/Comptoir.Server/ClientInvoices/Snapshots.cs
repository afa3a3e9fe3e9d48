using System.Text.Json;
using System.Text.Json.Serialization;
using Comptoir.Server.Clients;
using Comptoir.Server.Organizations;

namespace Comptoir.Server.ClientInvoices;

/// <summary>Serialises the client and seller as they were, for an invoice to keep.</summary>
public static class Snapshots
{
    public static string Of(ClientRow client) => JsonSerializer.Serialize(client, SnapshotJson.Stored.ClientRow);

    public static string Of(OrganizationRow organization) => JsonSerializer.Serialize(organization, SnapshotJson.Stored.OrganizationRow);

    public static ClientRow Client(string json) => JsonSerializer.Deserialize(json, SnapshotJson.Default.ClientRow) ?? new ClientRow();

    public static OrganizationRow Organization(string json) => JsonSerializer.Deserialize(json, SnapshotJson.Default.OrganizationRow) ?? new OrganizationRow();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClientRow))]
[JsonSerializable(typeof(OrganizationRow))]
internal sealed partial class SnapshotJson : JsonSerializerContext
{
    /// <summary>Compact escaping for storage (see ClientInvoiceContentJson.Stored).</summary>
    public static SnapshotJson Stored { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
