using System.Data.Common;
using System.Text.Json;
using Comptoir.Server.Webhooks;
using Dapper;

namespace Comptoir.Server.Organizations;

/// <summary>
/// The v1/organizations webhook event: the organization as GET /v2/organization renders it (with its bank accounts),
/// recorded in the transaction that changed it. Balance changes are v1/accounts events, not these.
/// </summary>
internal static class OrganizationEvents
{
    /// <summary>Records "updated"; the organization is read and rendered only when someone subscribes to the type.</summary>
    public static Task UpdatedAsync(DbConnection connection, DbTransaction transaction, string organizationId, string now) =>
        WebhookEvents.RecordAsync(connection, transaction, organizationId, WebhookTypes.Organizations, WebhookEventNames.Updated, async () =>
        {
            var organization = await connection.QuerySingleAsync<OrganizationRow>(OrganizationStore.SelectOrganization, new { id = organizationId }, transaction).ConfigureAwait(false);
            var accounts = (await connection.QueryAsync<BankAccountRow>(OrganizationStore.SelectAccounts, new { organizationId }, transaction).ConfigureAwait(false)).AsList();
            return JsonSerializer.Serialize(OrganizationResponse.From(organization, accounts), OrganizationsJsonContext.Default.OrganizationResponse);
        }, now);
}
