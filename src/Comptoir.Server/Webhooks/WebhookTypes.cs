using Comptoir.Server.Http.Auth;

namespace Comptoir.Server.Webhooks;

/// <summary>
/// The event types a subscription may name, as the public API spells them (<c>v1/client-invoices</c> with a hyphen),
/// and the read scope a token needs to subscribe to each. Two are Comptoir's own: supplier invoices and transfers.
/// </summary>
[PublicSurface]
public static class WebhookTypes
{
    public const string ClientInvoices = "v1/client-invoices";
    public const string Transactions = "v1/transactions";
    public const string Clients = "v1/clients";
    public const string Accounts = "v1/accounts";
    public const string Organizations = "v1/organizations";
    public const string SupplierInvoices = "v1/supplier-invoices";
    public const string Transfers = "v1/transfers";

    /// <summary>Every type and the scope that reads what its events carry.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReadScopes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ClientInvoices] = Scopes.ClientInvoiceRead,
        [Transactions] = Scopes.OrganizationRead,
        [Clients] = Scopes.ClientRead,
        [Accounts] = Scopes.OrganizationRead,
        [Organizations] = Scopes.OrganizationRead,
        [SupplierInvoices] = Scopes.SupplierInvoiceRead,
        // The API has no payment read scope: reading transfers takes payment.write.
        [Transfers] = Scopes.PaymentWrite,
    };

    /// <summary>Types the public API does not have (documented as Comptoir's own).</summary>
    public static readonly IReadOnlySet<string> ComptoirOwn = new HashSet<string>(StringComparer.Ordinal) { SupplierInvoices, Transfers };

    public static IEnumerable<string> All => ReadScopes.Keys;
}

/// <summary>The "event" of a delivery's data: what happened to the resource.</summary>
[PublicSurface]
public static class WebhookEventNames
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    /// <summary>A signed test event sent on request (POST /v2/webhook_subscriptions/{id}/test).</summary>
    public const string Test = "test";
}
